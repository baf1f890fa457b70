"""The one loading stage: scan → parse → validate → :class:`LoadResult`.

Every later stage (search index, pages, similar practices, export, stats, stale) takes the
:class:`LoadResult` (or its practices), never a folder: each file is read once per run. Like
pelican's readers, one bad file never stops the run: each file is read and checked, problems
are collected, and the caller decides (report all, then stop once).

The result also keeps, per file, what the search index needs to stay up to date without
reading the files again (:class:`Source`: the scan's stat stamp, the content hash and the
outcome). A second kind of content (meetings) gets its own list of items and sources beside
``practices`` and ``sources``; problems stay one list.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .errors import InvalidContentError, UnknownSlugError
from .files import (
    FILE_FIELD, RESERVED_SLUGS, FolderScan, SourceFile, UnreadableSource, check_path, display_path,
    practice_files, read_source, scan,
)
from .model import Practice, Problem
from .progress import CHECKING, LOADING, Progress, counted, report
from .textutil import close_matches
from .validate import check
from .vocabulary import Vocabulary, default_vocabulary

__all__ = ["LoadResult", "Source", "PUBLISHED", "DRAFT", "INVALID", "load", "load_file", "load_paths",
           "load_practices", "load_scan", "read_source_file", "slug_problems", "display_path", "practice_files"]

#: What became of a file: a published practice, a draft, or a file with problems.
PUBLISHED, DRAFT, INVALID = "indexed", "draft", "invalid"


@dataclass
class Source:
    """One file as loaded: the scan's stamp, the hash of the bytes read, the outcome."""

    file: SourceFile
    sha1: str
    state: str
    practice: Practice | None
    #: the problems of this file's content (parse and validation); folder-level problems such
    #: as a duplicate slug are in :meth:`FolderScan`-derived :func:`slug_problems`
    problems: list[Problem]

    @property
    def rel(self) -> str:
        return self.file.rel

    @property
    def item(self):
        """What the file holds: the practice (or, for a meetings folder, the meeting), or None."""
        return self.practice


@dataclass
class LoadResult:
    folder: Path
    #: every valid practice, drafts included, sorted by slug (a duplicate slug's second file left out)
    practices: list[Practice] = field(default_factory=list)
    #: every problem of every file, sorted by path and line
    problems: list[Problem] = field(default_factory=list)
    #: per practice file read, in scan order
    sources: list[Source] = field(default_factory=list)
    #: the scan the files came from (stamps, turned-away files)
    scan: FolderScan | None = None

    @property
    def files(self) -> int:
        """Number of practice files read."""
        return len(self.sources)

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


def reserved_slug_problem(slug: str, display: str) -> Problem | None:
    if slug.lower() in RESERVED_SLUGS:
        return Problem(display, 1, "slug", f"'{slug}' is een gereserveerde naam (de site gebruikt hem zelf); "
                                           "kies een andere bestandsnaam")
    return None


def slug_problems(found: FolderScan) -> dict[str, Problem]:
    """rel -> the folder-level problem of a file: a reserved slug, or a slug already used by a
    file higher up (those files are loaded, checked, and left out). From the names alone."""
    out: dict[str, Problem] = {}
    first: dict[str, str] = {}
    for f in found.files:
        slug = f.slug
        problem = reserved_slug_problem(slug, found.display(f.rel))
        if problem is None and slug in first:
            problem = Problem(found.display(f.rel), 1, "slug",
                              f"'{slug}' wordt al gebruikt door {found.display(first[slug])}; "
                              "kies een andere bestandsnaam")
        if problem is not None:
            out[f.rel] = problem
        first.setdefault(slug, f.rel)
    return out


def _read(path: Path, display: str, slug: str, vocab: Vocabulary) -> tuple[str, Practice | None, list[Problem]]:
    """(sha1, practice or None, problems) of one file: read once, hashed, parsed, checked."""
    try:
        raw = read_source(path)
    except UnreadableSource as exc:
        return "", None, [Problem(display, 1, FILE_FIELD, str(exc))]
    parsed = frontmatter.parse(raw, display)
    practice = check(parsed, slug, path, vocab)
    return hashlib.sha1(raw).hexdigest(), practice, sorted(parsed.problems)


def read_source_file(found: FolderScan, file: SourceFile, vocab: Vocabulary | None = None) -> Source:
    """Read one file of a scan (the search index uses this for changed files only)."""
    sha, practice, problems = _read(found.path(file.rel), found.display(file.rel), file.slug,
                                    vocab or default_vocabulary())
    if problems or practice is None:
        return Source(file, sha, INVALID, None, problems)
    return Source(file, sha, DRAFT if practice.draft else PUBLISHED, practice, [])


def load_scan(found: FolderScan, vocab: Vocabulary | None = None, progress: Progress | None = None) -> LoadResult:
    """Read and validate every file of a scan (``progress``: see :mod:`build_tools.progress`)."""
    vocab = vocab or default_vocabulary()
    result = LoadResult(found.folder, scan=found)
    blocked = slug_problems(found)
    result.problems.extend(found.problems)
    result.problems.extend(blocked.values())
    for file in counted(found.files, CHECKING, progress):
        source = read_source_file(found, file, vocab)
        result.sources.append(source)
        result.problems.extend(source.problems)
        if source.practice is not None and file.rel not in blocked:
            result.practices.append(source.practice)
    result.practices.sort(key=lambda p: p.slug)
    result.problems.sort()
    return result


def load(folder: Path, vocab: Vocabulary | None = None, progress: Progress | None = None) -> LoadResult:
    """Read and validate every practice file in ``folder`` (see :mod:`build_tools.files`);
    ``progress``: see :mod:`build_tools.progress`."""
    report(progress, LOADING)
    found = scan(folder)
    report(progress, LOADING, len(found.files), len(found.files))
    return load_scan(found, vocab, progress)


#: The name every caller used so far.
load_practices = load


def load_file(path: Path, vocab: Vocabulary | None = None) -> tuple[Practice | None, list[Problem]]:
    """One practice file: the practice, or None and its problems (without the file rule)."""
    path = Path(path)
    _sha, practice, problems = _read(path, display_path(path), path.stem, vocab or default_vocabulary())
    return practice, problems


def load_paths(paths: Iterable[Path], vocab: Vocabulary | None = None) -> LoadResult:
    """Given files (the pre-commit hook): the file rule applied to each, then read and checked.
    Folder-wide checks (a slug used twice) are left to loading the folder."""
    vocab = vocab or default_vocabulary()
    result = LoadResult(Path("."))
    for path in paths:
        path = Path(path)
        is_practice, problem = check_path(path)
        if not is_practice:
            continue
        display = display_path(path)
        problems = [problem] if problem else []
        practice = None
        if problem is None:
            _sha, practice, problems = _read(path, display, path.stem, vocab)
            reserved = reserved_slug_problem(path.stem, display)
            problems += [reserved] if reserved else []
        stamp = SourceFile(path.as_posix(), 0, 0, 0, 0)
        result.sources.append(Source(stamp, "", INVALID if problems or practice is None else PUBLISHED,
                                     practice, problems))
        result.problems.extend(problems)
        if practice is not None and not problems:
            result.practices.append(practice)
    result.problems.sort()
    return result
