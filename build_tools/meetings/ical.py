"""The agenda as iCalendar (RFC 5545): one file per meeting and a feed of all meetings.

Made with the ``icalendar`` library, never by hand: it folds long lines, escapes text values
and writes the VTIMEZONE of Europe/Amsterdam for the times used. The output is stable, so a
rebuild on the same day changes nothing and calendar applications see the same events:

* the UID of a meeting is ``<slug>@<site domain>`` (the slug is the file name, so it stays put);
* DTSTAMP is the build day (midnight UTC), not the clock;
* times are local times in Europe/Amsterdam (``TZID``); a meeting without times is an all-day
  event (``VALUE=DATE``, DTEND the day after the last day, as RFC 5545 counts it).

A cancelled meeting keeps its event with ``STATUS:CANCELLED``, so a subscribed calendar
removes or marks it instead of silently keeping the old appointment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from icalendar import Calendar, Event, vCalAddress, vText

from .kinds import Kinds
from .model import TIMEZONE, Meeting

PRODID = "-//Kennisbank goede praktijken//Agenda//NL"
CALENDAR_NAME = "Agenda kennisbank goede praktijken"
#: The domain in UIDs when the site has no ``site_url``.
FALLBACK_DOMAIN = "kennisbank.invalid"


def site_domain(site_url: str | None) -> str:
    """The host of the site's address (``example.org``), for UIDs."""
    host = urlsplit(site_url).hostname if site_url else None
    return host or FALLBACK_DOMAIN


def uid(meeting: Meeting, domain: str) -> str:
    return f"{meeting.slug}@{domain}"


def _when(meeting: Meeting) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime | None]:
    """DTSTART and DTEND (None: no end given)."""
    if meeting.start_time is None:
        return meeting.date, meeting.last_day + dt.timedelta(days=1)
    start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=TIMEZONE)
    if meeting.end_time is None:
        return start, None
    return start, dt.datetime.combine(meeting.last_day, meeting.end_time, tzinfo=TIMEZONE)


def _location(meeting: Meeting) -> str | None:
    parts = []
    if meeting.location:
        parts.append(meeting.location.one_line())
    if meeting.online:
        parts.append(meeting.online_url or "Online")
    return " en ".join(parts) or None


def event(meeting: Meeting, *, domain: str, stamp: dt.datetime, kinds: Kinds,
          page_url: Callable[[Meeting], str | None]) -> Event:
    """The VEVENT of one meeting."""
    ev = Event()
    ev.add("uid", uid(meeting, domain))
    ev.add("dtstamp", stamp)
    start, end = _when(meeting)
    ev.add("dtstart", start)
    if end is not None:
        ev.add("dtend", end)
    ev.add("summary", meeting.title)
    url = page_url(meeting)
    ev.add("description", meeting.description + (f"\n\nMeer informatie: {url}" if url else ""))
    if url:
        ev.add("url", url)
    place = _location(meeting)
    if place:
        ev.add("location", place)
    ev.add("categories", [kinds.get(meeting.kind).label])
    ev.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
    ev.add("transp", "OPAQUE")
    if meeting.contact and meeting.contact.email:
        organizer = vCalAddress(f"mailto:{meeting.contact.email}")
        organizer.params["cn"] = vText(meeting.contact.name)
        ev.add("organizer", organizer)
    return ev


def calendar(meetings: Iterable[Meeting], *, domain: str, today: dt.date, kinds: Kinds,
             page_url: Callable[[Meeting], str | None], name: str = CALENDAR_NAME) -> str:
    """An iCalendar file (text with CRLF line ends) of the published ``meetings``."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(TIMEZONE))
    stamp = dt.datetime.combine(today, dt.time.min, tzinfo=dt.timezone.utc)
    published = [m for m in meetings if not m.draft]
    for meeting in published:
        cal.add_component(event(meeting, domain=domain, stamp=stamp, kinds=kinds, page_url=page_url))
    if published:
        # The VTIMEZONE's transitions cover the years of the meetings only (from whole years,
        # so the file stays the same while the meetings do).
        cal.add_missing_timezones(first_date=dt.date(min(m.date for m in published).year, 1, 1),
                                  last_date=dt.date(max(m.last_day for m in published).year + 2, 1, 1))
    return cal.to_ical().decode("utf-8")
