"""The Atom feed (build_tools/feeds.py), parsed back with feedparser."""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest

from build_tools.feeds import FEED_FILE, MAX_ENTRIES, absolute, atom_feed, meeting_entries, practice_entries
from build_tools.load import load_practices
from build_tools.meetings.kinds import default_kinds
from build_tools.meetings.load import load_meetings_for
from build_tools.pages import MANIFEST_NAME

SITE = "https://kennisbank.example.org/sub/"
HOSTILE_TITLE = 'Werk & zorg <script>alert("x")</script> ]]> &amp; <![CDATA[ kapot'


def practice_url(p):
    return absolute(SITE, f"praktijken/{p.slug}/")


def meeting_url(m):
    return absolute(SITE, f"agenda/{m.slug}/")


def feed_of(folder):
    practices = load_practices(folder)
    meetings = load_meetings_for(practices, folder.parent / "meetings" if (folder.parent / "meetings").is_dir() else None)
    assert not practices.problems and not meetings.problems, practices.problems + meetings.problems
    entries = practice_entries(practices.practices, practice_url) + \
        meeting_entries(meetings.meetings, meeting_url, default_kinds())
    return atom_feed(entries, site_url=SITE, site_name="Kennisbank goede praktijken")


@pytest.fixture
def content(write_practice, write_meeting):
    write_practice("oud", date="date: 2019-03-01")
    write_practice("bijgewerkt", date="date: 2018-01-01", updated="updated: 2024-05-06")
    write_practice("zonder-datum")
    write_practice("concept", date="date: 2025-01-01", draft="draft: true")
    write_practice("vijandig", title=f"title: '{HOSTILE_TITLE}'", date="date: 2020-02-02")
    write_meeting("overleg", date="date: 2023-09-14", practices="practices: [oud]")
    write_meeting("afgelast", date="date: 2021-06-01", cancelled="cancelled: true", start_time=None, end_time=None)
    write_meeting("meeting-concept", date="date: 2026-01-01", draft="draft: true")
    return write_practice.folder


def test_feed_parses_with_entries_newest_first(content):
    parsed = feedparser.parse(feed_of(content))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == SITE + FEED_FILE
    assert parsed.feed.title == "Kennisbank goede praktijken: nieuwe en bijgewerkte praktijken en bijeenkomsten"
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == [SITE + FEED_FILE]
    ids = [e.id for e in parsed.entries]
    assert ids == [SITE + "praktijken/bijgewerkt/", SITE + "agenda/overleg/", SITE + "agenda/afgelast/",
                   SITE + "praktijken/vijandig/", SITE + "praktijken/oud/"]  # no drafts, no practice without a date
    assert [e.link for e in parsed.entries] == ids
    updated = [dt.datetime(*e.updated_parsed[:6]) for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    assert parsed.feed.updated == parsed.entries[0].updated == "2024-05-06T00:00:00+02:00"
    assert parsed.entries[0].published == "2018-01-01T00:00:00+01:00"


def test_entries_say_what_they_are(content):
    entries = {e.id.split("/")[-2]: e for e in feedparser.parse(feed_of(content)).entries}
    assert entries["overleg"].updated == "2023-09-14T10:00:00+02:00"  # date and start time, Dutch time
    assert entries["overleg"].summary == ("donderdag 14 september 2023, 10:00–12:00 · Kennisuitwisseling · Twente · "
                                          "De Werkbrug, Hengelo. Werkbedrijven uit Twente delen wat werkte in het sectorplan.")
    assert entries["afgelast"].title == "Gaat niet door: Kennisuitwisseling Oost"
    assert [t.term for t in entries["overleg"].tags] == ["bijeenkomst"]
    assert [t.term for t in entries["oud"].tags] == ["praktijk"]
    assert entries["oud"].summary == "Een voorbeeld van een praktijk die aan alle regels voldoet."


def test_hostile_title_is_escaped_text(content):
    xml = feed_of(content)
    assert "<script>" not in xml and "<![CDATA[" not in xml
    entry = next(e for e in feedparser.parse(xml).entries if e.id.endswith("/vijandig/"))
    assert entry.title_detail.type == "text/plain"
    assert entry.title == HOSTILE_TITLE


def test_the_same_content_gives_the_same_feed(content, write_practice):
    first = feed_of(content)
    assert feed_of(content) == first
    write_practice("nieuw", date="date: 2025-11-11")
    second = feedparser.parse(feed_of(content))
    assert second.entries[0].id == SITE + "praktijken/nieuw/"
    assert [e.id for e in second.entries[1:]] == [e.id for e in feedparser.parse(first).entries]


def test_at_most_the_newest_entries(write_practice):
    for i in range(MAX_ENTRIES + 7):
        write_practice(f"p{i:02d}", date=f"date: {2010 + i // 12}-{i % 12 + 1:02d}-01")
    parsed = feedparser.parse(feed_of(write_practice.folder))
    assert len(parsed.entries) == MAX_ENTRIES
    assert parsed.entries[0].id.endswith(f"/p{MAX_ENTRIES + 6:02d}/")
    assert parsed.entries[-1].id.endswith("/p07/")


def test_an_empty_feed_is_still_valid(tmp_path):
    xml = atom_feed([], site_url=SITE, site_name="Kennisbank")
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated == "2010-01-01T00:00:00+01:00"


# --- written by page generation ---------------------------------------------------------------
def generate(folder, docs, **kwargs):
    from build_tools.load import load
    from build_tools.pages import generate_pages

    return generate_pages(load(folder), docs, index_dir=docs.parent / "index", today=dt.date(2026, 6, 1),
                          repo_url=None, site_url=kwargs.pop("site_url", SITE), **kwargs)


def test_generation_writes_the_feed_and_keeps_ids(content, write_practice, tmp_path):
    docs = tmp_path / "docs"
    generate(content, docs, meetings=content.parent / "meetings")
    first = feedparser.parse((docs / FEED_FILE).read_text(encoding="utf-8"))
    assert not first.bozo and len(first.entries) == 5
    assert (docs / FEED_FILE).name in json.loads((docs / MANIFEST_NAME).read_text())["files"]
    report = generate(content, docs, meetings=content.parent / "meetings")
    assert FEED_FILE in report.unchanged  # the same content, the same bytes
    write_practice("oud", title="title: Oud maar nu bijgewerkt", date="date: 2019-03-01", updated="updated: 2026-05-05")
    generate(content, docs, meetings=content.parent / "meetings")
    second = feedparser.parse((docs / FEED_FILE).read_text(encoding="utf-8"))
    assert sorted(e.id for e in second.entries) == sorted(e.id for e in first.entries)
    assert (second.entries[0].id, second.entries[0].title) == (SITE + "praktijken/oud/", "Oud maar nu bijgewerkt")


def test_no_site_url_no_feed_and_the_old_one_goes(content, tmp_path):
    docs = tmp_path / "docs"
    generate(content, docs)
    assert (docs / FEED_FILE).is_file()
    report = generate(content, docs, site_url=None)
    assert FEED_FILE in report.removed and not (docs / FEED_FILE).exists()


def test_an_own_feed_file_is_never_overwritten(content, tmp_path):
    from build_tools.pages import PageGenerationError

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / FEED_FILE).write_text("<feed>mijn eigen</feed>\n")
    with pytest.raises(PageGenerationError, match="niet door de kennisbank gemaakt"):
        generate(content, docs)
    assert (docs / FEED_FILE).read_text() == "<feed>mijn eigen</feed>\n"
