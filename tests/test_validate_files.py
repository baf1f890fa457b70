"""Each bad input in tests/data/invalid/ beside its expected problem lines; valid edge cases too."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.load import load_file

from .conftest import DATA

INVALID = sorted((DATA / "invalid").glob("*.md"))
VALID = sorted((DATA / "valid").glob("*.md"))


def test_there_are_enough_distinct_bad_inputs():
    assert len(INVALID) >= 25
    assert all(path.with_suffix(".expected").exists() for path in INVALID)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem[:40])
def test_invalid_file_reports_expected_problems(path: Path):
    practice, problems = load_file(path)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()

    assert practice is None
    assert [f"{p.line}: {p.field}: {p.message}" for p in problems] == expected
    assert all(Path(p.path).name == path.name for p in problems), "every problem names its file"


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_edge_cases_load(path: Path):
    practice, problems = load_file(path)
    assert problems == []
    assert practice is not None and practice.slug == path.stem
    assert practice.body.lstrip().startswith("## Aanleiding")


def test_bom_and_crlf_give_the_same_practice_as_plain_lf(tmp_path: Path):
    crlf, _ = load_file(DATA / "valid" / "bom-crlf.md")
    plain = tmp_path / "bom-crlf.md"
    plain.write_text((DATA / "valid" / "bom-crlf.md").read_text(encoding="utf-8-sig").replace("\r\n", "\n"), encoding="utf-8")
    lf, _ = load_file(plain)
    assert crlf.title == lf.title and crlf.body == lf.body and "\r" not in crlf.body


def test_aliases_and_labels_become_canonical_values():
    practice, _ = load_file(DATA / "valid" / "aliases-and-labels.md")
    assert practice.region == ("Groot Amsterdam", "Regio Zwolle", "Landelijk")
    assert practice.themes == ("beschut-werk", "dagbesteding")


def test_all_fields_are_read_with_their_types():
    import datetime as dt

    practice, _ = load_file(DATA / "valid" / "all-fields.md")
    assert practice.status == "afgerond"
    assert practice.contact.phone == "030-1234567"
    assert practice.links[0].url == "https://www.voorbeeld.nl/verslag"
    assert practice.date == dt.date(2018, 3, 1)
    assert practice.updated == dt.date(2019, 1, 15)  # a quoted ISO date is accepted too
    assert practice.tags == ("jobcoaching", "leerwerkplek")
    assert practice.draft is False
