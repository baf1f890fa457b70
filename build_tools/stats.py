"""Coverage: how many practices per region and theme, and which regions have none."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
