"""Read a whole meetings folder: every file, every problem.

Files are selected by the same rule as practices (:func:`build_tools.files.practice_files`);
a meeting's ``practices`` are checked against the practices loaded from the folder in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import PracticesFolderError
from ..files import display_path, practice_files
from ..frontmatter import parse_path
from ..load import LoadResult
from ..model import Problem
from ..vocabulary import Vocabulary, default_vocabulary
from .kinds import Kinds, default_kinds
from .model import Meeting
from .validate import PracticeRefs, check


class MeetingsFolderError(PracticesFolderError):
    """The meetings folder given does not exist or is not a folder."""


@dataclass
class MeetingsResult:
    #: every valid meeting, drafts included, sorted by date then slug
    meetings: list[Meeting] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: number of meeting files read
    files: int = 0

    @property
    def published(self) -> list[Meeting]:
        return [m for m in self.meetings if not m.draft]


def load_meeting_file(path: Path, refs: PracticeRefs, vocab: Vocabulary | None = None,
                      kinds: Kinds | None = None) -> tuple[Meeting | None, list[Problem]]:
    """One meeting file: the meeting, or None and its problems."""
    path = Path(path)
    parsed = parse_path(path, display_path(path))
    meeting = check(parsed, path.stem, path, vocab or default_vocabulary(), kinds or default_kinds(), refs)
    return meeting, sorted(parsed.problems)


def meeting_files(folder: Path) -> list[Path]:
    folder = Path(folder)
    if not folder.is_dir():
        what = "bestaat niet" if not folder.exists() else "is geen map"
        raise MeetingsFolderError(f"De map met bijeenkomsten {what}: {display_path(folder)}")
    return practice_files(folder)


def load_meetings(folder: Path | None, refs: PracticeRefs, vocab: Vocabulary | None = None,
                  kinds: Kinds | None = None) -> MeetingsResult:
    """Read and validate every meeting in ``folder`` (None: no meetings)."""
    result = MeetingsResult()
    if folder is None:
        return result
    vocab, kinds = vocab or default_vocabulary(), kinds or default_kinds()
    first_by_slug: dict[str, Path] = {}
    for path in meeting_files(folder):
        result.files += 1
        meeting, problems = load_meeting_file(path, refs, vocab, kinds)
        result.problems.extend(problems)
        if path.stem in first_by_slug:
            result.problems.append(Problem(
                display_path(path), 1, "slug",
                f"'{path.stem}' wordt al gebruikt door {display_path(first_by_slug[path.stem])}; "
                "kies een andere bestandsnaam"))
            continue
        first_by_slug[path.stem] = path
        if meeting is not None:
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
