"""Build and serve the static site: validate → index → generate pages → ``mkdocs build --strict``.

The new site is built into a temporary folder next to ``site/`` and swapped in only when it is
complete; a failed build leaves the previous ``site/`` untouched. Only an empty folder or a site
this tool built before is ever replaced (see :mod:`build_tools.site_dir`).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InvalidContentError, KennisbankError, os_reason
from .load import LoadResult, load
from .progress import INDEXING, SITE, SITE_WRITING, Progress, report as report_progress
from .pages import GENERATED_DIRS, GENERATED_FILES, MANIFEST_NAME, GenerationReport, generate_pages, site_contact
from .meetings.load import load_meetings_for
from .settings import INDEX_ENV, MEETINGS_ENV, PRACTICES_ENV, PROJECT_ROOT, default_meetings_dir
from .site_dir import SiteDirError, check_replaceable, mark, swap_in

PROJECT_CONFIG = PROJECT_ROOT / "mkdocs.yml"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class SiteBuildError(KennisbankError):
    """MkDocs could not build the site; ``messages`` holds its warnings and errors."""

    def __init__(self, message: str, messages: list[str] | None = None):
        self.messages = list(messages or [])
        details = "".join(f"\n  {m}" for m in self.messages)
        super().__init__(message + details)


@dataclass
class BuildReport:
    site_dir: Path
    pages: GenerationReport
    #: what the search index update reported (its message), or a note why it was skipped
    index_message: str | None = None
    seconds: float = 0.0


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the duration (the MkDocs hook reads them)."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def hook_environment(practices: Path, index_dir: Path, meetings: Path | None = None):
    """The environment that tells the MkDocs hook which practices folder, index and meetings
    folder to use (without ``meetings`` the hook looks beside the practices folder)."""
    values = {PRACTICES_ENV: str(Path(practices).resolve()), INDEX_ENV: str(Path(index_dir).resolve())}
    if meetings is not None:
        values[MEETINGS_ENV] = str(Path(meetings).resolve())
    return _environment(**values)


def _copy_handwritten_docs(source: Path, target: Path) -> None:
    """Copy the hand-written docs (not the generated pages) into ``target``."""
    generated = set(GENERATED_DIRS) | set(GENERATED_FILES) | {MANIFEST_NAME}

    def ignore(folder: str, names: list[str]) -> list[str]:
        if Path(folder).resolve() == source.resolve():
            return [n for n in names if n in generated]
        return []

    shutil.copytree(source, target, ignore=ignore)


def update_search_index(loaded: LoadResult, index_dir: Path, progress: Progress | None = None) -> str:
    """Bring the search index up to date (the one place the site calls the search package)."""
    from search import update_index

    report_progress(progress, INDEXING)
    report = update_index(loaded, Path(index_dir), progress=progress)
    return getattr(report, "message", None) or "Zoekindex bijgewerkt."


def _load_mkdocs_config(config_file: Path, **overrides):
    from mkdocs.config.base import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        return load_config(config_file=str(config_file), **overrides)
    except ConfigurationError as exc:
        raise SiteBuildError(f"De MkDocs-configuratie {config_file} klopt niet: {exc}") from exc
    except OSError as exc:
        raise SiteBuildError(f"Kan de MkDocs-configuratie {config_file} niet lezen: {exc.strerror}") from exc


def build_site(practices: Path, index_dir: Path, site_dir: Path | None = None, *,
               config_file: Path = PROJECT_CONFIG, isolated: bool = False, strict: bool = True,
               index: bool = True, meetings: Path | None | bool = True,
               progress: Progress | None = None) -> BuildReport:
    """Validate, index, generate the pages and build the site into ``site_dir`` (default: the
    ``site_dir`` of the config, normally ``site/``).

    ``isolated``: copy the hand-written docs into a temporary folder and generate the pages
    there instead of in the project's ``docs/`` (tests and benchmarks, so they never touch the
    working copy). ``meetings``: the meetings folder, None for none; ``True`` (default) the one
    of the contract (:func:`build_tools.settings.default_meetings_dir`). Raises
    :class:`InvalidContentError` before anything is written when a practice or meeting is
    invalid, :class:`SiteBuildError` when MkDocs fails or warns (``strict``).
    ``progress``: see :mod:`build_tools.progress`.
    """
    started = time.perf_counter()
    practices, index_dir, config_file = Path(practices), Path(index_dir), Path(config_file)
    meetings_dir = default_meetings_dir(practices) if meetings is True else (Path(meetings) if meetings else None)
    base = _load_mkdocs_config(config_file)
    requested = Path(site_dir) if site_dir else Path(base["site_dir"])
    # Before anything is written: the build replaces the site folder as a whole.
    check_replaceable(requested, [(practices, "de map met praktijken"), (Path(base["docs_dir"]), "de pagina's (docs)"),
                                  (index_dir, "de zoekindex"), (config_file.parent, "de MkDocs-configuratie")])
    site_dir = Path(os.path.abspath(requested))
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        # mkdir reports a file in the path as "exists"
        reason = "een deel van het pad is een bestand, geen map" if exc.errno == errno.EEXIST else os_reason(exc)
        raise SiteDirError(f"kan de map {site_dir.parent} voor de site niet maken: {reason}") from exc
    loaded = load(practices, progress=progress)  # read once; every later stage takes this
    loaded_meetings = load_meetings_for(loaded, meetings_dir)
    if loaded.problems or loaded_meetings.problems:  # all problems, before anything is written
        raise InvalidContentError(loaded.problems + loaded_meetings.problems)
    index_message = update_search_index(loaded, index_dir, progress) if index else None

    token = uuid.uuid4().hex[:8]
    new_site = site_dir.parent / f"{site_dir.name}.{token}.tmp"
    scratch = Path(tempfile.mkdtemp(prefix="kennisbank-docs-")) if isolated else None
    try:
        docs_dir = Path(base["docs_dir"])
        if scratch is not None:
            _copy_handwritten_docs(docs_dir, scratch / "docs")
            docs_dir = scratch / "docs"
        pages = generate_pages(loaded, docs_dir, index_dir=index_dir, repo_url=base.get("repo_url"),
                               contact=site_contact(base.get("extra")), meetings=loaded_meetings,
                               site_url=base.get("site_url"), site_name=base.get("site_name"),
                               progress=progress)
        config = _load_mkdocs_config(config_file, site_dir=str(new_site), docs_dir=str(docs_dir),
                                     strict=strict)
        _run_mkdocs_build(config, practices, index_dir, meetings_dir, progress)
        try:
            mark(new_site)
            swap_in(new_site, site_dir, token)
        except OSError as exc:
            raise SiteBuildError(f"De nieuwe site kon niet in {site_dir} worden gezet: {os_reason(exc)}; "
                                 "de vorige site is niet aangeraakt.") from exc
    finally:
        shutil.rmtree(new_site, ignore_errors=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return BuildReport(site_dir, pages, index_message, time.perf_counter() - started)


class _CountPages(logging.Handler):
    """MkDocs' debug messages as progress: it names every page it reads, then every page it
    writes. (Should MkDocs word them otherwise, the stages just show no counts.)"""

    def __init__(self, progress: Progress) -> None:
        super().__init__(logging.DEBUG)
        self.progress = progress
        self.read = self.written = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Reading: "):
            self.read += 1
            self.progress(SITE, self.read, None)
        elif message == "Building markdown pages.":
            self.progress(SITE_WRITING, 0, self.read)
        elif message.startswith("Building page "):
            self.written += 1
            self.progress(SITE_WRITING, self.written, self.read)


@contextlib.contextmanager
def _counting_pages(progress: Progress | None) -> Iterator[None]:
    if progress is None:
        yield
        return
    progress(SITE, 0, None)
    logger = logging.getLogger("mkdocs.commands.build")
    counter, level = _CountPages(progress), logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(counter)
        logger.setLevel(level)


def _run_mkdocs_build(config, practices: Path, index_dir: Path, meetings: Path | None = None,
                      progress: Progress | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        with hook_environment(practices, index_dir, meetings), _counting_pages(progress):
            build(config)
    except (MkDocsException, OSError, KennisbankError) as exc:
        raise SiteBuildError("De site kon niet worden gebouwd; de vorige site is niet aangeraakt.",
                             collector.messages or [str(exc)]) from exc
    finally:
        logger.removeHandler(collector)
    if collector.messages and config.get("strict"):  # build() raises already; belt and braces
        raise SiteBuildError("De site is gebouwd met waarschuwingen; de vorige site is niet aangeraakt.",
                             collector.messages)


# --- serving ---------------------------------------------------------------------------------
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 (stdlib signature)
        pass

    def send_head(self):
        # A path the operating system refuses as a file name (a %00 in the URL makes open()
        # raise ValueError) is a bad request, not an exception with a traceback.
        try:
            return super().send_head()
        except ValueError:
            self.send_error(http.HTTPStatus.BAD_REQUEST, "Ongeldig adres")
            return None


def static_server(site_dir: Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> http.server.ThreadingHTTPServer:
    """A threaded HTTP server for a built site (``port=0`` picks a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_live(practices: Path, index_dir: Path, *, config_file: Path = PROJECT_CONFIG,
               host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, meetings: Path | None = None) -> None:
    """``mkdocs serve`` with live reload; the hook regenerates pages from ``practices`` (and
    ``meetings``, else the meetings folder beside them)."""
    from mkdocs.commands.serve import serve

    with hook_environment(practices, index_dir, meetings):
        serve(config_file=str(config_file), livereload=True, dev_addr=f"{host}:{port}")
