"""Meeting validation: bad meeting files beside their expected problem lines, and the rules
that connect a meeting to the practices folder in use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_tools.load import load_practices
from build_tools.meetings.load import load_meeting_file, load_meetings, load_meetings_for
from build_tools.meetings.validate import PracticeRefs

from .conftest import DATA, PROJECT

INVALID = sorted((DATA / "invalid-meetings").glob("*.md"))
VALID = sorted((DATA / "valid-meetings").glob("*.md"))
#: A draft practice the golden files may refer to, beside the project's example practices.
DRAFT_SLUG = "concept-praktijk-voorbeeld"


@pytest.fixture(scope="module")
def refs() -> PracticeRefs:
    project = load_practices(PROJECT / "practices")
    return PracticeRefs(frozenset(p.slug for p in project.published), frozenset({DRAFT_SLUG}))


def test_there_are_at_least_15_distinct_bad_meetings():
    assert len(INVALID) >= 15
    assert all(path.with_suffix(".expected").exists() for path in INVALID)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem[:40])
def test_invalid_meeting_reports_expected_problems(path: Path, refs):
    meeting, problems = load_meeting_file(path, refs)
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()

    assert meeting is None
    assert [f"{p.line}: {p.field}: {p.message}" for p in problems] == expected
    assert all(Path(p.path).name == path.name for p in problems)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_meeting_edge_cases_load(path: Path, refs):
    meeting, problems = load_meeting_file(path, refs)
    assert problems == []
    assert meeting is not None and meeting.slug == path.stem


def test_unquoted_times_are_read_as_written_not_as_base_60_numbers(refs):
    meeting, _ = load_meeting_file(DATA / "valid-meetings" / "unquoted-times-and-aliases.md", refs)
    assert (meeting.start_time, meeting.end_time) == (dt.time(9, 30), dt.time(13, 5))


def test_kind_and_region_aliases_become_canonical(refs):
    meeting, _ = load_meeting_file(DATA / "valid-meetings" / "unquoted-times-and-aliases.md", refs)
    assert meeting.kind == "procesondersteuning"
    assert meeting.region == ("Twente", "Midden-Utrecht")
    assert meeting.online == "https://meet.example.org/sessie" and meeting.location.city == "Hengelo"


def test_the_project_meetings_are_valid_against_the_project_practices():
    practices = load_practices(PROJECT / "practices")
    result = load_meetings_for(practices, PROJECT / "meetings")
    assert result.problems == []
    assert result.files >= 12
    assert all(set(m.practices) <= {p.slug for p in practices.published} for m in result.meetings)


def test_a_practice_with_problems_is_not_reported_again_as_unknown(write_practice, tmp_path):
    write_practice("kapotte-praktijk", region="region: Nergensland")
    meetings = tmp_path / "meetings"
    meetings.mkdir()
    text = (DATA / "valid-meetings" / "unquoted-times-and-aliases.md").read_text(encoding="utf-8")
    (meetings / "bijeenkomst.md").write_text(
        text.replace("practices: []", "practices: [kapotte-praktijk]"), encoding="utf-8")
    practices = load_practices(write_practice.folder)
    result = load_meetings_for(practices, meetings)
    assert [p.field for p in practices.problems] == ["region"]
    assert result.problems == [] and result.meetings[0].practices == ("kapotte-praktijk",)


def test_two_meetings_with_one_slug_in_subfolders(tmp_path, refs, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = Path("meetings")
    (folder / "2018").mkdir(parents=True)
    text = (DATA / "valid-meetings" / "unquoted-times-and-aliases.md").read_text(encoding="utf-8")
    (folder / "zelfde.md").write_text(text, encoding="utf-8")
    (folder / "2018" / "zelfde.md").write_text(text, encoding="utf-8")
    result = load_meetings(folder, refs)
    assert [p.format() for p in result.problems] == [
        "meetings/2018/zelfde.md:1: slug: 'zelfde' wordt al gebruikt door meetings/zelfde.md; kies een andere bestandsnaam"]
    assert [m.path.as_posix() for m in result.meetings] == ["meetings/zelfde.md"]
