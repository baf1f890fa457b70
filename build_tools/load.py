"""Read a whole practices folder: every file, every problem, one :class:`LoadResult`.

Like pelican's readers, one bad file never stops the run: each file is read and checked,
problems are collected, and the caller decides (report all, then stop once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import InvalidContentError, UnknownSlugError
from .files import IGNORED_NAMES, display_path, practice_files  # noqa: F401 (re-exported)
from .frontmatter import parse_path
from .model import Practice, Problem
from .textutil import close_matches
from .validate import check
from .vocabulary import Vocabulary, default_vocabulary

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
