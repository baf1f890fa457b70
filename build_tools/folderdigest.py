"""The quick digest of a practices folder, and the name rule it shares with the scan.

A search checks first of all that nothing changed since the index was written, by comparing
the digest the index keeps with :func:`quick_digest` of the folder now. This module uses the
standard library only, so that it also runs on its own as a helper process (``python -I -S
folderdigest.py FOLDER...`` prints one digest per line, ``-`` for an unreadable folder):
:class:`QuickDigests` starts one to take the digests while the search imports Whoosh.
:mod:`build_tools.files` (the file rule) uses the same name rule and digest.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import operator
import os
import stat
import sys
from array import array


def is_skipped_name(name: str) -> bool:
    """Hidden and underscore names are not looked at (files and folders)."""
    return name.startswith((".", "_"))


_STAT_FIELDS = operator.attrgetter("st_mode", "st_size", "st_mtime_ns", "st_ctime_ns")
_MODE = operator.attrgetter("st_mode")


def _quick(path: str, digest) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        names = os.listdir(fd)
        # one lstat per entry; map and attrgetter keep the loop in C
        stats = list(map(functools.partial(os.stat, dir_fd=fd, follow_symlinks=False), names))
    finally:
        os.close(fd)
    digest.update("\0".join(names).encode("utf-8", "surrogateescape") + b"\1")
    digest.update(array("q", itertools.chain.from_iterable(map(_STAT_FIELDS, stats))).tobytes())
    digest.update(array("Q", map(operator.attrgetter("st_ino"), stats)).tobytes())
    # the subfolders, picked out without Python code per entry
    for name in itertools.compress(names, map(stat.S_ISDIR, map(_MODE, stats))):
        if not is_skipped_name(name):
            _quick(os.path.join(path, name), digest)


def quick_digest(folder) -> str | None:
    """A digest of what a :func:`build_tools.files.scan` of ``folder`` sees: every name and its
    ``lstat`` (type, size, mtime, ctime, inode), folder by folder, in the order the system lists
    them. When a folder gives the digest it gave before, its scan is the same (the other way
    round need not hold: another listing order only gives another digest). About ten times
    cheaper than a scan: no Python code per file. None when a folder cannot be read (scan it to
    find out why). (One thing it does not see: the target of a symbolic link, which the scan
    reports but never follows.)"""
    digest = hashlib.sha1()
    try:
        _quick(str(folder), digest)
    except (OSError, ValueError):
        return None
    return digest.hexdigest()


class QuickDigests:
    """The :func:`quick_digest` of some folders, taken by a helper process while this one goes on.

    The ``lstat`` of every file that a digest takes is work for the system, not for Python,
    and on a large folder it costs as much as importing Whoosh. Like git's
    ``core.preloadIndex``, it runs alongside the start-up instead of after it: this module,
    started as a small Python process (``posix_spawn``, isolated, no site packages), takes the
    digests and hands them over through a pipe. Where that is not possible (no
    ``posix_spawn``, as on Windows) or fails, a digest is taken when asked for. Use as a
    context manager (the helper is waited for)."""

    def __init__(self, folders) -> None:
        self._values: dict[str, str | None] = {}
        self._pid = self._pipe = None
        self._folders = [str(f) for f in folders]
        if self._folders and hasattr(os, "posix_spawn") and sys.executable:
            self._start()

    def _start(self) -> None:
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return
        try:
            self._pid = os.posix_spawn(
                sys.executable, [sys.executable, "-I", "-S", os.path.abspath(__file__), *self._folders],
                os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, write_end, 1),
                                          (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
            self._pipe = read_end
        except OSError:
            os.close(read_end)
        finally:
            os.close(write_end)

    def _collect(self) -> None:
        pid, pipe, self._pid, self._pipe = self._pid, self._pipe, None, None
        try:
            with os.fdopen(pipe, "rb") as handle:
                lines = handle.read().decode("ascii").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        finally:
            os.waitpid(pid, 0)
        if len(lines) == len(self._folders):  # else the helper failed: digests are taken here
            self._values = {f: None if line == "-" else line for f, line in zip(self._folders, lines)}

    def __call__(self, folder) -> str | None:
        if self._pid is not None:
            self._collect()
        key = str(folder)
        if key not in self._values:
            self._values[key] = quick_digest(folder)
        return self._values[key]

    def close(self) -> None:
        if self._pid is not None:
            self._collect()

    def __enter__(self) -> "QuickDigests":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


if __name__ == "__main__":
    sys.stdout.write("".join(f"{quick_digest(folder) or '-'}\n" for folder in sys.argv[1:]))
