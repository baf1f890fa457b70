"""The controlled vocabularies: arbeidsmarktregio's and themes, read from YAML data files.

The data lives in ``build_tools/vocabularies/*.yml`` so that a contributor can propose a new
theme or alias by pull request without touching code. Values in practices are matched
case-, accent- and separator-insensitively against names, ids, labels and aliases.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import VocabularyError
from .settings import VOCABULARY_DIR
from .slugs import SLUG_RE
from .textutil import close_matches, fold



@dataclass(frozen=True)
class Region:
    name: str
    slug: str
    description: str
    aliases: tuple[str, ...] = ()
    #: the entry for practices that run nationwide ("Landelijk"), not an arbeidsmarktregio
    national: bool = False
    #: (column, row) of the region's tile on the site's region map (column 0 is the west, row 0
    #: the north); None keeps the region off the map
    tile: tuple[int, int] | None = None
    #: the abbreviation on that tile
    short: str = ""


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    aliases: tuple[str, ...] = ()


class _Lookup:
    """Maps folded spellings (canonical, labels, aliases) to one canonical value."""

    def __init__(self, kind: str, path: Path):
        self.kind = kind
        self.path = path
        self._by_key: dict[str, str] = {}
        self._spellings: list[str] = []

    def add(self, spelling: str, canonical: str) -> None:
        key = fold(spelling)
        if not key:
            raise VocabularyError(f"{self.path}: lege naam of alias bij {self.kind} '{canonical}'.")
        existing = self._by_key.get(key)
        if existing is not None and existing != canonical:
            raise VocabularyError(
                f"{self.path}: '{spelling}' hoort bij zowel '{existing}' als '{canonical}'; "
                "een naam of alias mag maar bij één waarde horen."
            )
        self._by_key[key] = canonical
        self._spellings.append(spelling)

    def resolve(self, value: str) -> str | None:
        return self._by_key.get(fold(value))

    def suggest(self, value: str) -> list[str]:
        """Canonical values whose spellings are close to ``value``, best first, unique."""
        seen: list[str] = []
        for spelling in close_matches(value, self._spellings, n=6):
            canonical = self._by_key[fold(spelling)]
            if canonical not in seen:
                seen.append(canonical)
        return seen[:3]


@dataclass(frozen=True)
class Vocabulary:
    regions: tuple[Region, ...]
    themes: tuple[Theme, ...]
    _regions: _Lookup
    _themes: _Lookup

    # --- regions -----------------------------------------------------------------
    def resolve_region(self, value: str) -> str | None:
        """Canonical region name for a name or alias, or None."""
        return self._regions.resolve(value)

    def suggest_region(self, value: str) -> list[str]:
        return self._regions.suggest(value)

    def region(self, name: str) -> Region:
        return next(r for r in self.regions if r.name == name)

    @property
    def region_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.regions)

    @property
    def labour_market_regions(self) -> tuple[Region, ...]:
        """The arbeidsmarktregio's: every region except the national entry."""
        return tuple(r for r in self.regions if not r.national)

    @property
    def national_region(self) -> Region | None:
        """The entry marked ``national: true`` ("Landelijk"), if the vocabulary has one."""
        return next((r for r in self.regions if r.national), None)

    # --- themes ------------------------------------------------------------------
    def resolve_theme(self, value: str) -> str | None:
        """Theme id for an id, label or alias, or None."""
        return self._themes.resolve(value)

    def suggest_theme(self, value: str) -> list[str]:
        return self._themes.suggest(value)

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.themes)


def _read_list(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VocabularyError(f"{path}: kan de woordenlijst niet lezen ({exc.strerror}).") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise VocabularyError(f"{path}: de woordenlijst is geen geldige YAML ({exc}).") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise VocabularyError(f"{path}: verwacht een lijst met items ('- name: ...').")
    return data


def _text(path: Path, index: int, item: dict, key: str, required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise VocabularyError(f"{path}: item {index + 1} mist '{key}' (tekst).")
    return value.strip()


def _aliases(path: Path, index: int, item: dict) -> tuple[str, ...]:
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise VocabularyError(f"{path}: item {index + 1}: 'aliases' moet een lijst met tekst zijn.")
    return tuple(a.strip() for a in aliases)


def _flag(path: Path, index: int, item: dict, key: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise VocabularyError(f"{path}: item {index + 1}: '{key}' moet true of false zijn.")
    return value


def _tile(path: Path, index: int, item: dict) -> tuple[int, int] | None:
    value = item.get("tile")
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 100 for n in value)):
        raise VocabularyError(f"{path}: item {index + 1}: 'tile' moet [kolom, rij] zijn, twee gehele getallen "
                              "van 0 tot 100.")
    return (value[0], value[1])


def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    """Read and check ``regions.yml`` and ``themes.yml``; raises :class:`VocabularyError`."""
    directory = Path(directory) if directory else VOCABULARY_DIR
    region_path, theme_path = directory / "regions.yml", directory / "themes.yml"

    regions: list[Region] = []
    region_lookup = _Lookup("regio", region_path)
    for i, item in enumerate(_read_list(region_path)):
        region = Region(
            name=_text(region_path, i, item, "name"),
            slug=_text(region_path, i, item, "slug"),
            description=_text(region_path, i, item, "description"),
            aliases=_aliases(region_path, i, item),
            national=_flag(region_path, i, item, "national"),
            tile=_tile(region_path, i, item),
            short=_text(region_path, i, item, "short", required=False),
        )
        if not SLUG_RE.match(region.slug):
            raise VocabularyError(f"{region_path}: slug '{region.slug}' van '{region.name}' is ongeldig.")
        regions.append(region)
        for spelling in (region.name, region.slug, *region.aliases):
            region_lookup.add(spelling, region.name)
    _check_unique(region_path, [r.slug for r in regions], "slug")
    _check_unique(region_path, [f"{r.tile[0]}, {r.tile[1]}" for r in regions if r.tile], "tile")
    if sum(r.national for r in regions) > 1:
        raise VocabularyError(f"{region_path}: maar één regio mag 'national: true' hebben.")

    themes: list[Theme] = []
    theme_lookup = _Lookup("thema", theme_path)
    for i, item in enumerate(_read_list(theme_path)):
        theme = Theme(
            id=_text(theme_path, i, item, "id"),
            label=_text(theme_path, i, item, "label"),
            description=_text(theme_path, i, item, "description"),
            aliases=_aliases(theme_path, i, item),
        )
        if not SLUG_RE.match(theme.id):
            raise VocabularyError(f"{theme_path}: id '{theme.id}' is ongeldig (kleine letters, cijfers, koppeltekens).")
        themes.append(theme)
        for spelling in (theme.id, theme.label, *theme.aliases):
            theme_lookup.add(spelling, theme.id)
    _check_unique(theme_path, [t.id for t in themes], "id")

    if not regions or not themes:
        raise VocabularyError(f"{directory}: de woordenlijsten voor regio's en thema's mogen niet leeg zijn.")
    return Vocabulary(tuple(regions), tuple(themes), region_lookup, theme_lookup)


def _check_unique(path: Path, values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise VocabularyError(f"{path}: {what} '{value}' komt twee keer voor.")
        seen.add(value)


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The project's vocabularies, read once per process."""
    return load_vocabulary()
