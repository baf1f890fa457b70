"""The agenda as iCalendar: agenda.ics and one file per meeting, written by a real
:func:`generate_pages` run and parsed back with the ``icalendar`` library."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from build_tools.load import load
from build_tools.pages import generate_pages

TODAY = dt.date(2026, 6, 1)
SITE = "https://kennisbank.example.org/kb/"
AMSTERDAM = "Europe/Amsterdam"


@pytest.fixture
def content(write_practice, write_meeting):
    write_practice("werkfit-twente")
    write_meeting("met-tijden", title="title: 'Kennisuitwisseling; Twente, met \"tijden\"'", date="date: 2026-07-02",
                  start_time='start_time: "09:30"', end_time='end_time: "12:15"',
                  location="location: {name: De Werkbrug, address: Havenstraat 4, city: Hengelo}",
                  contact="contact: {name: Anne Dijkstra, email: anne@example.org}")
    write_meeting("hele-dag", title="title: Een hele dag zonder tijden", date="date: 2026-11-12",
                  start_time=None, end_time=None)
    write_meeting("twee-dagen", title="title: Tweedaagse in de winter", date="date: 2027-01-14",
                  end="end: 2027-01-15", start_time=None, end_time=None, location=None, online="online: true")
    write_meeting("winter-met-tijden", title="title: Een middag in de winter", date="date: 2018-01-25",
                  start_time='start_time: "13:00"', end_time='end_time: "16:30"')
    write_meeting("afgelast", title="title: Een bijeenkomst die niet doorgaat", date="date: 2026-09-10",
                  cancelled="cancelled: true")
    write_meeting("concept", title="title: Een concept dat geheim blijft", draft="draft: true")
    return write_practice.folder, write_meeting.folder


def build(content, docs: Path, today: dt.date = TODAY) -> Path:
    practices, meetings = content
    generate_pages(load(practices), docs, index_dir=docs.parent / "index", today=today, repo_url=None,
                   site_url=SITE, meetings=meetings)
    return docs


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(ev["uid"]): ev for ev in cal.walk("VEVENT")}


@pytest.fixture
def feed(content, tmp_path) -> Calendar:
    return parse(build(content, tmp_path / "docs") / "agenda.ics")


def test_feed_has_every_published_meeting_with_a_stable_uid(feed):
    assert sorted(events(feed)) == sorted(f"{slug}@kennisbank.example.org" for slug in
                                          ("met-tijden", "hele-dag", "twee-dagen", "winter-met-tijden", "afgelast"))
    assert str(feed["version"]) == "2.0" and "Kennisbank" in str(feed["prodid"])


def test_uids_and_content_stay_the_same_across_builds(content, tmp_path):
    first = (build(content, tmp_path / "a") / "agenda.ics").read_bytes()
    second = (build(content, tmp_path / "b") / "agenda.ics").read_bytes()
    assert first == second  # same day, same meetings: the same file
    later = build(content, tmp_path / "c", today=dt.date(2026, 6, 2)) / "agenda.ics"
    assert sorted(events(parse(later))) == sorted(events(Calendar.from_ical(first)))
    stamps = {ev["dtstamp"].dt for ev in parse(later).walk("VEVENT")}
    assert stamps == {dt.datetime(2026, 6, 2, tzinfo=dt.timezone.utc)}  # the build day, not the clock


def test_times_are_amsterdam_times_with_a_vtimezone(feed):
    timezones = feed.walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == [AMSTERDAM]
    summer = events(feed)["met-tijden@kennisbank.example.org"]
    assert summer["dtstart"].params["TZID"] == AMSTERDAM
    start, end = summer["dtstart"].dt, summer["dtend"].dt
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (dt.datetime(2026, 7, 2, 9, 30),
                                                                       dt.datetime(2026, 7, 2, 12, 15))
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time
    winter = events(feed)["winter-met-tijden@kennisbank.example.org"]["dtstart"].dt
    assert winter.utcoffset() == dt.timedelta(hours=1)
    # The VTIMEZONE itself covers the meetings' years: both offsets are in it.
    offsets = {sub["tzoffsetto"].td for sub in timezones[0].subcomponents}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(hours=2)}


def test_meetings_without_times_are_all_day_events(feed):
    found = events(feed)
    one = found["hele-dag@kennisbank.example.org"]
    assert (one["dtstart"].dt, one["dtend"].dt) == (dt.date(2026, 11, 12), dt.date(2026, 11, 13))
    assert not isinstance(one["dtstart"].dt, dt.datetime)
    assert one["dtstart"].params.get("VALUE") == "DATE"
    two = found["twee-dagen@kennisbank.example.org"]
    assert (two["dtstart"].dt, two["dtend"].dt) == (dt.date(2027, 1, 14), dt.date(2027, 1, 16))
    assert str(two["location"]) == "Online"


def test_cancelled_meetings_keep_their_event_as_cancelled(feed):
    found = events(feed)
    assert str(found["afgelast@kennisbank.example.org"]["status"]) == "CANCELLED"
    assert str(found["hele-dag@kennisbank.example.org"]["status"]) == "CONFIRMED"


def test_text_values_come_back_as_written(feed):
    ev = events(feed)["met-tijden@kennisbank.example.org"]
    assert str(ev["summary"]) == 'Kennisuitwisseling; Twente, met "tijden"'
    assert str(ev["location"]) == "De Werkbrug, Havenstraat 4, Hengelo"
    assert str(ev["url"]) == SITE + "agenda/met-tijden/"
    assert str(ev["description"]).endswith("\n\nMeer informatie: " + SITE + "agenda/met-tijden/")
    assert str(ev["organizer"]) == "mailto:anne@example.org"
    assert [str(c) for c in ev["categories"].cats] == ["Kennisuitwisseling"]


def test_one_file_per_meeting_with_the_same_event(content, tmp_path):
    docs = build(content, tmp_path / "docs")
    feed = events(parse(docs / "agenda.ics"))
    for slug in ("met-tijden", "hele-dag", "afgelast"):
        single = parse(docs / "agenda" / f"{slug}.ics")
        assert list(events(single)) == [f"{slug}@kennisbank.example.org"]
        assert events(single)[f"{slug}@kennisbank.example.org"]["dtstart"].dt == \
            feed[f"{slug}@kennisbank.example.org"]["dtstart"].dt
    assert not (docs / "agenda" / "concept.ics").exists()


def test_files_follow_the_rfc_line_rules(content, tmp_path):
    """CRLF line ends, lines of at most 75 octets, and the VTIMEZONE before the events."""
    raw = (build(content, tmp_path / "docs") / "agenda.ics").read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    assert raw.index(b"BEGIN:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")


def test_without_a_site_address_uids_use_a_reserved_domain(content, tmp_path):
    practices, meetings = content
    docs = tmp_path / "docs"
    generate_pages(load(practices), docs, index_dir=tmp_path / "index", today=TODAY, repo_url=None,
                   site_url=None, meetings=meetings)
    cal = parse(docs / "agenda.ics")
    assert "hele-dag@kennisbank.invalid" in events(cal)
    assert "url" not in events(cal)["hele-dag@kennisbank.invalid"]
