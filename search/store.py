"""Index lifecycle: is the index fresh, bring it up to date, open it.

A freshness check costs one stat per file (:func:`build_tools.files.scan`), a small stamp
and, only when the stamp does not match, the manifest; it imports neither YAML nor Whoosh,
so a search on a fresh index starts fast. Content hashes decide where a stamp cannot: a file
whose size, mtime, ctime or inode changed is hashed, and so is a file changed within
:data:`~search.manifest.RACY_NS` of the scan that read it (a second write in the same clock
tick keeps all four). Only when something changed is anything parsed, and then only the
changed files, through the one loader of :mod:`build_tools.load`.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import InvalidContentError
from build_tools.files import FolderScan, scan

from .lock import index_lock
from .manifest import (
    CURRENT, KEEP, CorruptIndex, Manifest, check_whoosh_files, content_sha, current_generation, folder_key, racy,
    kept_meetings_stamp, read_quick_stamp, read_stamp, schema_version, vocabulary_hash, write_stamp,
)
from .report import IndexReport

__all__ = ["CorruptIndex", "KEEP", "ensure_index", "fresh_report", "open_index", "rebuild", "scan", "scan_meetings"]


def _scan_of(source) -> FolderScan:
    return source if isinstance(source, FolderScan) else source.scan


def scan_meetings(meetings):
    """A meetings folder (path) scanned with the file rule; a scan, None and KEEP as given.
    A folder that does not exist is an error (:class:`build_tools.meetings.load.MeetingsFolderError`)."""
    if meetings is None or meetings is KEEP or isinstance(meetings, FolderScan):
        return meetings
    folder = Path(meetings)
    if not folder.is_dir():
        from build_tools.meetings.load import check_meetings_folder

        check_meetings_folder(folder)
    return scan(folder, quick=True)


def _rescan(meetings):
    return scan(meetings.folder, quick=True) if isinstance(meetings, FolderScan) else meetings


def _recorded_meetings(index_dir: Path):
    """KEEP for a full rebuild: the meetings folder the current index was made with (scanned),
    or None."""
    gen = current_generation(index_dir)
    try:
        folder = Manifest.read(gen).meetings_folder if gen is not None else ""
    except CorruptIndex:
        return None
    return scan(Path(folder)) if folder and Path(folder).is_dir() else None


def rebuild_reason(index_dir: Path, folder: Path) -> tuple[Path | None, Manifest | None, str]:
    """(generation, manifest, reason): reason is empty when the index can be updated in place."""
    gen = current_generation(index_dir)
    if gen is None:
        if (Path(index_dir) / CURRENT).exists():
            return None, None, "De zoekindex was beschadigd (onleesbare verwijzing) en wordt opnieuw opgebouwd."
        return None, None, "missing"
    if not gen.is_dir():
        return None, None, "De zoekindex was onvolledig en wordt opnieuw opgebouwd."
    try:
        manifest = Manifest.read(gen)
    except CorruptIndex as exc:
        return gen, None, f"{exc} en wordt opnieuw opgebouwd."
    if manifest.schema != schema_version():
        return gen, manifest, (f"De zoekindex is gemaakt door een andere versie (opbouw {manifest.schema}, "
                               f"nu {schema_version()}) en wordt opnieuw opgebouwd.")
    if manifest.vocabulary != vocabulary_hash():
        return gen, manifest, "De woordenlijsten zijn gewijzigd; de zoekindex wordt opnieuw opgebouwd."
    if manifest.folder != folder_key(folder):
        return gen, manifest, "De zoekindex hoorde bij een andere map met praktijken en wordt opnieuw opgebouwd."
    return gen, manifest, ""


def _racy_unchanged(found: FolderScan, shas: dict[str, str], since_ns: int) -> bool:
    """Recently changed files (whose stamp cannot be trusted) still have the recorded content."""
    return all(content_sha(found.path(f.rel)) == shas.get(f.rel) for f in racy(found.files, since_ns))


def _same_files(files: dict, found: FolderScan, scanned_ns: int) -> bool:
    """True when the scan has exactly the files recorded in ``files``, unchanged."""
    if len(files) != len(found.files):
        return False
    for f in found.files:
        entry = files.get(f.rel)
        if entry is None or entry.stamp != f.stamp:
            return False
    return _racy_unchanged(found, {rel: e.sha1 for rel, e in files.items()}, scanned_ns)


def is_fresh(manifest: Manifest, found: FolderScan, meetings=KEEP) -> bool:
    """True when no file was added, removed or changed since the manifest was written (in the
    meetings folder too, unless ``meetings`` is KEEP; None: no meetings may be indexed)."""
    if not _same_files(manifest.files, found, manifest.scanned_ns):
        return False
    if meetings is KEEP:
        return True
    if meetings is None:
        return manifest.meetings_folder == ""
    return (manifest.meetings_folder == folder_key(meetings.folder)
            and _same_files(manifest.meetings, meetings, manifest.scanned_ns))


def _problems(found: FolderScan, manifest: Manifest, meetings=KEEP) -> list:
    from .update import _problems_of, _stored_problems, blocked_files

    problems = _problems_of(found, manifest, {}, blocked_files(found))
    if meetings is not KEEP and meetings is not None:
        problems += _stored_problems(meetings, manifest.meetings, {}, blocked_files(meetings))
    return sorted(problems)


def _counted(counts) -> IndexReport:
    total, drafts, skipped, meetings = (int(n) for n in counts)
    return IndexReport(total=total, drafts=drafts, skipped=skipped, meetings=meetings)


def fresh_report(index_dir: Path, found: FolderScan, meetings=KEEP) -> IndexReport | None:
    """The report of an index that is up to date with the scanned folders, else None.

    ``meetings``: the meetings scan, None (no meetings) or KEEP (whatever meetings the index
    has). From the stamp when it matches (no manifest read), else from the manifest (and a new
    stamp is written for next time)."""
    index_dir = Path(index_dir)
    gen = current_generation(index_dir)
    if gen is None:
        return None
    folder = folder_key(found.folder)
    stamp = read_stamp(gen, folder, found, meetings)
    if (stamp is not None and _racy_unchanged(found, stamp["racy"], found.started_ns)
            and (not isinstance(meetings, FolderScan)
                 or _racy_unchanged(meetings, stamp["meetings_racy"], meetings.started_ns))):
        if found.quick and (found.quick != stamp["quick"] or (
                isinstance(meetings, FolderScan) and meetings.quick != stamp["meetings"][2])
                or set(stamp["racy"]) != {f.rel for f in racy(found.files, found.started_ns)}
                or (isinstance(meetings, FolderScan) and set(stamp["meetings_racy"])
                    != {f.rel for f in racy(meetings.files, meetings.started_ns)})):
            # a stamp written without quick digests (``kennisbank build``), or with files that
            # are no longer too recent to trust: a new one lets the next search skip the scan
            write_stamp(gen, found, Manifest.read(gen), meetings,
                        kept_meetings_stamp(gen) if meetings is KEEP else None)
        return _counted(stamp["counts"])
    gen, manifest, reason = rebuild_reason(index_dir, found.folder)
    if reason or not is_fresh(manifest, found, meetings):
        return None
    write_stamp(gen, found, manifest, meetings, kept_meetings_stamp(gen) if meetings is KEEP else None)
    return _counted(manifest.counts())


def quick_report(index_dir: Path, folder: Path, meetings=None, digests=None, gen: Path | None = None
                 ) -> IndexReport | None:
    """The report of an index that is certainly up to date with ``folder`` and ``meetings`` (a
    meetings folder, None, or KEEP: whatever meetings it has), from the stamp and the folders' quick digests without a scan;
    None when that cannot be told this way (then :func:`ensure_index` finds out). ``digests``:
    see :func:`read_quick_stamp`; ``gen``: the generation to judge (default: the active one)."""
    gen = gen or current_generation(Path(index_dir))
    if gen is None or isinstance(meetings, FolderScan):
        return None
    stamp = read_quick_stamp(gen, Path(folder), meetings if meetings in (None, KEEP) else Path(meetings), digests)
    # Files changed too recently before the last scan to trust their stamp: the scan decides
    # (fresh_report compares their content and, once they are no longer recent, writes a
    # stamp without them).
    if stamp is None or stamp["racy"] or (meetings not in (None, KEEP) and stamp["meetings_racy"]):
        return None
    return _counted(stamp["counts"])


def ensure_index(index_dir: Path, source, *, meetings=KEEP, full: bool = False, strict: bool = False,
                 timeout: float | None = None, progress=None) -> IndexReport:
    """Bring the index up to date with ``source``: a :class:`build_tools.load.LoadResult`, or
    a :class:`~build_tools.files.FolderScan` whose changed files are read as needed; and with
    ``meetings``: a meetings folder (or its scan), None (no meetings) or KEEP (leave the
    indexed meetings as they are).

    ``strict``: any problem raises InvalidContentError and nothing is written (and the index
    files are checked against the manifest, so a damaged index is rebuilt); otherwise invalid
    files are left out and counted in ``skipped``."""
    index_dir = Path(index_dir)
    found = _scan_of(source)
    meetings = scan_meetings(meetings)
    loaded = None if isinstance(source, FolderScan) else source
    if strict and loaded is not None and loaded.problems:
        raise InvalidContentError(loaded.problems)
    if not full:
        report = fresh_report(index_dir, found, meetings)
        if report is not None and not strict:
            return report
        if report is not None:  # ``kennisbank index``: report every problem, trust no damaged file
            gen = current_generation(index_dir)
            try:
                manifest = Manifest.read(gen)
                problems = _problems(found, manifest, meetings)
                if problems:
                    raise InvalidContentError(problems)
                check_whoosh_files(gen, manifest)
                return report
            except CorruptIndex as exc:
                return rebuild(index_dir, source, f"{exc} en is opnieuw opgebouwd.", strict=strict,
                               timeout=timeout, meetings=meetings)
    with index_lock(index_dir, timeout):
        # Someone else may have done the work while we waited: look again.
        if isinstance(source, FolderScan):
            found = scan(found.folder, quick=True)
        meetings = _rescan(meetings)
        gen, manifest, reason = rebuild_reason(index_dir, found.folder)
        if full or reason:
            return _full(index_dir, found, loaded, strict=strict, meetings=meetings, progress=progress,
                         reason="" if (full or reason == "missing") else reason)
        from . import update

        try:
            if strict:
                check_whoosh_files(gen, manifest)
            return update.incremental(index_dir, gen, manifest, found, strict=strict, loaded=loaded,
                                      meetings=meetings)
        except CorruptIndex as exc:
            return _full(index_dir, found, loaded, strict=strict, meetings=meetings,
                         reason=f"{exc} en is opnieuw opgebouwd.")


def _full(index_dir: Path, found: FolderScan, loaded, *, strict: bool, reason: str, meetings,
          progress=None) -> IndexReport:
    from build_tools.load import load_scan

    from . import update

    if meetings is KEEP:
        meetings = _recorded_meetings(index_dir)
    return update.full_rebuild(index_dir, loaded if loaded is not None else load_scan(found, progress=progress),
                               strict=strict, reason=reason, meetings=meetings, progress=progress)


def rebuild(index_dir: Path, source, reason: str, *, strict: bool = False,
            timeout: float | None = None, meetings=KEEP) -> IndexReport:
    """A full rebuild under the lock (a damaged index found while reading it)."""
    loaded = None if isinstance(source, FolderScan) else source
    meetings = scan_meetings(meetings)
    with index_lock(index_dir, timeout):
        found = scan(_scan_of(source).folder, quick=True) if loaded is None else loaded.scan
        return _full(Path(index_dir), found, loaded, strict=strict, reason=reason, meetings=_rescan(meetings))


def open_index(index_dir: Path, gen: Path | None = None):
    """The Whoosh index of the active generation (or of ``gen``); raises CorruptIndex when it
    cannot be opened."""
    from . import fastpath  # noqa: F401  (first: imports Whoosh lightly)
    from whoosh import index as windex

    gen = gen or current_generation(index_dir)
    if gen is None or not gen.is_dir():
        raise CorruptIndex("De zoekindex ontbrak")
    try:
        return windex.open_dir(str(gen))
    except Exception as exc:  # EmptyIndexError, unpickling errors, damaged TOC, ...
        raise CorruptIndex("De zoekindex was beschadigd") from exc
