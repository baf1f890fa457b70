"""Meetings in the search index: found by text, filtered by type, kept up to date with the
meetings folder (changed, added, removed, draft), and never mixed up with practices."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import search
from build_tools.errors import InvalidContentError, UnknownSlugError
from search import store

from .conftest import meeting_text, write_practices


def _bump(path: Path) -> None:
    """Give an edited file a later mtime than the scan that read it (as an editor would)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 3_000_000_000))


@pytest.fixture
def folders(tmp_path):
    practices = write_practices(tmp_path / "praktijken")
    meetings = tmp_path / "bijeenkomsten"
    meetings.mkdir()
    (meetings / "kennisuitwisseling-oost.md").write_text(meeting_text(
        body="## Programma\n\nDrie werkbedrijven vertellen over de kringloopwinkel.\n"), encoding="utf-8")
    (meetings / "procesondersteuning-noord.md").write_text(meeting_text(
        title="title: Procesondersteuning Noord", kind="kind: procesondersteuning", date="date: 2018-10-04",
        region="region: Groningen", location="location: {name: Het Gildehuis, city: Winschoten}", organisers="organisers: [Werkbedrijf Ommeland Werkt]",
        body="## Programma\n\nEen werkatelier over samenwerking met de zorgboerderij.\n"), encoding="utf-8")
    return practices, meetings, tmp_path / "ix"


def _slugs(result) -> list[tuple[str, str]]:
    return [(hit.type, hit.slug) for hit in result.hits]


def test_meetings_are_found_by_text(folders):
    practices, meetings, index = folders
    result = search.search(practices, index, "kringloopwinkel", meetings=meetings)
    assert _slugs(result) == [("bijeenkomst", "kennisuitwisseling-oost")]
    hit = result.hits[0].to_dict()
    assert hit["type"] == "bijeenkomst" and hit["date"] == "2027-02-11" and hit["year"] == 2027
    assert hit["organisations"] == ["Cedris"] and hit["region"] == ["Twente"]
    assert Path(hit["path"]).resolve() == (meetings / "kennisuitwisseling-oost.md").resolve()
    # practice and meeting in one result; the kind's label and the place are words too
    both = search.search(practices, index, "zorgboerderij", meetings=meetings)
    assert set(_slugs(both)) == {("praktijk", "zorgboerderij-groningen"), ("bijeenkomst", "procesondersteuning-noord")}
    assert both.facets["type"] == {"praktijk": 1, "bijeenkomst": 1}
    assert _slugs(search.search(practices, index, "werkbrug", meetings=meetings)) == [
        ("bijeenkomst", "kennisuitwisseling-oost")]


def test_type_filters_both_ways(folders):
    practices, meetings, index = folders
    only_meetings = search.search(practices, index, "zorgboerderij", types=["bijeenkomst"], meetings=meetings)
    assert _slugs(only_meetings) == [("bijeenkomst", "procesondersteuning-noord")]
    only_practices = search.search(practices, index, "zorgboerderij", types=["Praktijk"], meetings=meetings)
    assert _slugs(only_practices) == [("praktijk", "zorgboerderij-groningen")]
    # with other filters: the organiser counts as organisation, the date's year as year
    assert _slugs(search.search(practices, index, "", organisation="ommeland", year=2018, meetings=meetings)) == [
        ("bijeenkomst", "procesondersteuning-noord")]
    assert {h.type for h in search.search(practices, index, "", regions=["Groningen"], meetings=meetings).hits} == {
        "praktijk", "bijeenkomst"}
    with pytest.raises(search.UnknownFilterValueError) as info:
        search.search(practices, index, "werk", types=["bijeen"], meetings=meetings)
    assert info.value.suggestions == ["bijeenkomst"]


def test_changed_added_and_removed_meetings_are_seen(folders):
    practices, meetings, index = folders
    search.update_index(practices, index, meetings=meetings)
    path = meetings / "kennisuitwisseling-oost.md"
    path.write_text(meeting_text(body="## Programma\n\nNu over fietsenmakers.\n"), encoding="utf-8")
    _bump(path)
    report = search.update_index(practices, index, meetings=meetings)
    assert (report.added, report.changed, report.removed) == (0, 1, 0)
    assert not search.search(practices, index, "kringloopwinkel", meetings=meetings).hits
    assert _slugs(search.search(practices, index, "fietsenmakers", meetings=meetings)) == [
        ("bijeenkomst", "kennisuitwisseling-oost")]

    (meetings / "nieuw.md").write_text(meeting_text(body="## Programma\n\nOver de scanstraat.\n"), encoding="utf-8")
    result = search.search(practices, index, "scanstraat", meetings=meetings)
    assert _slugs(result) == [("bijeenkomst", "nieuw")] and result.index_report.added == 1

    path.unlink()
    result = search.search(practices, index, "fietsenmakers", meetings=meetings)
    assert result.total == 0 and result.index_report.removed == 1
    assert search.update_index(practices, index, meetings=meetings).meetings == 2


def test_edited_meeting_is_seen_by_the_stamp(folders):
    practices, meetings, index = folders
    search.update_index(practices, index, meetings=meetings)
    found, met = store.scan(practices), store.scan(meetings)
    assert store.fresh_report(index, found, met).meetings == 2
    path = meetings / "procesondersteuning-noord.md"
    path.write_text(path.read_text(encoding="utf-8").replace("werkatelier", "denktank"), encoding="utf-8")
    assert store.fresh_report(index, store.scan(practices), store.scan(meetings)) is None
    assert _slugs(search.search(practices, index, "denktank", meetings=meetings)) == [
        ("bijeenkomst", "procesondersteuning-noord")]


def test_draft_meeting_is_absent(folders):
    practices, meetings, index = folders
    (meetings / "concept.md").write_text(meeting_text(draft="draft: true", body="Geheime plannen.\n"),
                                         encoding="utf-8")
    result = search.search(practices, index, "geheime plannen", meetings=meetings)
    assert result.total == 0
    assert result.index_report.drafts == 1 and result.index_report.meetings == 2


def test_invalid_meeting_is_skipped_or_refused(folders):
    practices, meetings, index = folders
    (meetings / "kapot.md").write_text(meeting_text(kind="kind: feestje"), encoding="utf-8")
    result = search.search(practices, index, "kringloopwinkel", meetings=meetings)
    assert result.total == 1 and result.index_report.skipped == 1
    with pytest.raises(InvalidContentError) as info:
        search.update_index(practices, index, meetings=meetings)
    assert [(Path(p.path).name, p.field) for p in info.value.problems] == [("kapot.md", "kind")]


def test_meeting_refers_to_a_practice_that_goes_away(folders):
    practices, meetings, index = folders
    (meetings / "met-praktijk.md").write_text(meeting_text(practices="practices: [fietsen-twente]",
                                                           body="Over de fietsenwerkplaats.\n"), encoding="utf-8")
    assert search.search(practices, index, "fietsenwerkplaats", types=["bijeenkomst"], meetings=meetings).total == 1
    (practices / "fietsen-twente.md").unlink()
    result = search.search(practices, index, "fietsenwerkplaats", types=["bijeenkomst"], meetings=meetings)
    assert result.total == 0 and result.index_report.skipped == 1


def test_no_meetings_folder_and_keep(folders):
    practices, meetings, index = folders
    search.update_index(practices, index, meetings=meetings)
    # a caller that knows only the practices (the site build) leaves the meetings alone
    kept = search.update_index(practices, index)
    assert not kept.updated and kept.meetings == 2
    assert search.search(practices, index, "kringloopwinkel").total == 1
    # no meetings folder: no meetings in the index
    report = search.update_index(practices, index, meetings=None)
    assert report.removed == 2 and report.meetings == 0
    assert search.search(practices, index, "kringloopwinkel", meetings=None).total == 0
    # a full rebuild with KEEP keeps the folder the index was made with
    search.update_index(practices, index, meetings=meetings)
    assert search.update_index(practices, index, full=True).meetings == 2


def test_meeting_with_a_practice_slug_is_no_practice(folders):
    practices, meetings, index = folders
    (meetings / "fietsen-twente.md").write_text(meeting_text(body="Over de fietsenwerkplaats.\n"),
                                                encoding="utf-8")
    result = search.search(practices, index, "fietsenwerkplaats", meetings=meetings)
    assert sorted(_slugs(result)) == [("bijeenkomst", "fietsen-twente"), ("praktijk", "fietsen-twente")]
    similar = search.similar(practices, index, "zorgboerderij-groningen", limit=5)
    assert {slug for slug, _score in similar} <= {"fietsen-twente", "statushouders-amsterdam"}
    everything = search.similar_all(practices, index, limit=5)
    assert set(everything) == {"fietsen-twente", "statushouders-amsterdam", "zorgboerderij-groningen"}
    with pytest.raises(UnknownSlugError):
        search.similar(practices, index, "kennisuitwisseling-oost")


def test_missing_meetings_folder_is_an_error(folders, tmp_path):
    from build_tools.errors import KennisbankError

    practices, _meetings, index = folders
    with pytest.raises(KennisbankError) as info:
        search.search(practices, index, "werk", meetings=tmp_path / "bestaat-niet")
    assert "De map met bijeenkomsten bestaat niet" in str(info.value)
