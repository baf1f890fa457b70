"""build_tools.scaffold: answers checked by the real validator, files written safely."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import scaffold
from build_tools.errors import PracticesFolderError
from build_tools.load import load_file, load_practices
from build_tools.textutil import FORBIDDEN_RE
from build_tools.scaffold import AnswerError, Answers, ScaffoldError


def answers(**overrides) -> Answers:
    values = dict(title="Fietsen repareren in de wijk",
                  description="Een werkplaats waar mensen leren fietsen te repareren.",
                  region=["Twente"], themes=["beschut-werk"], organisations=["Werkbedrijf A"], year=2019)
    values.update(overrides)
    return Answers(**values)


def front(path):
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1]), text


def test_check_answer_returns_canonical_values():
    assert scaffold.check_answer("region", ["twente", "achterhoek"]) == ["Twente", "Achterhoek"]
    assert scaffold.check_answer("themes", ["Beschut werk", "wmo"]) == ["beschut-werk", "wmo"]
    assert scaffold.check_answer("year", 2019) == 2019
    assert scaffold.check_answer("title", "  Een titel  ") == "Een titel"


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("region", ["Twnte"], "onbekende arbeidsmarktregio 'Twnte'; bedoelde je 'Twente'?"),
    ("themes", ["beschut wrek"], "bedoelde je 'beschut-werk'?"),
    ("title", "Kort", "moet 5 tot 120 tekens lang zijn (nu 4)"),
    ("description", "Te kort.", "moet 20 tot 300 tekens lang zijn (nu 8)"),
    ("year", 2009, "2009"),
    ("year", "twintig", "moet een jaartal zijn"),
    ("organisations", [], "noem er minstens één"),
])
def test_check_answer_gives_the_validators_message(field, value, expected):
    with pytest.raises(AnswerError) as info:
        scaffold.check_answer(field, value)
    assert info.value.field == field
    assert any(expected in m for m in info.value.messages), info.value.messages


def test_resolve_choices_numbers_names_and_labels_with_commas():
    regions = scaffold.choice_list("region")
    assert scaffold.resolve_choices("1", "region") == [regions[0][0]]
    assert scaffold.resolve_choices("Twente, 1", "region") == ["Twente", regions[0][0]]
    assert scaffold.resolve_choices("Ontwikkeling, leren en scholing", "themes") == ["ontwikkeling"]
    assert scaffold.resolve_choices("wmo; dagbesteding", "themes") == ["wmo", "dagbesteding"]
    with pytest.raises(AnswerError, match="nummer 99"):
        scaffold.resolve_choices("99", "themes")
    with pytest.raises(AnswerError, match="bedoelde je 'Twente'"):
        scaffold.resolve_choices("Twnte", "region")


def test_slug_rules(tmp_path):
    assert scaffold.check_slug("mijn-praktijk.md") == "mijn-praktijk"
    with pytest.raises(AnswerError, match="ongeldig"):
        scaffold.check_slug("Mijn Praktijk")
    with pytest.raises(AnswerError, match="is leeg"):
        scaffold.check_slug("  ")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bestaat.md").write_text("x", encoding="utf-8")
    with pytest.raises(AnswerError, match="er bestaat al een praktijk 'bestaat'"):
        scaffold.check_slug("bestaat", tmp_path)


def test_propose_slug_from_title_and_unique(tmp_path):
    assert scaffold.propose_slug("Één café: 'koffie' & werk!") == "een-cafe-koffie-werk"
    (tmp_path / "een-cafe.md").write_text("x", encoding="utf-8")
    (tmp_path / "een-cafe-2.md").write_text("x", encoding="utf-8")
    assert scaffold.propose_slug("Eén café", tmp_path) == "een-cafe-3"


def test_write_practice_produces_a_valid_file_with_headings_and_date(tmp_path):
    path = scaffold.write_practice(tmp_path, answers(region=["Twente", "Achterhoek"]), today=dt.date(2026, 3, 4))
    assert path == tmp_path / "fietsen-repareren-in-de-wijk.md"
    practice, problems = load_file(path)
    assert problems == []
    assert practice.region == ("Twente", "Achterhoek")
    assert practice.date == dt.date(2026, 3, 4)
    data, text = front(path)
    assert list(data) == ["title", "description", "region", "themes", "organisations", "year", "date"]
    for heading in ("Aanleiding", "Aanpak", "Resultaten", "Lessen", "Contact"):
        assert f"\n## {heading}\n\n_" in text
    # nothing left behind but the new file
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert load_practices(tmp_path).ok


def test_write_practice_single_region_is_a_string(tmp_path):
    data, _ = front(scaffold.write_practice(tmp_path, answers()))
    assert data["region"] == "Twente"
    assert data["date"] == dt.date.today()


def test_never_overwrites(tmp_path):
    target = tmp_path / "fietsen-repareren-in-de-wijk.md"
    target.write_text("van iemand anders", encoding="utf-8")
    with pytest.raises(AnswerError, match="er bestaat al"):
        scaffold.write_practice(tmp_path, answers(slug="fietsen-repareren-in-de-wijk"))
    assert target.read_text(encoding="utf-8") == "van iemand anders"


def test_place_new_refuses_an_existing_target_race(tmp_path):
    # the file appears after the slug check: linking must still refuse to replace it
    source = tmp_path / "bron.md"
    source.write_text("nieuw", encoding="utf-8")
    target = tmp_path / "doel.md"
    target.write_text("bestaand", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="bestaat al; er is niets overschreven"):
        scaffold.place_new(source, target)
    assert target.read_text(encoding="utf-8") == "bestaand"


def test_place_new_without_hard_links_uses_exclusive_create(tmp_path, monkeypatch):
    def no_links(src, dst):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    source = tmp_path / "bron.md"
    source.write_text("nieuw", encoding="utf-8")
    scaffold.place_new(source, tmp_path / "doel.md")
    assert (tmp_path / "doel.md").read_text(encoding="utf-8") == "nieuw"
    with pytest.raises(ScaffoldError):
        scaffold.place_new(source, tmp_path / "doel.md")


def test_missing_folder(tmp_path):
    with pytest.raises(PracticesFolderError):
        scaffold.write_practice(tmp_path / "nergens", answers())


def test_check_answers_collects_every_problem():
    with pytest.raises(AnswerError) as info:
        scaffold.check_answers(answers(title="x", region=["Nergensland"], year=1999))
    text = " | ".join(info.value.messages)
    assert "title:" in text and "region:" in text and "year:" in text


# Any title/description/organisation the validator accepts survives the YAML emitter unchanged.
_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda text: not FORBIDDEN_RE.search(text))  # the characters the validator refuses, from their one place


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_text, org=_text)
def test_awkward_text_round_trips(tmp_path_factory, title, org):
    title = ("Titel " + title).strip()
    org = ("Org " + org).strip()
    folder = tmp_path_factory.mktemp("p")
    path = scaffold.write_practice(folder, answers(title=title, organisations=[org], slug="praktijk"))
    practice, problems = load_file(path)
    assert problems == []
    assert practice.title == " ".join(title.split()) if "\n" in title else practice.title == title
    assert practice.organisations == (org,)


@pytest.mark.parametrize("slug", ["index", "readme"])
def test_reserved_slugs_are_refused_and_never_proposed(slug, tmp_path):
    with pytest.raises(AnswerError, match="gereserveerde naam"):
        scaffold.check_slug(slug, tmp_path)
    assert scaffold.propose_slug(slug.capitalize(), tmp_path) == f"{slug}-2"
    assert scaffold.propose_slug(slug.capitalize()) == f"{slug}-2"
