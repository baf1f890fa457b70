"""Read a whole meetings folder: every file, every problem.

Files are selected by the same rule as practices (:func:`build_tools.files.practice_files`);
a meeting's ``practices`` are checked against the practices loaded from the folder in use.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PracticesFolderError
from ..files import FILE_FIELD, FolderScan, UnreadableSource, display_path, read_source, scan
from ..frontmatter import parse
from ..load import DRAFT, INVALID, PUBLISHED, LoadResult, Source, slug_problems
from ..model import Problem
from ..vocabulary import Vocabulary, default_vocabulary
from .kinds import Kinds, default_kinds
from .model import Meeting
from .validate import REQUIRED, PracticeRefs, check


class MeetingsFolderError(PracticesFolderError):
    """The meetings folder given does not exist or is not a folder."""


@dataclass
class MeetingsResult:
    #: every valid meeting, drafts included, sorted by date then slug
    meetings: list[Meeting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: number of meeting files read
    files: int = 0
    #: the scan of the folder read (None: no folder), so later stages can tell whether it changed
    scan: FolderScan | None = None

    @property
    def published(self) -> list[Meeting]:
        return [m for m in self.meetings if not m.draft]


def _read(path: Path, display: str, refs: PracticeRefs, vocab: Vocabulary,
          kinds: Kinds) -> tuple[str, Meeting | None, list[Problem]]:
    """(sha1, meeting or None, problems) of one file: read once, hashed, parsed, checked."""
    try:
        raw = read_source(path)
    except UnreadableSource as exc:
        return "", None, [Problem(display, 1, FILE_FIELD, str(exc))]
    parsed = parse(raw, display, REQUIRED)
    meeting = check(parsed, path.stem, path, vocab, kinds, refs)
    return hashlib.sha1(raw).hexdigest(), meeting, sorted(parsed.problems)


def read_meeting_source(found, file, refs: PracticeRefs, vocab: Vocabulary | None = None,
                        kinds: Kinds | None = None) -> Source:
    """One file of a meetings folder scan as a :class:`build_tools.load.Source` (its ``item`` the
    meeting): what the search index reads for new and changed meeting files."""
    sha, meeting, problems = _read(found.path(file.rel), found.display(file.rel), refs,
                                   vocab or default_vocabulary(), kinds or default_kinds())
    if problems or meeting is None:
        return Source(file, sha, INVALID, None, problems)
    return Source(file, sha, DRAFT if meeting.draft else PUBLISHED, meeting, [])


def load_meeting_file(path: Path, refs: PracticeRefs, vocab: Vocabulary | None = None,
                      kinds: Kinds | None = None) -> tuple[Meeting | None, list[Problem]]:
    """One meeting file: the meeting, or None and its problems (without the file rule)."""
    path = Path(path)
    _sha, meeting, problems = _read(path, display_path(path), refs, vocab or default_vocabulary(),
                                    kinds or default_kinds())
    return meeting, problems


def check_meetings_folder(folder: Path) -> None:
    if not folder.is_dir():
        what = "bestaat niet" if not folder.exists() else "is geen map"
        raise MeetingsFolderError(f"De map met bijeenkomsten {what}: {display_path(folder)}")


def meeting_files(folder: Path) -> list[Path]:
    """The meeting files in ``folder``, by the same file rule as practices."""
    folder = Path(folder)
    check_meetings_folder(folder)
    found = scan(folder)
    return [found.path(f.rel) for f in found.files]


def load_meetings(folder: Path | None, refs: PracticeRefs, vocab: Vocabulary | None = None,
                  kinds: Kinds | None = None) -> MeetingsResult:
    """Read and validate every meeting in ``folder`` (None: no meetings).

    The folder is scanned with the practices' file rule, and a slug used twice (or a reserved
    one) is reported by the same function (:func:`build_tools.load.slug_problems`)."""
    result = MeetingsResult()
    if folder is None:
        return result
    folder = Path(folder)
    check_meetings_folder(folder)
    vocab, kinds = vocab or default_vocabulary(), kinds or default_kinds()
    found = scan(folder)
    result.scan = found
    blocked = slug_problems(found)
    result.problems.extend(found.problems)
    result.problems.extend(blocked.values())
    for file in found.files:
        result.files += 1
        _sha, meeting, problems = _read(found.path(file.rel), found.display(file.rel), refs, vocab, kinds)
        result.problems.extend(problems)
        if meeting is not None and file.rel not in blocked:
            result.meetings.append(meeting)
    result.meetings.sort(key=lambda m: (m.date, m.start_time or dt.time.min, m.slug))
    result.problems.sort()
    return result


def load_meetings_for(practices: LoadResult, folder: Path | None, vocab: Vocabulary | None = None,
                      kinds: Kinds | None = None) -> MeetingsResult:
    """The meetings in ``folder``, their ``practices`` checked against the loaded practices."""
    return load_meetings(folder, refs_for(practices), vocab, kinds)


def refs_for(practices: LoadResult) -> PracticeRefs:
    """What meetings may refer to in these practices (files with problems count as existing)."""
    return PracticeRefs.of(practices.practices, {Path(p.path).stem for p in practices.problems})
