"""The site's search: a Pagefind index written into a built site.

Pagefind reads the built HTML and writes a static, chunked index into ``<site>/pagefind/``;
the browser downloads only the index fragments a query needs (nothing until someone searches).
Only practice pages are indexed: the theme override ``main.html`` wraps their content in
``data-pagefind-body`` and adds the filter and metadata values from the page's ``pagefind``
front matter (written by :func:`pagefind_meta`).

The sort orders of the search page ("nieuwste", "titel") are not Pagefind sort keys: Pagefind
keeps those in the metadata file that every first query downloads (67 kB at 10,000 practices).
After Pagefind, :func:`write_sort_orders` writes one small file per order instead (the result
ids in that order, ``praktijken/volgorde-<sort>.json``), which the search page downloads only
when someone sorts.

The MkDocs hook runs :func:`index_site` after every build (``kennisbank build``, ``kennisbank
serve`` and plain ``mkdocs build``/``serve``), so the index always belongs to the site it sits in.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from .errors import KennisbankError
from .model import Practice
from .vocabulary import Vocabulary
from .writers import write_atomic

#: Folder of the index inside the site (the search page's script loads ``pagefind/pagefind.js``).
PAGEFIND_DIR = "pagefind"
#: Elements left out of the indexed text (and so out of the excerpts): what every practice page
#: says alike (the staleness notice, the labels and heading of the info panel, the headings of
#: the lists below the body), the lists of similar practices and meetings (they name other
#: pages) and the heading anchors ("¶").
EXCLUDE_SELECTORS = (".kb-verouderd, .kb-info > h2, .kb-info dt, #besproken-op, #vergelijkbare-praktijken, "
                     ".kb-practice-list, .kb-meeting-list, .headerlink")
#: Date-added value of a practice without ``date``: sorts before every real date ("nieuwste" last).
NO_DATE = "0000-00-00"
#: Size of Pagefind's index chunks (in word positions; Pagefind's default is 20,000). A query
#: downloads the chunk of each of its words; at 10,000 practices a chunk of common words then
#: weighs up to 150 kB, with 10,000 about half, for a few more chunk names in the metadata file
#: (see BENCHMARKS.md). Pagefind reads it from an environment variable it calls unstable: if a
#: later version drops it, the index is as before, only with larger chunks.
INDEX_CHUNK_SIZE = 10_000
#: The search page's sort orders: URL value -> file beside the search page (see write_sort_orders).
SORT_FILES = {"nieuwste": "praktijken/volgorde-nieuwste.json", "titel": "praktijken/volgorde-titel.json"}


class SearchIndexError(KennisbankError):
    """Pagefind could not index the site."""


def pagefind_meta(p: Practice, vocab: Vocabulary) -> dict:
    """The search values of one practice page (front matter key ``pagefind``).

    ``regio``/``thema`` are the values the search page's URL uses (region page slugs, theme
    ids); the ``*_naam`` lists are what a result card shows."""
    return {
        "regio": [vocab.region(r).slug for r in p.region],
        "regio_naam": list(p.region),
        "thema": list(p.themes),
        "thema_naam": [vocab.theme(t).label for t in p.themes],
        "jaar": p.year,
        "status": p.status or None,
        "organisatie": list(p.organisations),
        "toegevoegd": p.date.isoformat() if p.date else NO_DATE,
        "naam": p.title,
    }


def pagefind_command(site_dir: Path) -> list[str]:
    """The command that indexes ``site_dir`` (Pagefind's own binary, from the ``pagefind[bin]``
    package; no network)."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", PAGEFIND_DIR,
            "--exclude-selectors", EXCLUDE_SELECTORS, "--silent"]


def index_site(site_dir: Path) -> Path:
    """Index the built site in ``site_dir``; returns the index folder.

    Raises :class:`SearchIndexError` (Dutch message with Pagefind's own output) on failure."""
    site_dir = Path(site_dir)
    try:
        # cwd: the site itself, so a pagefind.yml elsewhere can never change the index
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(INDEX_CHUNK_SIZE))
        done = subprocess.run(pagefind_command(site_dir), cwd=site_dir, capture_output=True, text=True,
                              check=False, env=env)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind kon niet starten: {exc.strerror or exc}. "
                               "Installeer de afhankelijkheden opnieuw (pip install -e .).") from exc
    output = (done.stderr or done.stdout or "").strip()
    if done.returncode != 0:
        hint = " Is het pakket 'pagefind[bin]' geïnstalleerd?" if "No module named" in output else ""
        raise SearchIndexError(f"De zoekindex van de site (Pagefind) kon niet worden gemaakt.{hint}\n{output}")
    target = site_dir / PAGEFIND_DIR
    if not (target / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind heeft geen zoekindex geschreven in {target}.\n{output}")
    write_sort_orders(site_dir)
    return target


def pagefind_pages(index_dir: Path):
    """(result id, record) of every page in a Pagefind index, from its fragment files (gzip: a
    signature, then the page's JSON with ``url``, ``content`` and ``meta``; the file name is the
    id a search result has)."""
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        yield path.name.removesuffix(".pf_fragment"), json.loads(data[data.index(b"{"):])


def sort_orders(index_dir: Path) -> dict[str, list[str]]:
    """The result ids of a Pagefind index in each sort order of the search page: "nieuwste"
    (date added, newest first, then title), "titel" (title A-Z, then address)."""
    found = []  # (id, url, title, date added)
    for rid, page in pagefind_pages(index_dir):
        meta = page.get("meta") or {}
        found.append((rid, page.get("url", ""), meta.get("title", ""), meta.get("toegevoegd", NO_DATE)))
    by_title = sorted(found, key=lambda r: (r[2].casefold(), r[1]))
    newest = sorted(by_title, key=lambda r: r[3], reverse=True)  # stable: titles stay A-Z within a date
    return {"nieuwste": [r[0] for r in newest], "titel": [r[0] for r in by_title]}


def write_sort_orders(site_dir: Path) -> None:
    """Write the sort order files of the search page into a site Pagefind has just indexed."""
    site_dir = Path(site_dir)
    try:
        orders = sort_orders(site_dir / PAGEFIND_DIR)
    except (OSError, ValueError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise SearchIndexError(f"De sorteervolgordes van de zoekpagina konden niet uit de index van Pagefind "
                               f"worden gelezen: {exc}") from exc
    for sort, rel in SORT_FILES.items():
        target = site_dir / rel
        if target.parent.is_dir():  # a site without practices has no search page
            write_atomic(target, json.dumps({"ids": orders[sort]}, separators=(",", ":")) + "\n")
