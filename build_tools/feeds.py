"""The Atom feed of new and updated practices and meetings (``feed.xml`` at the site root).

Written with :mod:`feedgen` (a kept library, no hand-written XML), so every value is escaped
by the XML serialiser. The output depends on the content only, never on the moment of the
build: an entry's ``updated`` is the practice's ``updated`` or ``date`` (practices without
either are left out, as on the "Nieuw" page) or the meeting's date and start time, the feed's
``updated`` is its newest entry, and entries are sorted newest first with the id as tie-break.
Entry ids are the pages' absolute addresses, stable as long as ``site_url`` and the slug are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .meetings import agenda
from .meetings.kinds import Kinds
from .meetings.model import TIMEZONE, Meeting
from .model import Practice

#: The feed's file name at the site root.
FEED_FILE = "feed.xml"
#: Most entries in the feed (the newest).
MAX_ENTRIES = 50
FEED_TITLE_SUFFIX = "nieuwe en bijgewerkte praktijken en bijeenkomsten"
PRACTICE_LABEL = "Praktijk"
MEETING_LABEL = "Bijeenkomst"
CANCELLED_PREFIX = "Gaat niet door: "


@dataclass(frozen=True)
class FeedEntry:
    """One entry: a practice or a meeting, with absolute ``url`` (also its id)."""

    url: str
    title: str
    summary: str
    updated: dt.datetime
    published: dt.datetime
    #: "Praktijk" or "Bijeenkomst"
    category: str


def _moment(day: dt.date, time: dt.time | None = None) -> dt.datetime:
    return dt.datetime.combine(day, time or dt.time.min, tzinfo=TIMEZONE)


def absolute(site_url: str, path: str) -> str:
    """``path`` (relative to the site root) as an address under ``site_url``."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def practice_entries(practices: Iterable[Practice], page_url: Callable[[Practice], str]) -> list[FeedEntry]:
    """Published practices with a ``date`` or ``updated``; ``page_url`` gives a page's address."""
    entries = []
    for p in practices:
        if p.draft or p.last_changed is None:
            continue
        entries.append(FeedEntry(url=page_url(p), title=p.title, summary=p.description,
                                 updated=_moment(p.last_changed), published=_moment(p.date or p.last_changed),
                                 category=PRACTICE_LABEL))
    return entries


def meeting_entries(meetings: Iterable[Meeting], page_url: Callable[[Meeting], str], kinds: Kinds) -> list[FeedEntry]:
    """Published meetings; the summary says when, where and what kind, then the description."""
    entries = []
    for m in meetings:
        if m.draft:
            continue
        facts = [agenda.when(m), kinds.get(m.kind).label, ", ".join(m.region)]
        if agenda.where(m):
            facts.append(agenda.where(m))
        moment = _moment(m.date, m.start_time)
        entries.append(FeedEntry(url=page_url(m), title=(CANCELLED_PREFIX if m.cancelled else "") + m.title,
                                 summary=" · ".join(facts) + ". " + m.description,
                                 updated=moment, published=moment, category=MEETING_LABEL))
    return entries


def newest(entries: Iterable[FeedEntry], limit: int = MAX_ENTRIES) -> list[FeedEntry]:
    """The ``limit`` newest entries, newest first (ties: by address, so the order is stable)."""
    ordered = sorted(entries, key=lambda e: e.url)
    ordered.sort(key=lambda e: e.updated, reverse=True)
    return ordered[:limit]


def atom_feed(entries: Iterable[FeedEntry], *, site_url: str, site_name: str, author: str | None = None,
              empty_updated: dt.date = dt.date(2010, 1, 1)) -> str:
    """The Atom document of the newest entries (at most :data:`MAX_ENTRIES`).

    ``empty_updated``: the feed's ``updated`` when there are no entries at all (Atom requires
    one; a fixed day keeps the file the same from build to build).
    """
    chosen = newest(entries)
    feed = FeedGenerator()
    feed.id(absolute(site_url, FEED_FILE))
    feed.title(f"{site_name}: {FEED_TITLE_SUFFIX}")
    feed.author({"name": author or site_name})
    feed.link(href=absolute(site_url, ""), rel="alternate", type="text/html")
    feed.link(href=absolute(site_url, FEED_FILE), rel="self", type="application/atom+xml")
    feed.language("nl")
    feed.updated(chosen[0].updated if chosen else _moment(empty_updated))
    for e in chosen:
        entry = feed.add_entry(order="append")
        entry.id(e.url)
        entry.title(e.title)
        entry.link(href=e.url, rel="alternate", type="text/html")
        entry.summary(e.summary)
        entry.updated(e.updated)
        entry.published(e.published)
        entry.category(term=e.category.casefold(), label=e.category)
    return feed.atom_str(pretty=True).decode("utf-8")
