"""Writing the index: an atomic full rebuild, or an incremental update in place.

Both take what the loading stage produced (:class:`build_tools.load.LoadResult`), or a scan
whose changed files are read here through the same loader (``kennisbank search`` after an
edit reads only the edited file). A full rebuild is written into a new generation folder
and becomes active by replacing ``CURRENT``; readers see either the old or the new index,
never a half one. Incremental updates are committed in place (Whoosh commits are
transactional) without ``optimize``; small segments are merged into the new one each time
(:func:`merge_small_segments`), so the index stays at about two segments. The manifest is
written after the commit, and re-applying an update is harmless, so a crash in between only
causes some redundant work next time.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from build_tools.errors import InvalidContentError

from .manifest import (
    DRAFT, INDEXED, INVALID, KEEP, CorruptIndex, FileEntry, Manifest, activate, folder_key, is_own_generation,
    kept_meetings_stamp, new_generation, whoosh_files, write_facets, write_labels, write_stamp,
)
from .report import IndexReport
from .results import MEETING, PRACTICE

#: A full index is written as segments of at most this many practices. Whoosh keeps every
#: posting of a segment in memory as Python tuples until the segment is flushed (about 50 kB
#: per practice); one segment for 10,000 practices peaked at 650 MB, and a smaller memory
#: limit makes Whoosh pickle its postings to disk and merge them back (a third slower).
SEGMENT_DOCS = 3_500
#: Memory for Whoosh's posting pool per segment: only a safety net for very large practices.
WRITER_LIMIT_MB = 512
#: zlib level for the posting blocks (Whoosh's default: 3). Unpacked, the index takes about twice
#: the disk space (70 MB for 10,000 practices) and a full index is 1 s (5 %) faster; reading
#: skips a decompression per block. Blocks record their own level, so an index written with
#: another level stays readable.
POSTINGS_COMPRESSION = 0
#: Small segments are merged into the new one at every incremental commit while together
#: they hold at most this many documents (or 2 % of the largest segment, if that is more).
MERGE_LIMIT = 200


def blocked_files(found) -> dict:
    from build_tools.load import slug_problems

    return slug_problems(found)


def _stored_problems(found, entries: dict[str, FileEntry], sources: dict, blocked: dict) -> list:
    """Every problem of one folder: turned-away files, slug problems, the content problems of
    files read now and those stored for unchanged invalid files."""
    from build_tools.model import Problem

    problems = list(found.problems) + list(blocked.values())
    for f in found.files:
        source = sources.get(f.rel)
        if source is not None:
            problems.extend(source.problems)
        elif f.rel in entries:
            display = found.display(f.rel)
            problems.extend(Problem(display, line, fld, msg) for line, fld, msg in entries[f.rel].problems)
    return problems


def _problems_of(found, manifest: Manifest | None, sources: dict, blocked: dict) -> list:
    """Every problem of the practices folder (see :func:`_stored_problems`)."""
    return sorted(_stored_problems(found, manifest.files if manifest is not None else {}, sources, blocked))


def _store_facets(gen: Path) -> None:
    """Write the facet documents of the index as committed (manifest.write_facets)."""
    from whoosh import index as windex

    from .query import IndexSearcher

    with IndexSearcher(windex.open_dir(str(gen))) as searcher:
        write_facets(gen, searcher.searcher.reader().generation(), searcher.facet_masks())


def _commit_manifest(gen: Path, manifest: Manifest, found, meetings, kept=None) -> None:
    manifest.index_files = whoosh_files(gen)
    manifest.write(gen)
    write_stamp(gen, found, manifest, meetings, kept)


# --- meetings ----------------------------------------------------------------------------------

def _slug(rel: str) -> str:
    return rel.rsplit("/", 1)[-1][:-3]


def practice_refs(files: dict[str, FileEntry], blocked) -> tuple:
    """(PracticeRefs, digest): what meetings may refer to, from the practices' manifest entries
    (as :func:`build_tools.meetings.load.refs_for` gives it from a LoadResult)."""
    blocked = set(blocked)
    published, drafts, invalid = set(), set(), set()
    for rel, entry in files.items():
        slug = _slug(rel)
        if rel in blocked or entry.state == INVALID:
            invalid.add(slug)
        elif entry.state == DRAFT:
            drafts.add(slug)
        else:
            published.add(slug)
    digest = hashlib.sha1(json.dumps([sorted(published), sorted(drafts), sorted(invalid)]).encode()).hexdigest()
    return (published, drafts, invalid), digest


def _meeting_reader(meetings, refs):
    """A function: SourceFile of the meetings scan -> Source (the meeting parsed and checked)."""
    from build_tools.meetings.load import read_meeting_source
    from build_tools.meetings.validate import PracticeRefs

    published, drafts, invalid = refs
    checked = PracticeRefs(frozenset(published), frozenset(drafts), frozenset(invalid))
    return lambda f: read_meeting_source(meetings, f, checked)


class _Changes:
    """The documents to write and delete, with the counts for the report."""

    def __init__(self):
        self.writes: list[dict] = []
        self.deletes: list[str] = []
        self.added = self.changed = 0


def _plan(kind: str, found, entries: dict[str, FileEntry], old_blocked, blocked: dict, scanned_ns: int,
          read, changes: _Changes, *, everything: bool = False) -> dict:
    """Compare one folder's scan with its manifest entries: read the files that may have changed
    (all of them with ``everything``), add the documents to write and delete to ``changes``;
    returns rel -> Source of the files read."""
    from .manifest import racy
    from .schema import document, meeting_document

    make = document if kind == PRACTICE else meeting_document
    old_blocked = set(old_blocked)
    recent = {f.rel for f in racy(found.files, scanned_ns)} if found is not None else set()

    def was_indexed(rel: str) -> bool:
        entry = entries.get(rel)
        return entry is not None and entry.state == INDEXED and rel not in old_blocked

    files = found.files if found is not None else []
    sources = {}
    for f in files:
        entry = entries.get(f.rel)
        if (everything or entry is None or entry.stamp != f.stamp or f.rel in recent
                or (f.rel in old_blocked and f.rel not in blocked and entry.state == INDEXED)):
            sources[f.rel] = read(f)
    present = {f.rel for f in files}
    for rel in entries.keys() - present:
        if was_indexed(rel):
            changes.deletes.append(f"{kind}:{rel}")
    for f in files:
        was = was_indexed(f.rel)
        source = sources.get(f.rel)
        if source is not None:
            now = source.state == INDEXED and f.rel not in blocked
            same = was and entries[f.rel].sha1 == source.sha1  # (a document does not depend on refs)
            if now and not same:
                changes.writes.append(make(source.item, f.rel))
                changes.added += not was
                changes.changed += was
            elif was and not now:
                changes.deletes.append(f"{kind}:{f.rel}")
        elif was and f.rel in blocked:
            changes.deletes.append(f"{kind}:{f.rel}")
    return sources


def _update_meetings(manifest: Manifest, meetings, changes: _Changes) -> list:
    """Bring the manifest's meetings part up to date with ``meetings`` (a scan or None), adding
    to ``changes``; returns the meetings' problems. Everything is read again when the folder or
    the practices the meetings refer to changed."""
    folder = folder_key(meetings.folder) if meetings is not None else ""
    refs, digest = practice_refs(manifest.files, manifest.blocked)
    if folder != manifest.meetings_folder:
        for rel in manifest.meetings:
            if manifest.meetings[rel].state == INDEXED and rel not in manifest.meetings_blocked:
                changes.deletes.append(f"{MEETING}:{rel}")
        manifest.meetings, manifest.meetings_blocked = {}, []
    blocked = blocked_files(meetings) if meetings is not None else {}
    sources = _plan(MEETING, meetings, manifest.meetings, manifest.meetings_blocked, blocked,
                    manifest.scanned_ns, _meeting_reader(meetings, refs) if meetings is not None else None,
                    changes, everything=digest != manifest.refs)
    problems = _stored_problems(meetings, manifest.meetings, sources, blocked) if meetings is not None else []
    manifest.meetings = {f.rel: (FileEntry.of(sources[f.rel]) if f.rel in sources else manifest.meetings[f.rel])
                         for f in (meetings.files if meetings is not None else [])}
    manifest.meetings_blocked = sorted(blocked)
    manifest.meetings_folder = folder
    manifest.refs = digest
    return problems


def _report(manifest: Manifest, report: IndexReport, problems: list) -> IndexReport:
    report.total, report.drafts, report.skipped, report.meetings = manifest.counts()
    report.problems = sorted(problems)
    return report


def _write(ix, writer, changes: _Changes, **commit) -> None:
    try:
        for key in changes.deletes:
            writer.delete_by_term("key", key)
        for doc in changes.writes:
            writer.update_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit(**commit)


def full_rebuild(index_dir: Path, loaded, *, strict: bool, reason: str, meetings=None,
                 progress=None) -> IndexReport:
    """A new generation from every file of ``loaded`` (a LoadResult) and of ``meetings`` (a
    scan of the meetings folder, or None), swapped in when complete; then the generations this
    tool made before are removed (nothing else in the folder). ``progress``: see
    :mod:`build_tools.progress`."""
    from whoosh import index as windex

    from build_tools.progress import INDEXING, report as report_progress

    from . import fastpath
    from .schema import build_schema, document

    found = loaded.scan
    blocked = blocked_files(found)
    manifest = Manifest(folder_key(found.folder), scanned_ns=found.started_ns,
                        files={s.rel: FileEntry.of(s) for s in loaded.sources}, blocked=sorted(blocked))
    changes = _Changes()
    meeting_problems = _update_meetings(manifest, meetings, changes)
    if strict and (loaded.problems or meeting_problems):
        raise InvalidContentError(sorted(list(loaded.problems) + meeting_problems))
    gen = new_generation(index_dir)
    try:
        ix = windex.create_in(str(gen), build_schema())
        indexed = [s for s in loaded.sources if s.state == INDEXED and s.rel not in blocked]
        report_progress(progress, INDEXING, 0, len(indexed))
        for start in range(0, max(len(indexed), 1), SEGMENT_DOCS):
            writer = fastpath.writer(ix, limitmb=WRITER_LIMIT_MB, compound=False, codec=_codec())
            try:
                for done, source in enumerate(indexed[start:start + SEGMENT_DOCS], start=start + 1):
                    writer.add_document(**document(source.practice, source.rel))
                    report_progress(progress, INDEXING, done, len(indexed))
                if start + SEGMENT_DOCS >= len(indexed):
                    for doc in changes.writes:
                        writer.add_document(**doc)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=False)
        ix.close()
        from build_tools.vocabulary import default_vocabulary

        write_labels(gen, default_vocabulary())
        _store_facets(gen)
        _commit_manifest(gen, manifest, found, meetings)
        activate(index_dir, gen)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    # The new generation is live; the old ones are garbage.
    for other in Path(index_dir).iterdir():
        if other != gen and is_own_generation(other):
            shutil.rmtree(other, ignore_errors=True)
    report = IndexReport(added=manifest.counts()[0], rebuilt=True, reason=reason)
    return _report(manifest, report, list(loaded.problems) + meeting_problems)


def _codec():
    """Whoosh's codec, with posting blocks stored as they are (see POSTINGS_COMPRESSION)."""
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(compression=POSTINGS_COMPRESSION)


def merge_small_segments(writer, segments):
    """Whoosh merge policy: fold every segment except the largest into the segment being written,
    as long as they are small. An index built in full plus any number of small updates then
    stays at two segments (fewer files to open, fewer posting lists per term), and a merge
    costs only the few documents of the small segments. (Whoosh's own MERGE_SMALL lets
    five or more one-document segments pile up first.)"""
    from whoosh.reading import SegmentReader

    if len(segments) < 2:
        return list(segments)
    ordered = sorted(segments, key=lambda seg: seg.doc_count_all())
    limit = max(MERGE_LIMIT, ordered[-1].doc_count_all() // 50)
    merged, total = [], 0
    for seg in ordered[:-1]:
        total += seg.doc_count_all()
        if total > limit:
            break
        merged.append(seg)
    for seg in merged:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in merged]


def incremental(index_dir: Path, gen: Path, manifest: Manifest, found, *, strict: bool,
                loaded=None, meetings=KEEP) -> IndexReport:
    """Write the changes since ``manifest`` into the generation in place. Changed practices are
    taken from ``loaded`` when given, else read now; ``meetings``: a scan, None or KEEP."""
    from whoosh import index as windex

    from build_tools.load import read_source_file

    from . import fastpath

    blocked = blocked_files(found)
    by_rel = {s.rel: s for s in loaded.sources} if loaded is not None else {}
    changes = _Changes()
    sources = _plan(PRACTICE, found, manifest.files, manifest.blocked, blocked, manifest.scanned_ns,
                    lambda f: by_rel.get(f.rel) or read_source_file(found, f), changes)
    problems = list(loaded.problems) if loaded is not None else _problems_of(found, manifest, sources, blocked)
    # stamps that changed without the content (a touched file) are recorded too
    manifest.files = {f.rel: (FileEntry.of(sources[f.rel]) if f.rel in sources else manifest.files[f.rel])
                      for f in found.files}
    manifest.blocked = sorted(blocked)
    kept = None
    if meetings is KEEP:
        kept = kept_meetings_stamp(gen)
    else:
        problems += _update_meetings(manifest, meetings, changes)
    if strict and problems:
        raise InvalidContentError(sorted(problems))
    manifest.scanned_ns = found.started_ns

    if changes.writes or changes.deletes:
        try:
            ix = windex.open_dir(str(gen))
        except Exception as exc:  # any Whoosh failure to open means a damaged index
            raise CorruptIndex("De zoekindex was beschadigd") from exc
        # never optimize an incremental commit (rewrites everything); merge small segments
        _write(ix, fastpath.writer(ix, timeout=5.0, compound=False, codec=_codec()), changes,
               mergetype=merge_small_segments)
        ix.close()
        _store_facets(gen)
    _commit_manifest(gen, manifest, found, meetings, kept)
    report = IndexReport(added=changes.added, changed=changes.changed, removed=len(changes.deletes))
    return _report(manifest, report, problems)
