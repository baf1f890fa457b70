"""Where things are: the project, the practices folder and the search index folder."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PRACTICES_ENV = "KENNISBANK_PRACTICES"
INDEX_ENV = "KENNISBANK_INDEX"
MEETINGS_ENV = "KENNISBANK_MEETINGS"
#: The meetings folder's name beside a practices folder (the project's own: ``meetings/``).
MEETINGS_DIR_NAME = "meetings"
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


def default_meetings_dir(practices: Path) -> Path | None:
    """``$KENNISBANK_MEETINGS``, else the ``meetings/`` folder beside the practices folder, else None.

    Beside *the practices folder in use*: another practices folder is never checked against
    the project's meetings.
    """
    env = os.environ.get(MEETINGS_ENV)
    if env:
        return Path(env)
    beside = Path(practices).resolve().parent / MEETINGS_DIR_NAME
    return beside if beside.is_dir() else None


@dataclass(frozen=True)
class Settings:
    practices: Path
    index: Path
    #: the meetings folder, or None when there are no meetings to read
    meetings: Path | None = None

    @classmethod
    def resolve(cls, practices: Path | None = None, index: Path | None = None,
                meetings: Path | None = None) -> "Settings":
        practices = Path(practices) if practices else default_practices_dir()
        return cls(practices, Path(index) if index else default_index_dir(practices),
                   Path(meetings) if meetings else default_meetings_dir(practices))
