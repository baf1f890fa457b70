"""Which files in a practices folder are practices, and how paths are shown to the user.

Kept free of YAML and the validator, so that a search's freshness check can use it cheaply.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import PracticesFolderError

#: Files in a practices folder that are not practices.
IGNORED_NAMES = frozenset({"readme.md", "index.md", "_template.md"})


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


def is_practice_name(name: str) -> bool:
    return name.endswith(".md") and not name.startswith(".") and name.lower() not in IGNORED_NAMES


def is_practice_folder_name(name: str) -> bool:
    return not name.startswith((".", "_"))


def practice_files(folder: Path) -> list[Path]:
    """All practice files below ``folder`` (``*.md``; hidden folders and README skipped), sorted."""
    folder = Path(folder)
    if not folder.exists():
        raise PracticesFolderError(f"De map met praktijken bestaat niet: {display_path(folder)}")
    if not folder.is_dir():
        raise PracticesFolderError(f"Dit is geen map: {display_path(folder)}")
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if is_practice_folder_name(d))
        files.extend(Path(root) / name for name in names if is_practice_name(name))
    # Top-level files first: of two files with one slug, the one deeper down is the duplicate.
    return sorted(files, key=lambda p: (len(p.relative_to(folder).parts), p))
