"""Loading a whole folder: every file read, every problem kept, nothing stops the run."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.errors import PracticesFolderError, UnknownSlugError
from build_tools.frontmatter import parse
from build_tools.load import load_practices
from build_tools.validate import check
from build_tools.vocabulary import default_vocabulary

from .conftest import PROJECT


def test_one_bad_file_does_not_stop_the_others(write_practice):
    write_practice("goed-een")
    write_practice("fout-een", region="region: Twnte")
    write_practice("goed-twee", themes="themes: [Dagbesteding]")
    write_practice("fout-twee", year="year: 1999", title="title: Wrk")

    result = load_practices(write_practice.folder)

    assert [p.slug for p in result.practices] == ["goed-een", "goed-twee"]
    assert result.files == 4
    assert [(p.path.split("/")[-1], p.field) for p in result.problems] == [
        ("fout-een.md", "region"), ("fout-twee.md", "title"), ("fout-twee.md", "year"),
    ]


def test_duplicate_slugs_in_subfolders_are_reported(write_practice):
    write_practice("dubbel")
    sub = write_practice.folder / "archief"
    sub.mkdir()
    (sub / "dubbel.md").write_text((write_practice.folder / "dubbel.md").read_text(), encoding="utf-8")

    result = load_practices(write_practice.folder)

    assert len(result.practices) == 1
    [problem] = result.problems
    assert problem.field == "slug" and problem.path.endswith("archief/dubbel.md")
    assert "wordt al gebruikt door" in problem.message


def test_readme_and_hidden_files_are_not_practices(write_practice):
    write_practice("echt")
    (write_practice.folder / "README.md").write_text("# Uitleg\n", encoding="utf-8")
    (write_practice.folder / ".verborgen.md").write_text("x", encoding="utf-8")
    assert load_practices(write_practice.folder).files == 1


def test_drafts_load_but_are_not_published(write_practice):
    write_practice("concept", draft="draft: true")
    write_practice("klaar")
    result = load_practices(write_practice.folder)
    assert [p.slug for p in result.practices] == ["concept", "klaar"]
    assert [p.slug for p in result.published] == ["klaar"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(PracticesFolderError, match="bestaat niet"):
        load_practices(tmp_path / "nergens")


def test_unknown_slug_suggests_close_ones(write_practice):
    write_practice("fietsenwerkplaats-twente")
    result = load_practices(write_practice.folder)
    with pytest.raises(UnknownSlugError) as info:
        result.get("fietsenwerkplaats-twent")
    assert info.value.suggestions == ["fietsenwerkplaats-twente"]


def test_the_project_practices_are_valid():
    result = load_practices(PROJECT / "practices")
    assert result.problems == []
    assert len(result.published) >= 20


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(max_size=400).map(lambda t: ("---\n" + t + "\n---\nTekst\n").encode("utf-8")))
def test_no_input_makes_the_validator_crash(raw):
    parsed = parse(raw, "fuzz.md")
    practice = check(parsed, "fuzz", PROJECT / "fuzz.md", default_vocabulary())
    assert (practice is None) == bool(parsed.problems)
    assert all(p.line >= 1 and p.field and p.message for p in parsed.problems)
