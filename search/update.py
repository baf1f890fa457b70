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

import shutil
from pathlib import Path

from build_tools.errors import InvalidContentError

from .manifest import (
    INDEXED, CorruptIndex, FileEntry, Manifest, activate, folder_key, is_own_generation, new_generation,
    whoosh_files, write_labels, write_stamp,
)
from .report import IndexReport

#: A full index is written as segments of at most this many practices. Whoosh keeps every
#: posting of a segment in memory as Python tuples until the segment is flushed (about 50 kB
#: per practice); one segment for 10,000 practices peaked at 650 MB, and a smaller memory
#: limit makes Whoosh pickle its postings to disk and merge them back (a third slower).
SEGMENT_DOCS = 3_500
#: Memory for Whoosh's posting pool per segment: only a safety net for very large practices.
WRITER_LIMIT_MB = 512
#: Small segments are merged into the new one at every incremental commit while together
#: they hold at most this many documents (or 2 % of the largest segment, if that is more).
MERGE_LIMIT = 200


def blocked_files(found) -> dict:
    from build_tools.load import slug_problems

    return slug_problems(found)


def _problems_of(found, manifest: Manifest | None, sources: dict, blocked: dict) -> list:
    """Every problem of the folder: turned-away files, slug problems, the content problems of
    files read now and those stored for unchanged invalid files."""
    from build_tools.model import Problem

    problems = list(found.problems) + list(blocked.values())
    for f in found.files:
        source = sources.get(f.rel)
        if source is not None:
            problems.extend(source.problems)
        elif manifest is not None and f.rel in manifest.files:
            display = found.display(f.rel)
            problems.extend(Problem(display, line, fld, msg) for line, fld, msg in manifest.files[f.rel].problems)
    return sorted(problems)


def _commit_manifest(gen: Path, manifest: Manifest, found) -> None:
    manifest.index_files = whoosh_files(gen)
    manifest.write(gen)
    write_stamp(gen, found, manifest)


def full_rebuild(index_dir: Path, loaded, *, strict: bool, reason: str, progress=None) -> IndexReport:
    """A new generation from every file of ``loaded`` (a LoadResult), swapped in when complete;
    then the generations this tool made before are removed (nothing else in the folder)."""
    from whoosh import index as windex

    from build_tools.progress import INDEXING, report as report_progress

    from . import fastpath
    from .schema import build_schema, document

    found = loaded.scan
    if strict and loaded.problems:
        raise InvalidContentError(loaded.problems)
    blocked = blocked_files(found)
    gen = new_generation(index_dir)
    try:
        ix = windex.create_in(str(gen), build_schema())
        indexed = [s for s in loaded.sources if s.state == INDEXED and s.rel not in blocked]
        report_progress(progress, INDEXING, 0, len(indexed))
        for start in range(0, max(len(indexed), 1), SEGMENT_DOCS):
            writer = fastpath.writer(ix, limitmb=WRITER_LIMIT_MB, compound=False)
            try:
                for done, source in enumerate(indexed[start:start + SEGMENT_DOCS], start=start + 1):
                    writer.add_document(**document(source.practice, source.rel))
                    report_progress(progress, INDEXING, done, len(indexed))
            except BaseException:
                writer.cancel()
                raise
            writer.commit(merge=False)
        ix.close()
        from build_tools.vocabulary import default_vocabulary

        write_labels(gen, default_vocabulary())
        manifest = Manifest(folder_key(found.folder), scanned_ns=found.started_ns,
                            files={s.rel: FileEntry.of(s) for s in loaded.sources}, blocked=sorted(blocked))
        _commit_manifest(gen, manifest, found)
        activate(index_dir, gen)
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    # The new generation is live; the old ones are garbage.
    for other in Path(index_dir).iterdir():
        if other != gen and is_own_generation(other):
            shutil.rmtree(other, ignore_errors=True)
    total, drafts, skipped = manifest.counts()
    return IndexReport(added=total, rebuilt=True, reason=reason, total=total, drafts=drafts, skipped=skipped,
                       problems=sorted(loaded.problems))


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


def changed_sources(found, manifest: Manifest, blocked: dict, loaded=None) -> dict:
    """rel -> Source of every file whose content may differ from the manifest: new files, files
    with another stamp, recent files (see RACY_NS) and files that may enter the index now that
    a slug problem is gone. Taken from ``loaded`` when given, else read now."""
    from build_tools.load import read_source_file

    from .manifest import racy

    recent = {f.rel for f in racy(found.files, manifest.scanned_ns)}
    by_rel = {s.rel: s for s in loaded.sources} if loaded is not None else {}
    out = {}
    for f in found.files:
        entry = manifest.files.get(f.rel)
        if (entry is None or entry.stamp != f.stamp or f.rel in recent
                or (f.rel in manifest.blocked and f.rel not in blocked and entry.state == INDEXED)):
            out[f.rel] = by_rel.get(f.rel) or read_source_file(found, f)
    return out


def incremental(index_dir: Path, gen: Path, manifest: Manifest, found, *, strict: bool,
                loaded=None) -> IndexReport:
    from whoosh import index as windex

    from . import fastpath
    from .schema import document

    blocked = blocked_files(found)
    sources = changed_sources(found, manifest, blocked, loaded)
    problems = loaded.problems if loaded is not None else _problems_of(found, manifest, sources, blocked)
    if strict and problems:
        raise InvalidContentError(problems)

    report = IndexReport()
    present = {f.rel for f in found.files}
    writes, deletes = [], []
    for rel in manifest.files.keys() - present:
        if manifest.indexed(rel):
            deletes.append(rel)
    for f in found.files:
        was = manifest.indexed(f.rel)
        source = sources.get(f.rel)
        if source is not None:
            now = source.state == INDEXED and f.rel not in blocked
            same = was and manifest.files[f.rel].sha1 == source.sha1
            if now and not same:
                writes.append(source)
                report.added += not was
                report.changed += was
            elif was and not now:
                deletes.append(f.rel)
        elif was and f.rel in blocked:
            deletes.append(f.rel)
    report.removed = len(deletes)
    if writes or deletes:
        try:
            ix = windex.open_dir(str(gen))
        except Exception as exc:  # any Whoosh failure to open means a damaged index
            raise CorruptIndex("De zoekindex was beschadigd") from exc
        writer = fastpath.writer(ix, timeout=5.0, compound=False)
        try:
            for rel in deletes:
                writer.delete_by_term("path", rel)
            for source in writes:
                writer.update_document(**document(source.practice, source.rel))
        except BaseException:
            writer.cancel()
            raise
        # never optimize an incremental commit (rewrites everything); merge small segments
        writer.commit(mergetype=merge_small_segments)
        ix.close()
    files = {f.rel: (FileEntry.of(sources[f.rel]) if f.rel in sources else manifest.files[f.rel])
             for f in found.files}
    # stamps that changed without the content (a touched file) are recorded too
    manifest.files = files
    manifest.blocked = sorted(blocked)
    manifest.scanned_ns = found.started_ns
    _commit_manifest(gen, manifest, found)
    report.total, report.drafts, report.skipped = manifest.counts()
    report.problems = problems
    return report
