"""The one file rule: which files in a practices folder are practices, and how they are read.

Every command (validate, index, search, show, export, build, stale, stats and the pre-commit
hook) selects files with :func:`scan` (or :func:`check_path` for single files) and reads them
with :func:`read_source`, so they all see the same practices:

* a practice is a *regular* file whose name ends in ``.md``; names and folders starting with
  ``.`` or ``_`` are not looked at (hidden files, ``_template.md``; the test,
  ``is_skipped_name``, lives in :mod:`build_tools.folderdigest`, which must run without this
  module), nor is a ``README.md`` (it explains the folder);
* a ``.MD``/``.Md`` file is reported (rename it), not silently ignored;
* FIFOs, devices and sockets named ``*.md`` are reported and never opened (opening a FIFO
  blocks until someone writes to it);
* symbolic links, to files or to folders, are reported and not followed: a link can point
  outside the folder, at itself or at a loop, and the site links each practice to its file
  in the repository, which a link is not;
* a file larger than :data:`MAX_FILE_BYTES` is reported and not read;
* a subfolder that cannot be read is reported, not silently skipped;
* a name that is not valid UTF-8 is reported (it cannot be shown, stored or linked).

Kept free of YAML and the validator: a search's freshness check scans cheaply with this.
"""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .errors import PracticesFolderError
from .folderdigest import is_skipped_name, quick_digest  # noqa: F401  (part of the rule)
from .model import Problem

#: A practice larger than this is certainly a mistake (the longest example is a few kB).
MAX_FILE_BYTES = 1_000_000
#: Names (compared case-insensitively) that explain a folder and are not practices.
DOCUMENTATION_NAMES = frozenset({"readme.md"})
#: Slugs a practice may not have: the site uses these names itself (``praktijken/index.md``
#: is the search page) or a forge shows the file as the folder's documentation.
RESERVED_SLUGS = frozenset({"index", "readme"})
#: The field name of problems about the file itself (as in the validator's messages).
FILE_FIELD = "bestand"


def display_path(path: Path | str) -> str:
    """The path as the user will recognise it: relative to the working folder where possible;
    bytes that are not UTF-8 are shown as ``\\xNN``."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        relative = str(path)
    shown = os.path.abspath(path) if relative.startswith("..") else relative  # not resolve(): a link is shown as itself
    return printable(shown)


def printable(text: str) -> str:
    """``text`` with undecodable bytes (surrogate escapes) shown as ``\\xNN``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


def is_markdown_name(name: str) -> bool:
    """``*.md`` in any case (``praktijk.MD`` is a practice with a wrongly written extension)."""
    return name[-3:].lower() == ".md" and not is_skipped_name(name) and name.lower() not in DOCUMENTATION_NAMES


class SourceFile(NamedTuple):
    """One practice file as the scan saw it: its place in the folder and its stat stamp.
    (A named tuple: a scan makes one per file, and a freshness check over 10,000 files
    should not spend its time in constructors.)"""

    #: path below the practices folder, with ``/``
    rel: str
    size: int
    mtime_ns: int
    #: ctime and inode change on any write, also one that restores size and mtime (``cp -p``)
    ctime_ns: int
    inode: int

    @property
    def slug(self) -> str:
        return self.rel.rsplit("/", 1)[-1][:-3]

    @property
    def stamp(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


@dataclass
class FolderScan:
    """The practice files of a folder (top-level first, then by path) and the problems of the
    files the rule turned away."""

    folder: Path
    files: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: the clock when the scan started: a file changed in the same clock tick as it was read
    #: may keep its stamp, so the index compares the content of files this recent
    started_ns: int = 0
    #: :func:`quick_digest` of the folder taken right before the scan (when asked for)
    quick: str | None = None

    def path(self, rel: str) -> Path:
        return self.folder / rel

    def display(self, rel: str) -> str:
        """``display_path`` of a file, from the folder's display path computed once (the same
        text: the relative path is worked out lexically)."""
        prefix = self.__dict__.get("_prefix")
        if prefix is None:
            prefix = self.__dict__["_prefix"] = display_path(self.folder)
        return printable(rel) if prefix == "." else f"{prefix}{os.sep}{printable(rel)}"


def _problem(path: str, message: str) -> Problem:
    return Problem(display_path(path), 1, FILE_FIELD, message)


def _name_problem(name: str) -> str | None:
    if not name.endswith(".md"):
        return f"de extensie moet '.md' zijn (kleine letters); hernoem het bestand naar '{name[:-3]}.md'"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "de bestandsnaam is geen geldige UTF-8-tekst; hernoem het bestand"
    return None


def _kind_problem(st: os.stat_result | None, is_link: bool) -> str | None:
    if is_link:
        return "is een symbolische koppeling; die worden niet gevolgd. Zet het bestand zelf in de map"
    if st is None or not stat.S_ISREG(st.st_mode):
        return "is geen gewoon bestand (maar bijvoorbeeld een pipe of apparaat) en wordt niet gelezen"
    return _size_problem(st.st_size)


def _size_problem(size: int) -> str | None:
    if size > MAX_FILE_BYTES:
        return f"is te groot ({size:_} bytes; hoogstens {MAX_FILE_BYTES:_}) en wordt niet gelezen".replace("_", ".")
    return None


def _entry_problem(name: str, st: os.stat_result | None, is_link: bool) -> str | None:
    """Why a ``*.md`` directory entry is not a practice file, or None when it is one."""
    return _name_problem(name) or _kind_problem(st, is_link)


def _folder_error(exc: OSError) -> str:
    return f"de map kan niet gelezen worden ({_reason(exc)}); de praktijken erin zijn niet gecontroleerd"


def _walk(path: str, prefix: str, out: FolderScan) -> None:
    """One folder level with os.scandir and no Path objects: a freshness check over 10,000
    files must stay in the tens of milliseconds (most of it is the one stat per file)."""
    try:
        it = os.scandir(path)
    except OSError as exc:
        out.problems.append(_problem(path, _folder_error(exc)))
        return
    subfolders = []
    files = out.files
    with it:
        for entry in it:
            name = entry.name
            if is_skipped_name(name):
                continue
            try:
                # the common case first: a regular, small *.md file with an ASCII name
                # (is_file without following links needs no system call)
                if name[-3:] == ".md" and name.isascii() and entry.is_file(follow_symlinks=False) \
                        and name.lower() not in DOCUMENTATION_NAMES:
                    st = entry.stat(follow_symlinks=False)
                    if st.st_size <= MAX_FILE_BYTES:
                        files.append(SourceFile(prefix + name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
                        continue
                is_link = entry.is_symlink()
                if not is_link and entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry)
                    continue
                if not is_markdown_name(name):
                    if is_link and entry.is_dir():  # a linked folder: say so, it may hold practices
                        out.problems.append(_problem(entry.path, "is een symbolische koppeling naar een map; "
                                                                 "die worden niet gevolgd"))
                    continue
                st = None if is_link else entry.stat(follow_symlinks=False)
            except OSError:
                continue  # vanished between listing and stat
            problem = _entry_problem(name, st, is_link)
            if problem:
                out.problems.append(_problem(entry.path, problem))
            else:
                files.append(SourceFile(prefix + name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    for entry in subfolders:
        name = entry.name
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:
            out.problems.append(_problem(entry.path, "de mapnaam is geen geldige UTF-8-tekst; hernoem de map"))
            continue
        _walk(entry.path, prefix + name + "/", out)


def check_folder(folder: Path) -> Path:
    folder = Path(folder)
    if not folder.exists():
        raise PracticesFolderError(f"De map met praktijken bestaat niet: {display_path(folder)}")
    if not folder.is_dir():
        raise PracticesFolderError(f"Dit is geen map: {display_path(folder)}")
    return folder


def scan(folder: Path, *, quick: bool = False) -> FolderScan:
    """The practice files below ``folder`` with their stat stamps; turned-away files as problems.

    Top-level files come first: of two files with one slug, the one deeper down is the duplicate.
    ``quick``: also take the folder's :func:`quick_digest`, before the scan (the search index
    keeps it, so that a later search can tell that nothing changed without a scan)."""
    folder = check_folder(folder)
    result = FolderScan(folder, started_ns=time.time_ns())
    if quick:
        result.quick = quick_digest(folder)
    try:
        os.scandir(folder).close()
    except OSError as exc:
        raise PracticesFolderError(f"De map met praktijken kan niet gelezen worden: {display_path(folder)} "
                                   f"({_reason(exc)})") from exc
    _walk(str(folder), "", result)
    result.files.sort(key=lambda f: (f.rel.count("/"), f.rel))
    result.problems.sort()
    return result


def practice_files(folder: Path) -> list[Path]:
    """All practice files below ``folder``, in scan order (see :func:`scan`)."""
    found = scan(folder)
    return [found.path(f.rel) for f in found.files]


def check_path(path: Path) -> tuple[bool, Problem | None]:
    """The file rule for one given file (the pre-commit hook): (is a practice, problem).

    (False, None): not a practice file (README, hidden, not ``*.md``); (True, problem): a
    practice file that may not be read; (True, None): read it."""
    path = Path(path)
    parts = [p for p in path.parent.parts if p not in (".", "..")]
    if not is_markdown_name(path.name) or any(is_skipped_name(p) for p in parts):
        return False, None
    try:
        st = os.lstat(path)
    except OSError:  # reading it will say why
        return True, None
    problem = _entry_problem(path.name, st, stat.S_ISLNK(st.st_mode))
    return True, _problem(str(path), problem) if problem else None


class UnreadableSource(Exception):
    """:func:`read_source` failed; the message is Dutch and fits after the file name."""


def read_source(path: Path) -> bytes:
    """The bytes of a practice file, opened without blocking and without following a link that
    appeared since the scan, at most :data:`MAX_FILE_BYTES`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableSource(f"kan niet gelezen worden ({_reason(exc)})") from exc
    try:
        problem = _kind_problem(os.fstat(fd), False)
        if problem:
            raise UnreadableSource(problem)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UnreadableSource(f"kan niet gelezen worden ({_reason(exc)})") from exc
    finally:
        os.close(fd)
    problem = _size_problem(len(data))  # grew since the scan
    if problem:
        raise UnreadableSource(problem)
    return data


def _reason(exc: OSError) -> str:
    return "geen toegang" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
