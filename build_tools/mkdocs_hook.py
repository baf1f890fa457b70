"""MkDocs hook (registered under ``hooks:`` in mkdocs.yml): keep the generated pages current.

The pages are real files written by :func:`build_tools.pages.generate_pages`; ``kennisbank
build`` writes them before MkDocs runs, so the site does not depend on this hook. The hook only
regenerates them at the start of every build (and every ``mkdocs serve`` rebuild) and makes
``mkdocs serve`` watch the practices folder and the vocabularies, so an edited practice shows up
live. The practices folder is ``$KENNISBANK_PRACTICES`` or the project's ``practices/``; the
meetings folder ``$KENNISBANK_MEETINGS`` or the ``meetings/`` folder beside the practices folder.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
if str(_ROOT) not in sys.path:  # `mkdocs build` run from another folder
    sys.path.insert(0, str(_ROOT))

from mkdocs.exceptions import Abort  # noqa: E402

from build_tools.errors import InvalidContentError, KennisbankError  # noqa: E402
from build_tools.files import scan  # noqa: E402
from build_tools.pages import generate_pages, site_contact  # noqa: E402
from build_tools.settings import Settings  # noqa: E402
from build_tools.site_search import index_site  # noqa: E402
from build_tools.vocabulary import VOCABULARY_DIR  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kennisbank")


def on_pre_build(config, **kwargs) -> None:
    settings = Settings.resolve()
    try:
        report = generate_pages(scan(settings.practices), Path(config["docs_dir"]), index_dir=settings.index,
                                repo_url=config.get("repo_url"), skip_if_fresh=True,
                                contact=site_contact(config.get("extra")), meetings=settings.meetings,
                                site_url=config.get("site_url"), site_name=config.get("site_name"))
    except InvalidContentError as exc:
        lines = "\n".join(problem.format() for problem in exc.problems)
        raise Abort(f"Ongeldige praktijken of bijeenkomsten, de site is niet gebouwd:\n{lines}") from exc
    except KennisbankError as exc:
        raise Abort(f"Fout: {exc}") from exc
    if not report.skipped:
        log.info(report.summary())


def on_serve(server, config, builder, **kwargs):
    settings = Settings.resolve()
    if Path(settings.practices).is_dir():
        server.watch(str(Path(settings.practices).resolve()))
    if settings.meetings is not None and Path(settings.meetings).is_dir():
        server.watch(str(Path(settings.meetings).resolve()))
    server.watch(str(VOCABULARY_DIR))
    return server


def on_post_build(config, **kwargs) -> None:
    """Index the freshly built site with Pagefind (practice pages only)."""
    try:
        index_site(Path(config["site_dir"]))
    except KennisbankError as exc:
        raise Abort(f"Fout: {exc}") from exc
