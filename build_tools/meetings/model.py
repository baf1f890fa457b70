"""The :class:`Meeting` type: a validated meeting with canonical values only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..model import Contact

#: A meeting's dates and times are local times of the Netherlands (the calendars, the feed).
TIMEZONE = ZoneInfo("Europe/Amsterdam")
#: Heading of the report section a meeting gets once it has taken place.
REPORT_HEADING = "Verslag"


@dataclass(frozen=True)
class Location:
    name: str
    address: str | None = None
    city: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("name", self.name), ("address", self.address), ("city", self.city))
                if v is not None}

    def one_line(self) -> str:
        return ", ".join(part for part in (self.name, self.address, self.city) if part)


@dataclass(frozen=True)
class Meeting:
    """A meeting (bijeenkomst). ``region`` holds canonical region names, ``themes`` theme ids,
    ``kind`` a kind id, ``practices`` slugs of existing, published practices.

    Whether it is upcoming or past is not stored: it follows from the dates and a given day
    (:meth:`is_upcoming`).
    """

    slug: str
    path: Path
    title: str
    description: str
    kind: str
    date: dt.date
    region: tuple[str, ...]
    organisers: tuple[str, ...]
    body: str
    end: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    themes: tuple[str, ...] = ()
    location: Location | None = None
    #: ``True`` (online, link not public) or the meeting link; None when not online
    online: bool | str | None = None
    practices: tuple[str, ...] = ()
    registration: str | None = None
    contact: Contact | None = None
    cancelled: bool = False
    draft: bool = False
    body_line: int = field(default=1, compare=False)

    @property
    def last_day(self) -> dt.date:
        return self.end or self.date

    @property
    def multi_day(self) -> bool:
        return self.end is not None and self.end != self.date

    @property
    def timed(self) -> bool:
        return self.start_time is not None

    @property
    def online_url(self) -> str | None:
        return self.online if isinstance(self.online, str) else None

    def is_upcoming(self, today: dt.date) -> bool:
        """Upcoming until its last day has passed: a meeting today is still upcoming."""
        return self.last_day >= today

    @property
    def registration_url(self) -> str | None:
        """The registration as a link: an URL as is, an e-mail address as ``mailto:``."""
        if self.registration is None:
            return None
        return self.registration if "://" in self.registration else f"mailto:{self.registration}"

    @property
    def has_report(self) -> bool:
        return any(line.strip().lstrip("#").strip().casefold() == REPORT_HEADING.casefold()
                   for line in self.body.splitlines() if line.lstrip().startswith("## "))

    def to_dict(self) -> dict[str, Any]:
        """Front-matter-shaped dict with canonical values (dates ISO, times ``HH:MM``)."""
        return {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
            "kind": self.kind,
            "date": self.date.isoformat(),
            "end": self.end.isoformat() if self.end else None,
            "start_time": _hhmm(self.start_time),
            "end_time": _hhmm(self.end_time),
            "region": list(self.region),
            "themes": list(self.themes),
            "location": self.location.to_dict() if self.location else None,
            "online": self.online,
            "organisers": list(self.organisers),
            "practices": list(self.practices),
            "registration": self.registration,
            "contact": self.contact.to_dict() if self.contact else None,
            "cancelled": self.cancelled,
            "draft": self.draft,
        }


def _hhmm(value: dt.time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None
