"""Where things are: the project, the practices folder and the search index folder."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRACTICES_ENV = "KENNISBANK_PRACTICES"
INDEX_ENV = "KENNISBANK_INDEX"
CACHE_DIR = PROJECT_ROOT / ".cache"
#: The vocabulary data files (regions.yml, themes.yml).
VOCABULARY_DIR = Path(__file__).resolve().parent / "vocabularies"


def default_practices_dir() -> Path:
    """``$KENNISBANK_PRACTICES``, else the project's ``practices/``, else ``./practices``."""
    env = os.environ.get(PRACTICES_ENV)
    if env:
        return Path(env)
    project = PROJECT_ROOT / "practices"
    return project if project.is_dir() else Path("practices")


def default_index_dir(practices: Path) -> Path:
    """``$KENNISBANK_INDEX``, else a cache folder of the project, one per practices folder.

    One folder per practices folder keeps two folders from overwriting each other's index.
    """
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env)
    resolved = Path(practices).resolve()
    if resolved == (PROJECT_ROOT / "practices").resolve():
        return CACHE_DIR / "index"
    digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:10]
    return CACHE_DIR / f"index-{resolved.name or 'praktijken'}-{digest}"


@dataclass(frozen=True)
class Settings:
    practices: Path
    index: Path

    @classmethod
    def resolve(cls, practices: Path | None = None, index: Path | None = None) -> "Settings":
        practices = Path(practices) if practices else default_practices_dir()
        return cls(practices, Path(index) if index else default_index_dir(practices))
