"""build_tools.stale: calendar-month freshness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.model import Practice
from build_tools.stale import DEFAULT_MONTHS, add_months, describe_months, is_stale, months_between, stale_practices


def practice(slug: str = "voorbeeld", *, date: dt.date | None = None, updated: dt.date | None = None) -> Practice:
    return Practice(
        slug=slug, path=Path(f"practices/{slug}.md"), title="Een voorbeeldpraktijk",
        description="Een korte beschrijving van de praktijk.", region=("Twente",),
        themes=("beschut-werk",), organisations=("Werkbedrijf",), year=2018, body="## Aanleiding\n\nTekst.\n",
        date=date, updated=updated,
    )


D = dt.date


def test_example_from_the_issue_calendar_months():
    p = practice(updated=D(2024, 11, 30))
    assert not is_stale(p, months=24, today=D(2026, 11, 30))
    assert is_stale(p, months=24, today=D(2026, 12, 1))


def test_default_is_24_months():
    p = practice(date=D(2020, 5, 10))
    assert not is_stale(p, today=D(2022, 5, 10))
    assert is_stale(p, today=D(2022, 5, 11))


def test_updated_wins_over_date():
    p = practice(date=D(2015, 1, 1), updated=D(2026, 1, 1))
    assert not is_stale(p, months=24, today=D(2026, 6, 1))
    assert is_stale(practice(date=D(2015, 1, 1)), months=24, today=D(2026, 6, 1))


def test_month_end_is_clamped():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2024, 3, 31), -1) == D(2024, 2, 29)
    p = practice(updated=D(2024, 1, 31))
    assert not is_stale(p, months=1, today=D(2024, 2, 29))
    assert is_stale(p, months=1, today=D(2024, 3, 1))


def test_undated_practice_is_not_stale():
    assert not is_stale(practice(), months=0, today=D(2030, 1, 1))


def test_zero_months_means_anything_before_today():
    p = practice(date=D(2026, 1, 1))
    assert not is_stale(p, months=0, today=D(2026, 1, 1))
    assert is_stale(p, months=0, today=D(2026, 1, 2))


def test_negative_months_rejected():
    with pytest.raises(ValueError):
        is_stale(practice(date=D(2020, 1, 1)), months=-1)


def test_today_defaults_to_the_real_date():
    assert is_stale(practice(date=D(2010, 1, 1)))
    assert not is_stale(practice(date=dt.date.today()))


def test_stale_practices_sorted_oldest_first_with_undated_apart():
    today = D(2026, 11, 30)
    items = [
        practice("b-oud", updated=D(2019, 3, 1)),
        practice("a-vers", date=D(2026, 1, 1)),
        practice("c-oudst", date=D(2016, 7, 15)),
        practice("d-zonder"),
        practice("a-zonder"),
        practice("e-ook-2019", date=D(2019, 3, 1)),
    ]
    report = stale_practices(items, months=24, today=today)
    assert [e.practice.slug for e in report.stale] == ["c-oudst", "b-oud", "e-ook-2019"]
    assert [p.slug for p in report.undated] == ["a-zonder", "d-zonder"]
    assert report.stale[0].last_changed == D(2016, 7, 15)
    assert report.stale[0].age_months == 124
    assert report.months == 24 and report.today == today


def test_months_between():
    assert months_between(D(2024, 11, 30), D(2026, 11, 30)) == 24
    assert months_between(D(2024, 11, 30), D(2026, 11, 29)) == 23
    assert months_between(D(2024, 1, 31), D(2024, 2, 29)) == 1
    assert months_between(D(2024, 5, 1), D(2024, 4, 1)) == 0


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), st.integers(0, 240),
       st.integers(-800, 800))
def test_is_stale_is_monotone_and_matches_calendar_months(changed, months, offset):
    p = practice(updated=changed)
    until = add_months(changed, months)
    today = until + dt.timedelta(days=offset)
    assert is_stale(p, months=months, today=today) == (today > until)
    # the boundary is the day after the same calendar day (clamped) N months later
    assert not is_stale(p, months=months, today=until)
    assert is_stale(p, months=months, today=until + dt.timedelta(days=1))
    assert until.year * 12 + until.month - (changed.year * 12 + changed.month) == months


def test_describe_months_in_dutch_words():
    assert describe_months(24) == "twee jaar"
    assert describe_months(12) == "een jaar"
    assert describe_months(18) == "18 maanden"
    assert describe_months(6) == "zes maanden"
    assert describe_months(1) == "een maand"
    assert describe_months(36) == "drie jaar"


def test_the_guide_names_the_threshold_in_use():
    from .conftest import PROJECT
    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"langer dan {describe_months(DEFAULT_MONTHS)} niet zijn bijgewerkt" in " ".join(guide.split())
