"""Property-based tests: no query string can crash the parser or the search."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import search
from search.query import MAX_WORDS, parse_query

SPECIAL = st.sampled_from(list('"\'-*():[]{}^~!?\\/+&|<>,.;é ëüç\t\n') + ["AND", "OR", "NOT", "werk*", "-de",
                                                                      '"beschut', "fietsen", "de", "*"])
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(SPECIAL, max_size=40).map("".join),
    st.lists(st.one_of(SPECIAL, st.text(max_size=8)), max_size=30).map(" ".join),
)


@given(QUERIES)
@settings(max_examples=400, deadline=None)
def test_parser_never_raises(text):
    parsed = parse_query(text)
    assert len(parsed.clauses) <= MAX_WORDS * 3
    for clause in parsed.clauses:
        assert clause.terms and clause.kind in {"word", "phrase", "prefix"}


@pytest.fixture(scope="module")
def small_index(tmp_path_factory):
    root = tmp_path_factory.mktemp("prop")
    practices = root / "praktijken"
    practices.mkdir()
    for slug, title, body in [
        ("fietsen", "Fietsenwerkplaats in Almelo", "Werk in de fietsenwerkplaats: repareren en verkopen."),
        ("zorg", "Zorgboerderij in Groningen", "Beschut werk en dagbesteding op een boerderij met dieren."),
    ]:
        (practices / f"{slug}.md").write_text(textwrap.dedent(f"""\
            ---
            title: {title}
            description: Een korte samenvatting van deze praktijk voor de eigenschapstest.
            region: Twente
            themes: [beschut-werk]
            organisations: [Werkbedrijf Test]
            year: 2018
            ---

            {body}
            """), encoding="utf-8")
    index = root / "index"
    search.update_index(practices, index)
    return practices, index


@given(QUERIES)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_search_never_raises(small_index, text):
    practices, index = small_index
    result = search.search(practices, index, text)
    data = result.to_dict()
    assert data["total"] >= len(data["results"])
    assert result.total or result.notes or True  # no crash is the property; shape checked above


def test_pathological_inputs(small_index):
    practices, index = small_index
    for text in ['"', '""', "(", "a:b", "title:fietsen", "-", "--", "*", "**", "werk**", "de het een",
                 "fietsen " * 5000, "x" * 10_000, "\x00", "NOT AND OR", '-"de"', "w*"]:
        result = search.search(practices, index, text)
        assert isinstance(result.total, int)
    assert search.search(practices, index, "title:boerderij").total == 1  # colon is just text
    assert search.search(practices, index, "de het een").notes  # only stop words: a message
    long_query = search.search(practices, index, "boerderij " * 5000)
    assert long_query.total == 1 and any("ingekort" in n for n in long_query.notes)
