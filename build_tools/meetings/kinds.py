"""The kinds of meeting, read from ``vocabularies/kinds.yml`` like the themes.

The file has the same shape as ``themes.yml`` (id, label, description, aliases) and is read
with the same helpers, so spellings are matched the same way (case, accents, separators).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import VocabularyError
from ..settings import VOCABULARY_DIR
from ..slugs import SLUG_RE
from ..vocabulary import _aliases, _check_unique, _Lookup, _read_list, _text

KINDS_FILE = "kinds.yml"


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    description: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kinds:
    kinds: tuple[Kind, ...]
    _lookup: _Lookup

    def resolve(self, value: str) -> str | None:
        """Kind id for an id, label or alias, or None."""
        return self._lookup.resolve(value)

    def suggest(self, value: str) -> list[str]:
        return self._lookup.suggest(value)

    def get(self, kind_id: str) -> Kind:
        return next(k for k in self.kinds if k.id == kind_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(k.id for k in self.kinds)


def load_kinds(directory: Path | None = None) -> Kinds:
    """Read and check ``kinds.yml``; raises :class:`VocabularyError`."""
    path = (Path(directory) if directory else VOCABULARY_DIR) / KINDS_FILE
    kinds: list[Kind] = []
    lookup = _Lookup("soort", path)
    for i, item in enumerate(_read_list(path)):
        kind = Kind(id=_text(path, i, item, "id"), label=_text(path, i, item, "label"),
                    description=_text(path, i, item, "description"), aliases=_aliases(path, i, item))
        if not SLUG_RE.match(kind.id):
            raise VocabularyError(f"{path}: id '{kind.id}' is ongeldig (kleine letters, cijfers, koppeltekens).")
        kinds.append(kind)
        for spelling in (kind.id, kind.label, *kind.aliases):
            lookup.add(spelling, kind.id)
    _check_unique(path, [k.id for k in kinds], "id")
    if not kinds:
        raise VocabularyError(f"{path}: de lijst met soorten bijeenkomsten mag niet leeg zijn.")
    return Kinds(tuple(kinds), lookup)


@functools.cache
def default_kinds() -> Kinds:
    """The project's kinds, read once per process."""
    return load_kinds()
