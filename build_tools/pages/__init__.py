"""Generate the site's pages from the validated practices and vocabularies.

:func:`generate_pages` renders every generated page (see :data:`GENERATED_DIRS` and
:data:`GENERATED_FILES`) and writes them into the docs folder as real files, so the site does not
depend on a MkDocs hook (Material's successor reads ``mkdocs.yml`` but ignores hooks). A file is
only written when its content changed, so ``mkdocs serve`` does not rebuild in a loop, and files
this generator wrote before but no longer produces are removed, using a manifest
(:data:`MANIFEST_NAME`, a dotfile MkDocs ignores) next to the pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from ..errors import InvalidContentError, KennisbankError
from ..form import render_form_page
from ..files import FolderScan, scan
from ..load import LoadResult, load_scan
from ..progress import PAGES, Progress, counted, report as report_progress
from ..settings import PROJECT_ROOT
from ..vocabulary import VOCABULARY_DIR, Vocabulary, default_vocabulary
from ..writers import write_atomic
from . import render
from ..meetings.load import MeetingsResult, load_meetings_for
from .meetings import AGENDA_DIR
from .meetings import FEED_FILE as AGENDA_FEED
from .open_data import FEED_FILE, OPEN_DATA_DIR, feed_and_open_data
from .render import SiteContext
from .tags import INDEX_PAGE as KEYWORD_PAGE

#: Folders inside docs/ that hold only generated pages.
GENERATED_DIRS = ("praktijken", "regios", "themas", AGENDA_DIR, OPEN_DATA_DIR)
#: Single generated pages directly in docs/.
GENERATED_FILES = ("index.md", "dekking.md", "nieuw.md", "aanmelden.md", KEYWORD_PAGE, AGENDA_FEED, FEED_FILE)
#: What kind of file a stale generated file may be to be removed (the pages, the calendars, the
#: Atom feed and the open-data downloads).
REMOVABLE_SUFFIXES = (".md", ".ics", ".xml", ".json", ".csv")
MANIFEST_NAME = ".kennisbank-generated.json"
#: Bump when the output of the generator changes in a way a fingerprint would not notice.
GENERATOR_VERSION = 1
PROJECT_CONFIG = PROJECT_ROOT / "mkdocs.yml"


class PageGenerationError(KennisbankError):
    """The pages could not be written (a folder that is not writable, a full disk, …)."""


@dataclass
class GenerationReport:
    docs_dir: Path
    #: docs-relative paths written because they were new or changed
    written: list[str] = field(default_factory=list)
    #: docs-relative paths whose content was already up to date
    unchanged: list[str] = field(default_factory=list)
    #: docs-relative paths removed because they are no longer produced
    removed: list[str] = field(default_factory=list)
    #: number of published practices
    practices: int = 0
    #: True when nothing was rendered because the manifest showed everything up to date
    skipped: bool = False

    @property
    def pages(self) -> int:
        return len(self.written) + len(self.unchanged)

    def summary(self) -> str:
        if self.skipped:
            return "Pagina's zijn al bijgewerkt."
        return (f"{self.pages} pagina's gegenereerd voor {self.practices} praktijken "
                f"({len(self.written)} gewijzigd, {len(self.removed)} verwijderd).")


def _project_config(config_file: Path) -> dict:
    """mkdocs.yml as a plain mapping (empty when missing or unreadable)."""

    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may use !!python/name or !ENV tags: read them as plain values.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def project_repo_url(config_file: Path = PROJECT_CONFIG) -> str | None:
    """``repo_url`` from a mkdocs.yml (None when missing or unreadable)."""
    value = _project_config(config_file).get("repo_url")
    return value if isinstance(value, str) and value else None


def project_site_url(config_file: Path = PROJECT_CONFIG) -> str | None:
    """``site_url`` from a mkdocs.yml (None when missing or unreadable)."""
    value = _project_config(config_file).get("site_url")
    return value if isinstance(value, str) and value else None


def site_contact(extra: object) -> dict[str, str]:
    """The ``kennisbank`` settings from a mkdocs.yml ``extra`` mapping (contact address, who
    reviews, how soon): text values only."""
    # MkDocs hands ``extra`` over as its own mapping type, not a dict.
    settings = extra.get("kennisbank") if isinstance(extra, Mapping) else None
    if not isinstance(settings, Mapping):
        return {}
    return {k: v.strip() for k, v in settings.items() if isinstance(k, str) and isinstance(v, str) and v.strip()}


def project_contact(config_file: Path = PROJECT_CONFIG) -> dict[str, str]:
    """``extra.kennisbank`` of a mkdocs.yml, see :func:`site_contact`."""
    return site_contact(_project_config(config_file).get("extra"))


def similar_practices(loaded: LoadResult, index_dir: Path, limit: int = 5) -> dict[str, list[str]]:
    """Similar practices per slug, from the search index (the one place the pages call it)."""
    from search import similar_all

    return similar_all(loaded, Path(index_dir), limit=limit)


def _repo_path(folder: Path, default: str = "practices") -> str:
    try:
        return Path(folder).resolve().relative_to(PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return default


def _fingerprint(found: FolderScan, docs_dir: Path, repo_url: str | None, today: dt.date,
                 contact: dict[str, str], meetings: FolderScan | None = None, site_url: str | None = None,
                 site_name: str | None = None) -> str:
    """Cheap summary of every input (stat, not content) to skip regeneration in the hook."""
    h = hashlib.sha256()
    h.update(f"{GENERATOR_VERSION}|{repo_url}|{site_url}|{site_name}|{today.isoformat()}|{Path(found.folder).resolve()}".encode())
    h.update(json.dumps(contact, sort_keys=True).encode())
    h.update(str((Path(docs_dir) / "bijdragen.md").exists()).encode())
    h.update(repr([(f.rel, f.stamp) for f in found.files]).encode("utf-8", "surrogateescape"))
    if meetings is not None:
        h.update(f"|meetings|{Path(meetings.folder).resolve()}".encode("utf-8", "surrogateescape"))
        h.update(repr([(f.rel, f.stamp) for f in meetings.files]).encode("utf-8", "surrogateescape"))
    package = Path(__file__).parent.parent
    sources = [*sorted(VOCABULARY_DIR.glob("*.yml")), *sorted((package / "meetings").glob("*.py")),
               *sorted(Path(__file__).parent.glob("*.py")), *sorted((package / "templates").glob("*.j2")),
               *(package / name for name in ("form.py", "stale.py", "templating.py", "body.py", "urls.py",
                                                        "export.py", "feeds.py"))]
    for path in sources:
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _read_manifest(docs_dir: Path) -> dict:
    try:
        data = json.loads((docs_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _existing_generated(docs_dir: Path) -> set[str]:
    found: set[str] = set()
    for folder in GENERATED_DIRS:
        base = docs_dir / folder
        if base.is_dir():
            found.update(p.relative_to(docs_dir).as_posix() for p in base.rglob("*.md"))
    return found


def _removable(docs_dir: Path, rel: str) -> Path | None:
    """The no longer generated page ``rel`` (from the manifest or found on disk) as a path that
    may be deleted, or None. The manifest is a file anyone can edit, so an entry is deleted only
    when it is a generated kind of file (:data:`REMOVABLE_SUFFIXES`) that resolves inside a generated folder of *this* docs folder (or
    is one of the generated single pages), with no ``..`` and no symbolic link on the way."""
    parts = PurePosixPath(rel).parts
    if not rel.endswith(REMOVABLE_SUFFIXES) or "\\" in rel or PurePosixPath(rel).is_absolute() or ".." in parts:
        return None
    base = Path(docs_dir).resolve()
    if len(parts) == 1 and rel in GENERATED_FILES:
        allowed = base / rel
    elif len(parts) > 1 and parts[0] in GENERATED_DIRS:
        allowed = base / parts[0]
    else:
        return None
    target = Path(docs_dir) / rel
    if target.is_symlink() or not target.is_file():
        return None
    return target if target.resolve().is_relative_to(allowed) else None


def _remove_empty_generated_folders(docs_dir: Path) -> None:
    """Remove folders emptied by removals, inside the generated folders only (no links followed)."""
    base = Path(docs_dir).resolve()
    for folder in GENERATED_DIRS:
        root = Path(docs_dir) / folder
        if root.is_symlink() or not root.is_dir():
            continue
        subs = [Path(dirpath) for dirpath, _, _ in os.walk(root)]  # os.walk does not follow links
        for sub in sorted(subs, key=lambda p: len(p.parts), reverse=True):
            if not sub.is_symlink() and sub.resolve().is_relative_to(base / folder) and not any(sub.iterdir()):
                sub.rmdir()


def _write_if_changed(path: Path, content: str) -> bool:
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return True


def _refuse_foreign_files(docs_dir: Path, pages: dict[str, str], owned: set[str]) -> None:
    """Stop before writing when a single generated page (such as ``index.md``) already exists as
    a file this generator did not write: it is someone's own page, never overwritten."""
    foreign = []
    for rel in GENERATED_FILES:
        path = docs_dir / rel
        if rel in pages and rel not in owned and path.is_file():
            try:
                same = path.read_bytes() == pages[rel].encode("utf-8")
            except OSError:
                same = False
            if not same:
                foreign.append(rel)
    if foreign:
        names = ", ".join(str(docs_dir / rel) for rel in foreign)
        raise PageGenerationError(
            f"{names}: dit bestand is niet door de kennisbank gemaakt, maar de kennisbank maakt deze pagina "
            "zelf. Verplaats of hernoem het bestand (de inhoud van de startpagina staat in "
            "build_tools/templates/home.md.j2) en probeer het opnieuw.")


def generate_pages(source: LoadResult | FolderScan, docs_dir: Path, *, index_dir: Path,
                   repo_url: str | None | bool = True, today: dt.date | None = None,
                   vocab: Vocabulary | None = None, skip_if_fresh: bool = False,
                   contact: dict[str, str] | None = None, meetings: Path | MeetingsResult | None = None,
                   site_url: str | None | bool = True, site_name: str | None | bool = True,
                   progress: Progress | None = None) -> GenerationReport:
    """Render every generated page of the loaded practices and write what changed into ``docs_dir``.

    ``source``: the :class:`LoadResult`, or the scan of the folder (the MkDocs hook), which is
    loaded only when the pages are not up to date.

    ``repo_url``: the repository for edit links; ``True`` (default) reads it from the project's
    mkdocs.yml, ``None``/``False`` leaves edit links out. Raises
    :class:`~build_tools.errors.InvalidContentError` (with all problems) before writing anything
    when a practice is invalid. With ``skip_if_fresh`` nothing is rendered when no input changed
    since the last run (the MkDocs hook uses this). ``contact``: the site's contact settings
    (:func:`site_contact`); by default those of the project's mkdocs.yml.

    ``meetings``: the meetings folder (see :func:`build_tools.settings.default_meetings_dir`),
    or its already loaded :class:`MeetingsResult`; None: no meetings (the agenda is empty).
    Invalid meetings stop the generation like invalid practices. ``site_url``: the site's public
    address, for the calendars' UIDs and links; ``True`` reads it from the project's mkdocs.yml.
    ``site_name``: the site's name (the Atom feed's title); ``True`` reads it the same way.
    ``progress``: see :mod:`build_tools.progress`.
    """
    docs_dir = Path(docs_dir)
    today = today or dt.date.today()
    if repo_url is True:
        repo_url = project_repo_url()
    repo_url = repo_url or None
    if site_url is True:
        site_url = project_site_url()
    site_url = site_url or None
    if site_name is True:
        site_name = _project_config(PROJECT_CONFIG).get("site_name")
    site_name = site_name if isinstance(site_name, str) and site_name else "Kennisbank"
    contact = project_contact() if contact is None else contact
    report = GenerationReport(docs_dir)
    manifest = _read_manifest(docs_dir)
    found = source if isinstance(source, FolderScan) else source.scan
    if isinstance(meetings, MeetingsResult):
        meetings_scan = meetings.scan
    else:
        meetings_scan = scan(meetings) if meetings is not None and Path(meetings).is_dir() else None
    fingerprint = _fingerprint(found, docs_dir, repo_url, today, contact, meetings_scan, site_url, site_name)
    if skip_if_fresh and manifest.get("fingerprint") == fingerprint and \
            all((docs_dir / rel).is_file() for rel in manifest.get("files", [])):
        report.skipped = True
        return report

    vocab = vocab or default_vocabulary()
    result = load_scan(source, vocab) if isinstance(source, FolderScan) else source
    report_progress(progress, PAGES)
    loaded_meetings = meetings if isinstance(meetings, MeetingsResult) else load_meetings_for(
        result, Path(meetings) if meetings is not None else None, vocab)
    if result.problems or loaded_meetings.problems:
        raise InvalidContentError(result.problems + loaded_meetings.problems)
    published = result.published
    report.practices = len(published)
    similar = similar_practices(result, index_dir)
    ctx = SiteContext(vocab=vocab, practices=published, similar=similar, repo_url=repo_url,
                      report_url=("mailto:" + contact["contact_email"]) if contact.get("contact_email") else None,
                      practices_repo_path=_repo_path(result.folder), today=today,
                      has_contributing_page=(docs_dir / "bijdragen.md").exists(),
                      meetings=loaded_meetings.published, site_url=site_url,
                      meetings_repo_path=_repo_path(meetings_scan.folder, "meetings") if meetings_scan else "meetings")
    pages = render.render_all(ctx, render_form_page(vocab, repo_url, contact))
    pages.update(feed_and_open_data(
        ctx, contact, site_name=site_name,
        practices_folder=result.folder, meetings_folder=meetings_scan.folder if meetings_scan else None))

    listed = manifest.get("files", [])
    previous = {rel for rel in (listed if isinstance(listed, list) else []) if isinstance(rel, str)}
    _refuse_foreign_files(docs_dir, pages, previous)
    try:
        docs_dir.mkdir(parents=True, exist_ok=True)
        for rel, content in counted(list(pages.items()), PAGES, progress):
            (report.written if _write_if_changed(docs_dir / rel, content) else report.unchanged).append(rel)
        for rel in sorted((previous | _existing_generated(docs_dir)) - set(pages)):
            target = _removable(docs_dir, rel)
            if target is not None:
                target.unlink()
                report.removed.append(rel)
        _remove_empty_generated_folders(docs_dir)
        _write_if_changed(docs_dir / MANIFEST_NAME, json.dumps(
            {"generator": GENERATOR_VERSION, "fingerprint": fingerprint, "files": sorted(pages)},
            indent=1) + "\n")
    except OSError as exc:
        raise PageGenerationError(
            f"Kan de pagina's niet schrijven in {docs_dir}: {exc.strerror or exc}") from exc
    return report


__all__ = ["GENERATED_DIRS", "GENERATED_FILES", "MANIFEST_NAME", "GenerationReport", "PageGenerationError",
           "generate_pages", "project_contact", "project_repo_url", "project_site_url", "similar_practices", "site_contact"]
