"""The site's search: a Pagefind index written into a built site.

Pagefind reads the built HTML and writes a static, chunked index into ``<site>/pagefind/``;
the browser downloads only the index fragments a query needs (nothing until someone searches).
Only practice pages are indexed: the theme override ``main.html`` wraps their content in
``data-pagefind-body`` and adds the filter, sort and metadata values from the page's
``pagefind`` front matter (written by :func:`pagefind_meta`).

The MkDocs hook runs :func:`index_site` after every build (``kennisbank build``, ``kennisbank
serve`` and plain ``mkdocs build``/``serve``), so the index always belongs to the site it sits in.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import KennisbankError
from .model import Practice
from .vocabulary import Vocabulary

#: Folder of the index inside the site (the search page's script loads ``pagefind/pagefind.js``).
PAGEFIND_DIR = "pagefind"
#: Elements left out of the indexed text: the similar practices (they name other practices) and
#: the heading anchors ("¶").
EXCLUDE_SELECTORS = ".kb-practice-list, .kb-meeting-list, .headerlink"
#: Sort value for a practice without ``date``: sorts before every real date ("nieuwste" last).
NO_DATE = "0000-00-00"


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
        "titel": p.title.casefold(),
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
        done = subprocess.run(pagefind_command(site_dir), cwd=site_dir, capture_output=True, text=True,
                              check=False)
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
    return target
