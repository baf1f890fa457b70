"""Coverage: how many practices per region and theme, and which regions have none; and how many
meetings per kind and region, upcoming and past."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .meetings.kinds import Kinds
from .meetings.model import Meeting
from .model import Practice
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Coverage:
    total: int
    #: canonical region name -> number of practices (every region, in vocabulary order)
    by_region: dict[str, int]
    #: theme id -> number of practices (every theme, in vocabulary order)
    by_theme: dict[str, int]
    #: (region name, theme id) -> number of practices; only non-zero cells
    matrix: dict[tuple[str, str], int]
    #: name of the vocabulary's national entry ("Landelijk"), which is not an arbeidsmarktregio
    national: str | None = None

    @property
    def empty_regions(self) -> list[str]:
        """The arbeidsmarktregio's (not the national entry) without any practice."""
        return [name for name, n in self.by_region.items() if n == 0 and name != self.national]

    @property
    def empty_themes(self) -> list[str]:
        return [theme for theme, n in self.by_theme.items() if n == 0]

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "region": self.by_region,
            "themes": self.by_theme,
            "regions_without_practices": self.empty_regions,
            "themes_without_practices": self.empty_themes,
            "matrix": [{"region": r, "theme": t, "count": n} for (r, t), n in self.matrix.items()],
        }


def coverage(practices: Iterable[Practice], vocab: Vocabulary) -> Coverage:
    """Count published practices (drafts left out) per region, theme and region × theme."""
    published = [p for p in practices if not p.draft]
    regions: Counter[str] = Counter()
    themes: Counter[str] = Counter()
    matrix: Counter[tuple[str, str]] = Counter()
    for practice in published:
        regions.update(practice.region)
        themes.update(practice.themes)
        matrix.update((r, t) for r in practice.region for t in practice.themes)
    return Coverage(
        total=len(published),
        by_region={name: regions[name] for name in vocab.region_names},
        by_theme={theme_id: themes[theme_id] for theme_id in vocab.theme_ids},
        matrix={(r, t): matrix[(r, t)] for r in vocab.region_names for t in vocab.theme_ids if matrix[(r, t)]},
        national=vocab.national_region.name if vocab.national_region else None,
    )


@dataclass(frozen=True)
class MeetingCounts:
    """How many published meetings there are, per kind and region, upcoming and past."""

    total: int
    upcoming: int
    past: int
    cancelled: int
    #: kind id -> number of meetings (every kind, in vocabulary order)
    by_kind: dict[str, int]
    #: canonical region name -> number of meetings (every region, in vocabulary order)
    by_region: dict[str, int]

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "upcoming": self.upcoming,
            "past": self.past,
            "cancelled": self.cancelled,
            "kind": self.by_kind,
            "region": self.by_region,
        }


def meeting_counts(meetings: Iterable[Meeting], vocab: Vocabulary, kinds: Kinds, today: dt.date) -> MeetingCounts:
    """Count published meetings (drafts left out); upcoming or past on ``today`` follows from
    their dates (:meth:`Meeting.is_upcoming`). A cancelled meeting counts everywhere, and also as
    cancelled."""
    published = [m for m in meetings if not m.draft]
    by_kind = Counter(m.kind for m in published)
    by_region = Counter(r for m in published for r in m.region)
    upcoming = sum(1 for m in published if m.is_upcoming(today))
    return MeetingCounts(
        total=len(published), upcoming=upcoming, past=len(published) - upcoming,
        cancelled=sum(1 for m in published if m.cancelled),
        by_kind={kind_id: by_kind[kind_id] for kind_id in kinds.ids},
        by_region={name: by_region[name] for name in vocab.region_names},
    )
