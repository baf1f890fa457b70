"""Freshness: which practices have not been added or updated for a long time.

A practice is *stale* when its last change (``updated``, else ``date``) lies more than
``months`` calendar months before today. Calendar months, not 30-day blocks: a practice
updated on 2024-11-30 is still fresh with ``months=24`` on 2026-11-30 and stale from
2026-12-01 on. When the day does not exist in the target month it is clamped to the last
day of that month (2024-01-31 + 1 month = 2024-02-29).

A practice without any date is never stale by :func:`is_stale` (nothing to compare);
:func:`stale_practices` lists such practices separately as ``undated``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Practice

#: After how many calendar months a practice counts as stale: the one place of this rule (the
#: site's notice, ``kennisbank stale`` and the documentation's wording all follow it).
DEFAULT_MONTHS = 24

_NUMBERS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
            "elf", "twaalf")


def describe_months(months: int) -> str:
    """A period in Dutch words for readers: 24 -> 'twee jaar', 18 -> '18 maanden'."""
    def number(n: int) -> str:
        return _NUMBERS[n] if n < len(_NUMBERS) else str(n)

    if months and months % 12 == 0:
        return f"{number(months // 12)} jaar"
    return "een maand" if months == 1 else f"{number(months)} maanden"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (negative goes back), clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    # Beyond the calendar (``--months 100000``): the first or last representable day.
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def fresh_until(practice: Practice, months: int = DEFAULT_MONTHS) -> dt.date | None:
    """The last day the practice counts as fresh, or None when it has no date."""
    changed = practice.last_changed
    if changed is None:
        return None
    return add_months(changed, months)


def is_stale(practice: Practice, months: int = DEFAULT_MONTHS, today: dt.date | None = None) -> bool:
    """True when the practice's ``updated`` (or ``date``) is more than ``months`` months old.

    Practices without a date are not stale (see :func:`stale_practices` for those).
    """
    if months < 0:
        raise ValueError("months must not be negative")
    until = fresh_until(practice, months)
    if until is None:
        return False
    return (today or dt.date.today()) > until


@dataclass(frozen=True)
class StaleEntry:
    practice: Practice
    #: the date the practice was last added or updated
    last_changed: dt.date
    #: whole calendar months between ``last_changed`` and today
    age_months: int


@dataclass(frozen=True)
class StaleReport:
    months: int
    today: dt.date
    #: stale practices, oldest first (ties by slug)
    stale: list[StaleEntry] = field(default_factory=list)
    #: practices without ``date`` and ``updated``, by slug
    undated: list[Practice] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.stale or self.undated)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def stale_practices(practices: Iterable[Practice], months: int = DEFAULT_MONTHS,
                    today: dt.date | None = None) -> StaleReport:
    """Stale practices (oldest first) and practices without any date."""
    today = today or dt.date.today()
    stale: list[StaleEntry] = []
    undated: list[Practice] = []
    for practice in practices:
        changed = practice.last_changed
        if changed is None:
            undated.append(practice)
        elif is_stale(practice, months, today):
            stale.append(StaleEntry(practice, changed, months_between(changed, today)))
    stale.sort(key=lambda e: (e.last_changed, e.practice.slug))
    undated.sort(key=lambda p: p.slug)
    return StaleReport(months, today, stale, undated)
