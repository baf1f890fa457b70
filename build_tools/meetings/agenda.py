"""The agenda: which meetings are upcoming or past on a given day, filtered like a search.

Upcoming or past follows from the dates only (a meeting is upcoming until its last day has
passed). Drafts never appear. Filter values are matched like front-matter values (aliases,
labels, any case); an unknown value is an :class:`UnknownAgendaFilterError` with suggestions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import KennisbankError
from ..files import display_path
from ..textutil import did_you_mean
from ..vocabulary import Vocabulary
from .kinds import Kinds
from .model import Meeting

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


class UnknownAgendaFilterError(KennisbankError):
    """A ``--region`` or ``--kind`` value that matches nothing known."""

    def __init__(self, option: str, label: str, value: str, suggestions: list[str]):
        self.option = option
        super().__init__(f"onbekende {label} '{value}'{did_you_mean(suggestions)}")


def resolve_filters(regions: Iterable[str], kind: str | None, vocab: Vocabulary,
                    kinds: Kinds) -> tuple[frozenset[str], str | None]:
    """Canonical region names and the kind id for the typed filter values."""
    canonical: set[str] = set()
    for value in regions:
        name = vocab.resolve_region(value)
        if name is None:
            raise UnknownAgendaFilterError("--region", "regio", value, vocab.suggest_region(value))
        canonical.add(name)
    kind_id = None
    if kind is not None:
        kind_id = kinds.resolve(kind)
        if kind_id is None:
            raise UnknownAgendaFilterError("--kind", "soort bijeenkomst", kind, kinds.suggest(kind))
    return frozenset(canonical), kind_id


def upcoming(meetings: Iterable[Meeting], today: dt.date) -> list[Meeting]:
    """Published meetings from today on, soonest first."""
    return sorted((m for m in meetings if not m.draft and m.is_upcoming(today)), key=_start_key)


def past(meetings: Iterable[Meeting], today: dt.date) -> list[Meeting]:
    """Published meetings that are over, most recent first."""
    return sorted((m for m in meetings if not m.draft and not m.is_upcoming(today)), key=_start_key, reverse=True)


def select(meetings: Iterable[Meeting], today: dt.date, *, regions: frozenset[str] = frozenset(),
           kind: str | None = None, show_past: bool = False) -> list[Meeting]:
    """Upcoming (or with ``show_past`` past) meetings in any of ``regions`` and of ``kind``."""
    chosen = past(meetings, today) if show_past else upcoming(meetings, today)
    return [m for m in chosen if (not regions or regions.intersection(m.region)) and (kind is None or m.kind == kind)]


def _start_key(meeting: Meeting) -> tuple:
    return (meeting.date, meeting.start_time or dt.time.min, meeting.slug)


def to_json_dict(meetings: Sequence[Meeting]) -> dict[str, Any]:
    """The contract's ``kennisbank agenda --json`` object."""
    return {"meetings": [{
        "slug": m.slug,
        "title": m.title,
        "kind": m.kind,
        "date": m.date.isoformat(),
        "end": m.end.isoformat() if m.end else None,
        "start_time": m.start_time.strftime("%H:%M") if m.start_time else None,
        "end_time": m.end_time.strftime("%H:%M") if m.end_time else None,
        "region": list(m.region),
        "practices": list(m.practices),
        "path": display_path(m.path),
    } for m in meetings]}


# --- Dutch wording, shared by the CLI, the feeds and the site ---------------------------------

def dutch_date(day: dt.date, *, weekday: bool = False) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


def when(meeting: Meeting, *, weekday: bool = True) -> str:
    """``donderdag 25 januari 2018, 13:00–16:30``; multi-day ``20 tot en met 21 september 2018``."""
    if meeting.multi_day:
        assert meeting.end is not None
        text = f"{dutch_date(meeting.date, weekday=weekday)} tot en met {dutch_date(meeting.end, weekday=weekday)}"
    else:
        text = dutch_date(meeting.date, weekday=weekday)
    if meeting.start_time:
        text += f", {meeting.start_time:%H:%M}"
        if meeting.end_time:
            text += f"–{meeting.end_time:%H:%M}"
        if meeting.multi_day:
            text += " (elke dag)" if meeting.end_time else ""
    return text


def where(meeting: Meeting) -> str:
    """The place in one line: the location, online, or both."""
    parts = []
    if meeting.location:
        parts.append(meeting.location.one_line())
    if meeting.online:
        parts.append("online")
    return " en ".join(parts)
