"""Hostile front matter: huge lists, many unknown values, odd YAML; Dutch messages, linear work.

Single bad inputs with a fixed message are golden files in tests/data/invalid/; here are the
inputs too large for a golden file and the properties that must hold for every input.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.frontmatter import parse
from build_tools.load import load_file
from build_tools.validate import MAX_ITEMS, MAX_SUGGESTIONS, check
from build_tools.vocabulary import default_vocabulary

from .conftest import PROJECT, practice_text


def problems_of(path):
    _practice, problems = load_file(path)
    return [f"{p.line}: {p.field}: {p.message}" for p in problems]


def test_100k_tags_are_refused_with_one_message(write_practice):
    # Before: de-duplication compared every tag with every earlier one (100k never finished).
    tags = "tags: [" + ", ".join(f"t{i}" for i in range(100_000)) + "]"
    path = write_practice("veel-trefwoorden", tags=tags)
    assert problems_of(path) == [f"8: tags: heeft 100000 items; er mogen er hoogstens {MAX_ITEMS['tags']} zijn"]


def test_region_list_is_bounded_by_the_vocabulary(write_practice):
    regions = len(default_vocabulary().regions)
    path = write_practice("veel-regios", region="region: [" + ", ".join(["Twente"] * 50_000) + "]")
    assert problems_of(path) == [f"4: region: heeft 50000 items; er mogen er hoogstens {regions} zijn"]


def test_a_list_at_its_limit_is_accepted_and_duplicates_are_dropped_in_order(write_practice):
    names = [f"Organisatie {i % 10}" for i in range(MAX_ITEMS["organisations"])]
    path = write_practice("veel-organisaties", organisations="organisations: [" + ", ".join(names) + "]")
    practice, problems = load_file(path)
    assert problems == []
    assert practice.organisations == tuple(f"Organisatie {i}" for i in range(10))


def test_suggestions_stop_after_the_budget_but_every_problem_is_reported(write_practice):
    # Every unknown key gets a problem; only the first MAX_SUGGESTIONS look for a "bedoelde je".
    count = MAX_SUGGESTIONS + 30
    keys = {f"k{i}": f"regio{chr(97 + i % 26)}{i}: x" for i in range(count)}
    path = write_practice("veel-onbekende-velden", **keys)
    problems = problems_of(path)
    assert len(problems) == count
    assert sum("bedoelde je 'region'?" in p for p in problems) == MAX_SUGGESTIONS
    assert all("onbekend veld" in p for p in problems)


def test_unknown_regions_get_at_most_the_budget_of_suggestions(write_practice):
    values = ", ".join(["Twnte"] * 36)  # 36 = the vocabulary's size, so the count limit is not hit
    path = write_practice("veel-onbekende-regios", region=f"region: [{values}]")
    problems = problems_of(path)
    assert len(problems) == 36
    assert sum("bedoelde je 'Twente'?" in p for p in problems) == MAX_SUGGESTIONS


# Words of PyYAML's and libyaml's English messages; none may reach a user.
ENGLISH = re.compile(r"\b(found|expected|while|could not|occurrence|position|constructor|scanning|parsing|"
                     r"character|mapping|sequence|unicode string|line \d|column|allowed|token|stream)\b")
YAMLISH = st.text(alphabet="[]{}:,-?!&*|>'\"#%@` \n\tabz019_.\\x", max_size=120)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["title", "year", "tags", "contact", "draft", "date"]), YAMLISH, YAMLISH)
def test_no_english_parser_fragment_reaches_a_message(field, value, more):
    text = practice_text(**{field: f"{field}: {value}"}).replace("\n---\n", f"\n{more}\n---\n", 1)
    parsed = parse(text.encode("utf-8"), "fuzz.md")
    check(parsed, "fuzz", PROJECT / "fuzz.md", default_vocabulary())
    for problem in parsed.problems:
        assert not ENGLISH.search(problem.message), problem.message
