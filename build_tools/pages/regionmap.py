"""The region map: a tile map (cartogram) of the arbeidsmarktregio's, coloured by count.

Every region with a ``tile`` in the regions vocabulary gets one square at its place in the
Netherlands; the national entry ("Landelijk") gets a double-wide tile beside the country. The
numbers are grouped into at most :data:`MAX_LEVELS` levels plus "none", so the colours keep
their meaning whether the kennisbank holds 30 practices or 3,000. The markup is the template
``_regionmap.html.j2``; this module only computes what it shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..vocabulary import Region

#: Colour levels besides "no practices"; CSS classes kb-map__tile--0 … --3 in kennisbank.css.
MAX_LEVELS = 3
#: Width of the national tile, in tiles: wide enough for its full name.
NATIONAL_WIDTH = 2


@dataclass(frozen=True)
class Level:
    """One legend entry: the CSS level (0 = none) and the counts it stands for."""

    css: int
    low: int
    high: int

    @property
    def label(self) -> str:
        if self.high == 0:
            return "geen"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Tile:
    region: Region
    column: int
    row: int
    width: int
    count: int
    level: int


@dataclass(frozen=True)
class RegionMap:
    tiles: tuple[Tile, ...]
    legend: tuple[Level, ...]
    columns: int
    rows: int


def levels(highest: int) -> tuple[Level, ...]:
    """"None" plus up to :data:`MAX_LEVELS` ranges that split 1…``highest`` evenly; the top
    range always gets the darkest colour."""
    none = Level(0, 0, 0)
    if highest <= 0:
        return (none,)
    k = min(MAX_LEVELS, highest)
    ranges = [(1 + i * highest // k, (i + 1) * highest // k) for i in range(k)]
    return (none, *(Level(MAX_LEVELS - k + 1 + i, low, high) for i, (low, high) in enumerate(ranges)))


def level_of(count: int, legend: Sequence[Level]) -> int:
    return next(level.css for level in legend if level.low <= count <= level.high)


def region_map(regions: Sequence[Region], counts: Mapping[str, int]) -> RegionMap:
    """The map of ``regions`` (those with a tile) with ``counts`` (region name -> number)."""
    placed = [r for r in regions if r.tile is not None]
    legend = levels(max((counts.get(r.name, 0) for r in placed), default=0))
    tiles = []
    for r in placed:
        column, row = r.tile
        n = counts.get(r.name, 0)
        tiles.append(Tile(r, column, row, NATIONAL_WIDTH if r.national else 1, n, level_of(n, legend)))
    # Reading order (north to south, west to east) is also the keyboard order.
    tiles.sort(key=lambda t: (t.row, t.column))
    columns = max((t.column + t.width for t in tiles), default=0)
    rows = max((t.row + 1 for t in tiles), default=0)
    return RegionMap(tuple(tiles), legend, columns, rows)
