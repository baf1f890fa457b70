"""Progress of long work (loading, the search index, the pages, the site), for whoever shows it.

A function that may take long accepts ``progress``: ``None`` (the default: nothing is reported)
or a callable ``progress(stage, done, total)``:

* ``stage`` is one of the Dutch stage names below, shown to the user as it is;
* ``done`` counts what is finished, starting at 0 when the stage starts;
* ``total`` is how much there is to do, or ``None`` while that is not known.

A stage is over when another stage starts or the function returns; a stage may be reported as
started more than once (the search index stage by the site build and again by the index itself,
with a total). The library never draws anything: the CLI shows it (``rich.progress``, only on a
terminal), a test records it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

#: ``progress(stage, done, total)``; total None: not known (yet).
Progress = Callable[[str, int, "int | None"], None]

#: Listing the files of the practices folder.
LOADING = "laden"
#: Reading, parsing and validating every practice file.
CHECKING = "controleren"
#: Bringing the search index up to date (per practice written, on a full rebuild).
INDEXING = "zoekindex"
#: Rendering and writing the generated pages (per page written).
PAGES = "pagina's"
#: MkDocs reading and converting every page of the site (per page; total not known).
SITE = "site bouwen"
#: MkDocs writing every page of the site (per page).
SITE_WRITING = "site schrijven"

#: Every stage, in the order a full ``kennisbank build`` goes through them.
STAGES = (LOADING, CHECKING, INDEXING, PAGES, SITE, SITE_WRITING)

T = TypeVar("T")


def report(progress: Progress | None, stage: str, done: int = 0, total: int | None = None) -> None:
    """Tell ``progress`` (if any) how far ``stage`` is; with the defaults: the stage starts."""
    if progress is not None:
        progress(stage, done, total)


def counted(items: Sequence[T], stage: str, progress: Progress | None) -> Iterator[T]:
    """The items, with ``stage`` reported as started and then as each item is done."""
    if progress is None:
        yield from items
        return
    total = len(items)
    progress(stage, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        progress(stage, done, total)
