"""Progress bars for long work, drawn with ``rich.progress`` on stderr.

Only when both stdout and stderr are terminals and ``--quiet`` was not given: a script, a pipe,
a redirect or a CI log gets exactly the output it got before. The bars vanish when the work is
done (``transient``), so what stays on the screen is the same as without them.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from ..progress import Progress

#: Key in ``click.Context.meta`` (shared by the group and its commands): --quiet was given.
QUIET = "kennisbank.quiet"


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def wanted() -> bool:
    """Whether progress is shown: on a terminal (stdout and stderr), without --quiet."""
    context = click.get_current_context(silent=True)
    if context is not None and context.meta.get(QUIET):
        return False
    return _is_terminal(sys.stdout) and _is_terminal(sys.stderr)


class _Bars:
    """The callback of :mod:`build_tools.progress`: one bar a stage, the previous one completed.
    The bars start at the first report, so work that reports nothing draws nothing."""

    def __init__(self) -> None:
        self.bars: Any = None
        self.stage: str | None = None
        self.task: Any = None

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.bars is None:
            self.bars = _progress()
            self.bars.start()
        if stage == self.stage:
            self.bars.update(self.task, completed=done, total=total)
            return
        if self.task is not None:
            task = next(t for t in self.bars.tasks if t.id == self.task)
            finished = task.completed if task.total is None else task.total
            self.bars.update(self.task, total=finished, completed=finished)
        self.stage = stage
        self.task = self.bars.add_task(stage, total=total, completed=done)
        self.bars.refresh()  # every stage is seen, however quickly it passes

    def stop(self) -> None:
        if self.bars is not None:
            self.bars.stop()


def _progress() -> Any:
    """Rich's progress display on stderr: spinner, stage, bar, count, time; gone when stopped."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class Count(ProgressColumn):
        """'done/total', or just 'done' while the total is not known."""

        def render(self, task: Any) -> Text:
            done = int(task.completed)
            return Text(f"{done}/{int(task.total)}" if task.total is not None else str(done))

    console = Console(stderr=True, highlight=False, markup=False, emoji=False)
    return Progress(SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(), Count(),
                    TimeElapsedColumn(), console=console, transient=True)


@contextlib.contextmanager
def shown() -> Iterator[Progress | None]:
    """A progress callback that draws bars on stderr, or None when progress is not wanted
    (see :func:`wanted`); pass it to the library as ``progress=``."""
    if not wanted():
        yield None
        return
    bars = _Bars()
    try:
        yield bars
    finally:
        bars.stop()
