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

A large site gets several Pagefind indexes, each of at most :data:`SHARD_PAGES` practices
(``pagefind/``, ``pagefind-2/``, ...; the others are listed in ``pagefind/delen.json``), which
the search page merges with Pagefind's ``mergeIndex``: Pagefind pairs every result of a search
with every page a matched word occurs on, so a common word at 10,000 practices took 250 ms in
one index and takes about 15 ms in each of five (see BENCHMARKS.md). One thing makes parts
differ from one index: a word that no page of an index starts with makes Pagefind search the
longest word of that index that the word starts with ("dag" for "dagbesteding"). So every part
also holds a *word list*, a record with the words of the other parts that it lacks; the search
page leaves those records out of every result (their ids are in ``delen.json``), and a part
then finds what one index would.

The MkDocs hook runs :func:`index_site` after every build (``kennisbank build``, ``kennisbank
serve`` and plain ``mkdocs build``/``serve``), so the index always belongs to the site it sits in.
"""

from __future__ import annotations

import gzip
import html
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
#: At most this many practices per Pagefind index (see the module docstring).
SHARD_PAGES = 2_000
#: The list of the site's other indexes and of the word-list records to leave out of results
#: ({"delen": ["pagefind-2/", ...], "weglaten": [result id, ...]}, folders relative to the
#: site's root), in the first index's folder; the search page reads it before its first search.
SHARDS_FILE = "delen.json"
#: The page (relative to the site) that holds a part's word list while Pagefind indexes it;
#: written before and removed after, never published.
WORD_LIST_PAGE = "kennisbank-woordenlijst-{number}.html"
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


def pagefind_command(site_dir: Path, glob: str | None = None, output_subdir: str = PAGEFIND_DIR,
                     output_path: str | None = None) -> list[str]:
    """The command that indexes ``site_dir`` (Pagefind's own binary, from the ``pagefind[bin]``
    package; no network); ``glob``: only these pages (relative to the site); the index goes to
    ``output_subdir`` in the site, or to the folder ``output_path``."""
    output = ["--output-path", output_path] if output_path else ["--output-subdir", output_subdir]
    return ([sys.executable, "-m", "pagefind", "--site", str(site_dir), *output,
             "--exclude-selectors", EXCLUDE_SELECTORS, "--silent"] + (["--glob", glob] if glob else []))


def _common_prefix(a: str, b: str | None) -> int:
    n = 0
    for x, y in zip(a, b or ""):
        if x != y:
            break
        n += 1
    return n


def shard_patterns(names: list[str], shards: int) -> list[list[str]]:
    """The names (practice folders) in ``shards`` runs of sorted names, each run as a short
    list of glob patterns ("ab*" or an exact name) that match its names and no other name.

    A name's pattern is the shortest prefix that the names just before and just after the run
    do not share (names that share a prefix are neighbours when sorted, so no other name
    outside the run has it either); a name that is a prefix of such a neighbour is matched
    exactly."""
    names = sorted(names)
    size = -(-len(names) // max(1, shards))
    runs = []
    for start in range(0, len(names), size):
        before = names[start - 1] if start else None
        after = names[start + size] if start + size < len(names) else None
        patterns: list[str] = []
        for name in names[start:start + size]:
            if patterns and patterns[-1].endswith("*") and name.startswith(patterns[-1][:-1]):
                continue
            need = 1 + max(_common_prefix(name, before), _common_prefix(name, after))
            patterns.append(name[:need] + "*" if need <= len(name) else name)
        runs.append(patterns)
    return runs


def _practice_folders(site_dir: Path) -> list[str]:
    folder = site_dir / "praktijken"
    if not folder.is_dir():
        return []
    return [entry.name for entry in os.scandir(folder) if entry.is_dir() and (Path(entry.path) / "index.html").is_file()]


def _run_pagefind(site_dir: Path, glob: str | None, chunk_size: int, subdir: str = PAGEFIND_DIR,
                  path: Path | None = None) -> Path:
    """Pagefind over ``site_dir`` into the folder ``subdir`` of the site (or the folder ``path``);
    returns the index folder."""
    command = pagefind_command(site_dir, glob, subdir, str(path) if path else None)
    try:
        # cwd: the site itself, so a pagefind.yml elsewhere can never change the index
        env = dict(os.environ, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=str(chunk_size))
        done = subprocess.run(command, cwd=site_dir, capture_output=True, text=True, check=False, env=env)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind kon niet starten: {exc.strerror or exc}. "
                               "Installeer de afhankelijkheden opnieuw (pip install -e .).") from exc
    message = (done.stderr or done.stdout or "").strip()
    if done.returncode != 0:
        hint = " Is het pakket 'pagefind[bin]' geïnstalleerd?" if "No module named" in message else ""
        raise SearchIndexError(f"De zoekindex van de site (Pagefind) kon niet worden gemaakt.{hint}\n{message}")
    target = path or site_dir / subdir
    if not (target / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind heeft geen zoekindex geschreven in {target}.\n{message}")
    return target


def _words(index_dir: Path) -> set[str]:
    """Every word (as written, between white space) of the pages of an index."""
    return {word for _rid, page in pagefind_pages(index_dir) for word in str(page.get("content", "")).split()}


def _word_list_page(words: set[str]) -> str:
    return ('<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>woorden</title></head>'
            f'<body><main data-pagefind-body><p>{html.escape(" ".join(sorted(words)))}</p></main></body></html>\n')


def _index_parts(site_dir: Path, names: list[str], shards: int) -> tuple[list[str], list[str]]:
    """Index the practices in ``shards`` parts, each with the word list it needs; (the folders
    of the parts after the first, the result ids of the word lists)."""
    import tempfile

    chunk_size = max(1, INDEX_CHUNK_SIZE // shards)  # as many words per chunk file as one index has
    globs = ["praktijken/{" + ",".join(patterns) + "}/index.html" for patterns in shard_patterns(names, shards)]
    with tempfile.TemporaryDirectory(prefix="kennisbank-pagefind-") as tmp:
        # first pass: the words of every part
        words = [_words(_run_pagefind(site_dir, glob, chunk_size, path=Path(tmp) / str(n)))
                 for n, glob in enumerate(globs)]
    every_word = set().union(*words)
    others, skip = [], []
    for number, (glob, own) in enumerate(zip(globs, words), start=1):
        subdir = PAGEFIND_DIR if number == 1 else f"{PAGEFIND_DIR}-{number}"
        page = site_dir / WORD_LIST_PAGE.format(number=number)
        missing = every_word - own
        created = False
        try:
            if missing:
                try:
                    with open(page, "x", encoding="utf-8") as handle:  # never over a file of the site
                        created = True
                        handle.write(_word_list_page(missing))
                except FileExistsError:
                    raise SearchIndexError(f"De site bevat al een bestand {page.name}; de zoekindex gebruikt die "
                                           "naam zelf. Hernoem het bestand.") from None
                glob = "{" + glob + "," + page.name + "}"
            target = _run_pagefind(site_dir, glob, chunk_size, subdir)
        finally:
            if created:
                page.unlink(missing_ok=True)
        skip += [rid for rid, record in pagefind_pages(target) if str(record.get("url", "")).endswith("/" + page.name)]
        if number > 1:
            others.append(subdir + "/")
    return others, skip


def index_site(site_dir: Path) -> Path:
    """Index the built site in ``site_dir`` (in parts of at most :data:`SHARD_PAGES` practices);
    returns the folder of the first index.

    Raises :class:`SearchIndexError` (Dutch message with Pagefind's own output) on failure."""
    site_dir = Path(site_dir).resolve()
    names = _practice_folders(site_dir)
    shards = max(1, -(-len(names) // SHARD_PAGES))
    others, skip = [], []
    if shards == 1:
        _run_pagefind(site_dir, None, INDEX_CHUNK_SIZE)
    else:
        others, skip = _index_parts(site_dir, names, shards)
    target = site_dir / PAGEFIND_DIR
    write_atomic(target / SHARDS_FILE, json.dumps({"delen": others, "weglaten": skip}) + "\n")
    write_sort_orders(site_dir)
    return target


def _shards(site_dir: Path) -> dict:
    try:
        data = json.loads((Path(site_dir) / PAGEFIND_DIR / SHARDS_FILE).read_text(encoding="utf-8"))
        return {"delen": list(data["delen"]), "weglaten": list(data.get("weglaten", []))}
    except (OSError, ValueError, KeyError, TypeError):
        return {"delen": [], "weglaten": []}


def index_dirs(site_dir: Path) -> list[Path]:
    """The folders of every Pagefind index of a built site, the first one first."""
    return [Path(site_dir) / PAGEFIND_DIR] + [Path(site_dir) / part for part in _shards(site_dir)["delen"]]


def site_pages(site_dir: Path):
    """(result id, record) of every practice page in the Pagefind indexes of a built site (the
    word lists left out)."""
    skip = set(_shards(site_dir)["weglaten"])
    for index_dir in index_dirs(site_dir):
        yield from ((rid, page) for rid, page in pagefind_pages(index_dir) if rid not in skip)


def pagefind_pages(index_dir: Path):
    """(result id, record) of every page in a Pagefind index, from its fragment files (gzip: a
    signature, then the page's JSON with ``url``, ``content`` and ``meta``; the file name is the
    id a search result has)."""
    for path in sorted((index_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        yield path.name.removesuffix(".pf_fragment"), json.loads(data[data.index(b"{"):])


def sort_orders(site_dir: Path) -> dict[str, list[str]]:
    """The result ids of the practice pages of a built site in each sort order of the search
    page: "nieuwste" (date added, newest first, then title), "titel" (title A-Z, then address)."""
    found = []  # (id, url, title, date added)
    for rid, page in site_pages(site_dir):
        meta = page.get("meta") or {}
        found.append((rid, page.get("url", ""), meta.get("title", ""), meta.get("toegevoegd", NO_DATE)))
    by_title = sorted(found, key=lambda r: (r[2].casefold(), r[1]))
    newest = sorted(by_title, key=lambda r: r[3], reverse=True)  # stable: titles stay A-Z within a date
    return {"nieuwste": [r[0] for r in newest], "titel": [r[0] for r in by_title]}


def write_sort_orders(site_dir: Path) -> None:
    """Write the sort order files of the search page into a site Pagefind has just indexed."""
    site_dir = Path(site_dir)
    try:
        orders = sort_orders(site_dir)
    except (OSError, ValueError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        raise SearchIndexError(f"De sorteervolgordes van de zoekpagina konden niet uit de index van Pagefind "
                               f"worden gelezen: {exc}") from exc
    for sort, rel in SORT_FILES.items():
        target = site_dir / rel
        if target.parent.is_dir():  # a site without practices has no search page
            write_atomic(target, json.dumps({"ids": orders[sort]}, separators=(",", ":")) + "\n")
