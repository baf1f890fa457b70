"""Read a whole practices folder: every file, every problem, one :class:`LoadResult`.

Like pelican's readers, one bad file never stops the run: each file is read and checked,
problems are collected, and the caller decides (report all, then stop once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidContentError, PracticesFolderError, UnknownSlugError
from .frontmatter import parse_path
from .model import Practice, Problem
from .textutil import close_matches
from .validate import check
from .vocabulary import Vocabulary, default_vocabulary

#: Files in a practices folder that are not practices.
IGNORED_NAMES = {"readme.md", "index.md", "_template.md"}


@dataclass
class LoadResult:
    #: every valid practice, drafts included, sorted by slug
    practices: list[Practice] = field(default_factory=list)
    #: every problem of every file, sorted by path and line
    problems: list[Problem] = field(default_factory=list)
    #: number of practice files read
    files: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def published(self) -> list[Practice]:
        """Practices that go on the site and into the index: drafts left out."""
        return [p for p in self.practices if not p.draft]

    def raise_for_problems(self) -> None:
        if self.problems:
            raise InvalidContentError(self.problems)

    def get(self, slug: str) -> Practice:
        for practice in self.practices:
            if practice.slug == slug:
                return practice
        raise UnknownSlugError(slug, close_matches(slug, [p.slug for p in self.practices], n=3, cutoff=0.5))


def display_path(path: Path) -> str:
    """The path as the user will recognise it: relative to the working folder where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def practice_files(folder: Path) -> list[Path]:
    """All practice files below ``folder`` (``*.md``, hidden folders and README skipped), sorted."""
    folder = Path(folder)
    if not folder.exists():
        raise PracticesFolderError(f"De map met praktijken bestaat niet: {display_path(folder)}")
    if not folder.is_dir():
        raise PracticesFolderError(f"Dit is geen map: {display_path(folder)}")
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in names:
            if name.endswith(".md") and not name.startswith(".") and name.lower() not in IGNORED_NAMES:
                files.append(Path(root) / name)
    # Top-level files first: of two files with one slug, the one deeper down is the duplicate.
    return sorted(files, key=lambda p: (len(p.relative_to(folder).parts), p))


def load_file(path: Path, vocab: Vocabulary | None = None) -> tuple[Practice | None, list[Problem]]:
    """One practice file: the practice, or None and its problems."""
    parsed = parse_path(Path(path), display_path(Path(path)))
    practice = check(parsed, Path(path).stem, Path(path), vocab or default_vocabulary())
    return practice, sorted(parsed.problems)


def load_practices(folder: Path, vocab: Vocabulary | None = None) -> LoadResult:
    """Read and validate every practice file in ``folder``."""
    vocab = vocab or default_vocabulary()
    result = LoadResult()
    first_by_slug: dict[str, Path] = {}
    for path in practice_files(folder):
        result.files += 1
        practice, problems = load_file(path, vocab)
        result.problems.extend(problems)
        slug = path.stem
        if slug in first_by_slug:
            result.problems.append(Problem(
                display_path(path), 1, "slug",
                f"'{slug}' wordt al gebruikt door {display_path(first_by_slug[slug])}; kies een andere bestandsnaam",
            ))
            continue
        first_by_slug[slug] = path
        if practice is not None:
            result.practices.append(practice)
    result.practices.sort(key=lambda p: p.slug)
    result.problems.sort()
    return result
