"""The index lock: one writer at a time, across processes (``filelock``, also on Windows).

Readers never take it: a full rebuild is swapped in whole and an incremental commit is
transactional, so a search reads either the old or the new index. The holder writes its
process id into a side file, so that whoever waits too long can say who holds the lock.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from build_tools.writers import write_atomic

from .errors import IndexLocationError, IndexLockedError

LOCK = ".lock"
#: the process id of the holder, beside the lock (the lock file itself is filelock's)
HOLDER = ".lock.pid"
LOCK_TIMEOUT_ENV = "KENNISBANK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def holder(index_dir: Path) -> str:
    """The process id written by the holder of the lock ("" when unknown)."""
    try:
        text = (Path(index_dir) / HOLDER).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return text if text.isdigit() else ""


@contextlib.contextmanager
def index_lock(index_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Exclusive lock on the index folder, waiting up to ``timeout`` seconds; raises
    :class:`IndexLockedError` (naming the holder's process) when that is not enough."""
    from filelock import FileLock, Timeout  # only a writer needs it

    index_dir = Path(index_dir)
    timeout = lock_timeout() if timeout is None else timeout
    try:  # the first write to the folder: where an unusable location shows
        index_dir.mkdir(parents=True, exist_ok=True)
        # filelock reads a lock file it cannot create as "held by someone" and waits out the
        # timeout; creating it here first turns a read-only folder into a clear error at once.
        os.close(os.open(index_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644))
    except OSError as exc:
        raise IndexLocationError(index_dir, exc) from None
    lock = FileLock(str(index_dir / LOCK), timeout=max(timeout, 0.0))
    try:
        lock.acquire()
    except Timeout:
        raise IndexLockedError(index_dir, holder(index_dir), timeout) from None
    side = index_dir / HOLDER
    try:
        with contextlib.suppress(OSError):
            write_atomic(side, f"{os.getpid()}\n")
        yield
    finally:
        with contextlib.suppress(OSError):
            side.unlink()
        lock.release()
