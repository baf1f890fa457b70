"""Index lifecycle: manifest, freshness check, incremental update, atomic full rebuild, lock.

Layout of an index folder::

    INDEX_DIR/
      CURRENT          name of the active generation, replaced atomically (os.replace)
      .lock            advisory lock (fcntl) held by whoever writes
      gen-<id>/        one Whoosh index (segments as separate files) + manifest.json + fresh.json

``manifest.json`` records the schema version, a hash of the vocabularies, the practices
folder and, per file: size, mtime (ns), SHA-1 of the content, its state (``indexed``,
``draft``, ``invalid``) and, for invalid files, the validation problems. A freshness check
only stats the files; it hashes only files whose size or mtime differ and parses only files
whose hash differs. A full rebuild is written into a new generation folder and becomes
active by replacing ``CURRENT``; readers see either the old or the new index, never a half
one. Incremental updates are committed in place (Whoosh commits are transactional) without
``optimize``; small segments are merged into the new one each time (:func:`merge_small_segments`),
so the index stays at about two segments. The manifest is written after the commit, and
re-applying an update is harmless, so a crash in between only causes some redundant work
next time. ``fresh.json`` is a shortcut for the freshness check (see "the freshness stamp").
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from build_tools.errors import InvalidContentError
from build_tools.files import IGNORED_NAMES, display_path, practice_files
from build_tools.settings import VOCABULARY_DIR

from .errors import IndexLocationError, IndexLockedError

if TYPE_CHECKING:
    from build_tools.model import Practice, Problem

def _problem(*args) -> Problem:
    from build_tools.model import Problem

    return Problem(*args)

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
STAMP = "fresh.json"
LOCK = ".lock"
LOCK_TIMEOUT_ENV = "KENNISBANK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0

INDEXED, DRAFT, INVALID = "indexed", "draft", "invalid"


def schema_version() -> int:
    # Kept in a tiny module so the freshness check does not import Whoosh.
    from .version import SCHEMA_VERSION

    return SCHEMA_VERSION


@dataclass
class IndexReport:
    """What an update did. ``message`` is a Dutch one-line summary (or an empty string)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    rebuilt: bool = False
    #: why a full rebuild happened (Dutch), e.g. a corrupt index; empty when asked for or not rebuilt
    reason: str = ""
    #: published practices in the index after the update
    total: int = 0
    #: files left out because they are invalid (only when invalid files are tolerated)
    skipped: int = 0
    #: drafts left out of the index
    drafts: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def updated(self) -> bool:
        return self.rebuilt or bool(self.added or self.changed or self.removed)

    @property
    def message(self) -> str:
        parts = []
        if self.reason:
            parts.append(self.reason)
        if self.rebuilt:
            parts.append(f"Zoekindex opnieuw opgebouwd: {self.total} "
                         f"{'praktijk' if self.total == 1 else 'praktijken'}.")
        elif self.updated:
            parts.append(f"Zoekindex bijgewerkt: {self.added} toegevoegd, {self.changed} gewijzigd, "
                         f"{self.removed} verwijderd ({self.total} in totaal).")
        else:
            parts.append(f"Zoekindex is actueel ({self.total} "
                         f"{'praktijk' if self.total == 1 else 'praktijken'}).")
        return " ".join(parts)

    def to_dict(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed,
                "rebuilt": self.rebuilt, "reason": self.reason, "total": self.total,
                "skipped": self.skipped, "drafts": self.drafts, "message": self.message}


# --- small file helpers -------------------------------------------------------------------

def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def vocabulary_hash() -> str:
    digest = hashlib.sha1()
    for name in ("regions.yml", "themes.yml"):
        try:
            digest.update((VOCABULARY_DIR / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def current_generation(index_dir: Path) -> Path | None:
    """The active generation folder, or None when there is no (readable) pointer."""
    try:
        name = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name.startswith("gen-") or "/" in name or "\\" in name:
        return None
    return Path(index_dir) / name


class CorruptIndex(Exception):
    """Internal: the index or its manifest cannot be used; the message is Dutch."""


def read_manifest(gen: Path) -> dict:
    try:
        data = json.loads((gen / MANIFEST).read_bytes())
    except FileNotFoundError as exc:
        raise CorruptIndex("De zoekindex was onvolledig (geen manifest)") from exc
    except (OSError, ValueError) as exc:
        raise CorruptIndex("De zoekindex was beschadigd (manifest onleesbaar)") from exc
    if (not isinstance(data, dict) or not isinstance(data.get("files"), dict)
            or not isinstance(data.get("schema"), int)):
        raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)")
    for entry in data["files"].values():
        if not (isinstance(entry, list) and len(entry) == 5):
            raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)")
    return data


# --- the lock --------------------------------------------------------------------------------

def lock_timeout() -> float:
    try:
        return float(os.environ.get(LOCK_TIMEOUT_ENV, DEFAULT_LOCK_TIMEOUT))
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


@contextlib.contextmanager
def index_lock(index_dir: Path, timeout: float | None = None) -> Iterator[None]:
    """Exclusive lock on the index folder, waiting up to ``timeout`` seconds."""
    index_dir = Path(index_dir)
    timeout = lock_timeout() if timeout is None else timeout
    path = index_dir / LOCK
    try:  # the first write to the folder: where an unusable location shows
        index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexLocationError(index_dir, exc) from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory locks, single-user tool
            yield
            return
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = ""
                    with contextlib.suppress(OSError, ValueError):
                        holder = os.pread(fd, 32, 0).decode("ascii").strip()
                    raise IndexLockedError(index_dir, holder, timeout) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# --- scanning the folder ---------------------------------------------------------------------

@dataclass
class Scan:
    """The practice files of a folder with their stat, and the duplicate-slug map."""

    folder: Path
    stats: dict[str, tuple[int, int]]
    #: rel -> Path, built lazily (only files that are read need one)
    paths: dict[str, Path]

    @functools.cached_property
    def duplicates(self) -> dict[str, str]:
        """rel -> rel of the first file with the same slug (for the second and later files);
        computed on first use (a freshness check does not need it)."""
        first: dict[str, str] = {}
        duplicates: dict[str, str] = {}
        for rel in sorted(self.stats):
            slug = rel.rsplit("/", 1)[-1][:-3]
            if slug in first:
                duplicates[rel] = first[slug]
            else:
                first[slug] = rel
        return duplicates


def _walk(folder: str, prefix: str, out: dict[str, tuple[int, int]]) -> None:
    """Same selection as :func:`build_tools.load.practice_files`, with os.scandir and no Path
    objects (a freshness check on 10,000 files must stay in the tens of milliseconds; most of
    it is the one stat call per file)."""
    try:
        it = os.scandir(folder)
    except OSError:
        return
    ignored = IGNORED_NAMES
    with it:
        for entry in it:
            name = entry.name
            try:
                if name[-3:] == ".md" and name[0] != "." and not entry.is_dir():
                    if name.lower() not in ignored:
                        st = entry.stat()
                        out[prefix + name] = (st.st_size, st.st_mtime_ns)
                elif not name.startswith((".", "_")) and entry.is_dir():
                    _walk(entry.path, prefix + name + "/", out)
            except OSError:
                continue  # vanished between listing and stat


class _Paths(dict):
    """rel -> Path, created on first use."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def __missing__(self, rel: str) -> Path:
        path = self[rel] = self.folder / rel
        return path


def scan(folder: Path) -> Scan:
    folder = Path(folder)
    if not folder.is_dir():
        practice_files(folder)  # raises PracticesFolderError
    stats: dict[str, tuple[int, int]] = {}
    _walk(str(folder), "", stats)
    return Scan(folder, stats, _Paths(folder))


def _folder_key(folder: Path) -> str:
    return str(Path(folder).resolve())


def is_fresh(manifest: dict, sc: Scan) -> bool:
    """True when no file was added, removed or touched since the manifest was written."""
    files = manifest["files"]
    if len(files) != len(sc.stats):
        return False
    for rel, (size, mtime) in sc.stats.items():
        entry = files.get(rel)
        if entry is None or entry[0] != size or entry[1] != mtime:
            return False
    return True


def rebuild_reason(index_dir: Path, folder: Path) -> tuple[Path | None, dict | None, str]:
    """(generation, manifest, reason): reason is empty when the index can be updated in place."""
    gen = current_generation(index_dir)
    if gen is None:
        if (Path(index_dir) / CURRENT).exists():
            return None, None, "De zoekindex was beschadigd (onleesbare verwijzing) en wordt opnieuw opgebouwd."
        return None, None, "missing"
    if not gen.is_dir():
        return None, None, "De zoekindex was onvolledig en wordt opnieuw opgebouwd."
    try:
        manifest = read_manifest(gen)
    except CorruptIndex as exc:
        return gen, None, f"{exc} en wordt opnieuw opgebouwd."
    if manifest["schema"] != schema_version():
        return gen, manifest, (f"De zoekindex is gemaakt door een andere versie (opbouw {manifest['schema']}, "
                               f"nu {schema_version()}) en wordt opnieuw opgebouwd.")
    if manifest.get("vocabulary") != vocabulary_hash():
        return gen, manifest, "De woordenlijsten zijn gewijzigd; de zoekindex wordt opnieuw opgebouwd."
    if manifest.get("folder") != _folder_key(folder):
        return gen, manifest, "De zoekindex hoorde bij een andere map met praktijken en wordt opnieuw opgebouwd."
    return gen, manifest, ""


# --- reading and validating files ------------------------------------------------------------

@dataclass
class FileResult:
    rel: str
    size: int
    mtime: int
    sha: str
    state: str
    practice: Practice | None
    problems: list[Problem]

    def entry(self) -> list:
        return [self.size, self.mtime, self.sha, self.state,
                [[p.line, p.field, p.message] for p in self.problems]]


def read_file(sc: Scan, rel: str, vocab) -> FileResult:
    """Hash, parse and validate one file (read once)."""
    from build_tools.frontmatter import parse
    from build_tools.validate import check

    path = sc.paths[rel]
    display = display_path(path)
    try:
        st = path.stat()
        raw = path.read_bytes()
    except OSError as exc:
        problem = _problem(display, 1, "bestand", f"kan niet gelezen worden ({exc.strerror or exc})")
        return FileResult(rel, -1, -1, "", INVALID, None, [problem])
    sha = hashlib.sha1(raw).hexdigest()
    parsed = parse(raw, display)
    practice = check(parsed, path.stem, path, vocab)
    problems = sorted(parsed.problems)
    if rel in sc.duplicates:
        problems.append(_problem(display, 1, "slug",
                                f"'{path.stem}' wordt al gebruikt door "
                                f"{display_path(sc.paths[sc.duplicates[rel]])}; kies een andere bestandsnaam"))
    if problems or practice is None:
        return FileResult(rel, st.st_size, st.st_mtime_ns, sha, INVALID, None, problems)
    return FileResult(rel, st.st_size, st.st_mtime_ns, sha, DRAFT if practice.draft else INDEXED, practice, [])


def stored_problems(sc: Scan, rel: str, entry: list) -> list[Problem]:
    display = display_path(sc.folder / rel)
    return [_problem(display, int(line), str(fld), str(msg)) for line, fld, msg in entry[4]]


def file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- the update itself -----------------------------------------------------------------------

def _new_manifest(folder: Path) -> dict:
    return {"schema": schema_version(), "vocabulary": vocabulary_hash(), "folder": _folder_key(folder),
            "files": {}}


def _write_manifest(gen: Path, manifest: dict) -> None:
    _write_atomic(gen / MANIFEST, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _count(manifest: dict, report: IndexReport) -> IndexReport:
    report.total = report.drafts = report.skipped = 0
    for entry in manifest["files"].values():
        if entry[3] == INDEXED:
            report.total += 1
        elif entry[3] == DRAFT:
            report.drafts += 1
        else:
            report.skipped += 1
    return report


def _collect_problems(sc: Scan, manifest: dict | None, results: list[FileResult]) -> list[Problem]:
    fresh = {r.rel for r in results}
    problems = [p for r in results for p in r.problems]
    if manifest is not None:
        for rel, entry in manifest["files"].items():
            if rel not in fresh and rel in sc.stats and entry[3] == INVALID:
                problems.extend(stored_problems(sc, rel, entry))
    return sorted(problems)


# --- the freshness stamp -------------------------------------------------------------------
#
# Reading the manifest (one entry per file) is most of a freshness check after the stat calls.
# Next to it, each generation has a small stamp: a digest of the folder's stats as last seen
# (in scandir order), the size and mtime of the manifest it belongs to, and the counts of the
# report. When the folder's stats give the same digest and the manifest is unchanged, the
# index is fresh without reading the manifest. Any mismatch (another listing order, a
# replaced manifest, a damaged stamp) just means the full check; the stamp is only a shortcut.

def stats_digest(stats: dict[str, tuple[int, int]]) -> str:
    return hashlib.sha1(repr(stats).encode("utf-8", "surrogateescape")).hexdigest()


def _write_stamp(gen: Path, sc: Scan, manifest: dict, manifest_stat: os.stat_result | None = None) -> None:
    try:
        st = manifest_stat or os.stat(gen / MANIFEST)
        counts = _count(manifest, IndexReport())
        stamp = {"schema": manifest["schema"], "vocabulary": manifest.get("vocabulary"),
                 "folder": manifest.get("folder"), "digest": stats_digest(sc.stats),
                 "manifest": [st.st_size, st.st_mtime_ns],
                 "counts": [counts.total, counts.drafts, counts.skipped]}
        _write_atomic(gen / STAMP, json.dumps(stamp).encode("utf-8"))
    except OSError:  # a read-only index folder: no shortcut, still correct
        pass


def _stamped_report(index_dir: Path, folder: Path, sc: Scan) -> IndexReport | None:
    """The report of a fresh index from its stamp, or None when the full check is needed."""
    gen = current_generation(index_dir)
    if gen is None:
        return None
    try:
        stamp = json.loads((gen / STAMP).read_bytes())
        st = os.stat(gen / MANIFEST)
        if (stamp["schema"] != schema_version() or stamp["manifest"] != [st.st_size, st.st_mtime_ns]
                or stamp["digest"] != stats_digest(sc.stats) or stamp["folder"] != _folder_key(folder)
                or stamp["vocabulary"] != vocabulary_hash()):
            return None
        total, drafts, skipped = (int(n) for n in stamp["counts"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return IndexReport(total=total, drafts=drafts, skipped=skipped)


def ensure_index(folder: Path, index_dir: Path, *, full: bool = False, strict: bool = False,
                 timeout: float | None = None) -> IndexReport:
    """Bring the index up to date. ``strict``: any invalid file raises InvalidContentError and
    nothing is written; otherwise invalid files are left out and counted in ``skipped``."""
    folder, index_dir = Path(folder), Path(index_dir)
    sc = scan(folder)
    if not full:
        report = _stamped_report(index_dir, folder, sc)
        if report is not None and not (strict and report.skipped):
            return report
        gen = current_generation(index_dir)
        try:
            manifest_stat = os.stat(gen / MANIFEST) if gen is not None else None
        except OSError:
            manifest_stat = None
        gen, manifest, reason = rebuild_reason(index_dir, folder)
        if not reason and is_fresh(manifest, sc):
            if manifest_stat is not None:
                _write_stamp(gen, sc, manifest, manifest_stat)
            report = _count(manifest, IndexReport())
            if strict and report.skipped:
                problems = _collect_problems(sc, manifest, [])
                if problems:
                    raise InvalidContentError(problems)
            return report
    with index_lock(index_dir, timeout):
        # Someone else may have done the work while we waited: look again.
        sc = scan(folder)
        gen, manifest, reason = rebuild_reason(index_dir, folder)
        if full or reason:
            return _full_rebuild(sc, index_dir, strict=strict,
                                 reason="" if (full or reason == "missing") else reason)
        try:
            return _incremental(sc, index_dir, gen, manifest, strict=strict)
        except CorruptIndex as exc:
            return _full_rebuild(sc, index_dir, strict=strict, reason=f"{exc} en is opnieuw opgebouwd.")


class _Lengths:
    """The field lengths of a segment being written, read once per field into memory.

    Whoosh looks up a document's field length for every posting it writes (for the block
    statistics), one file read each; this serves the same quantized values from a cache."""

    def __init__(self, perdoc):
        self.perdoc = perdoc
        self._fields: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        try:
            data = self._fields[fieldname]
        except KeyError:
            data = self._fields[fieldname] = self._load(fieldname)
        if data is _NO_COLUMN:
            return default
        if data is None or docnum >= len(data):
            return self.perdoc.doc_field_length(docnum, fieldname, default)
        lbyte = data[docnum]
        if lbyte:
            return _B2L[lbyte]
        return None  # what Whoosh's W3PerDocReader returns for a zero length byte

    def _load(self, fieldname: str):
        try:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

            col = self.perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if col is None:
                return _NO_COLUMN
            if col._fixedlen == 1:
                return bytes(col._dbfile.get(col._basepos, col._count))
        except Exception:  # pragma: no cover - another codec: ask the reader each time
            pass
        return None


_NO_COLUMN = b"-"
_B2L: list[int] = []


def _writer(ix, **kwargs):
    """``ix.writer(**kwargs)`` whose final flush serves field lengths from memory (see _Lengths)."""
    from whoosh.util.numeric import byte_to_length

    if not _B2L:
        _B2L.extend(byte_to_length(i) for i in range(256))
    writer = ix.writer(**kwargs)

    def flush_segment():
        writer.perdocwriter.close()
        pdr = writer.per_document_reader() if writer.codec.length_stats else None
        writer.fieldwriter.add_postings(writer.schema, _Lengths(pdr) if pdr else None,
                                        writer.pool.iter_postings())
        writer.fieldwriter.close()
        if pdr:
            pdr.close()

    if hasattr(writer, "_flush_segment") and hasattr(writer, "pool"):
        writer._flush_segment = flush_segment
    return writer


#: Small segments are merged into the new one at every incremental commit while together
#: they hold at most this many documents (or 2 % of the largest segment, if that is more).
MERGE_LIMIT = 200


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


def _full_rebuild(sc: Scan, index_dir: Path, *, strict: bool, reason: str) -> IndexReport:
    import shutil

    from . import _whoosh  # noqa: F401  (first: imports Whoosh lightly)
    from whoosh import index as windex

    from build_tools.vocabulary import default_vocabulary

    from .schema import build_schema, document

    vocab = default_vocabulary()
    results = [read_file(sc, rel, vocab) for rel in sorted(sc.stats)]
    problems = sorted(p for r in results for p in r.problems)
    if strict and problems:
        raise InvalidContentError(problems)

    gen = index_dir / f"gen-{time.time_ns():x}-{os.getpid()}"
    gen.mkdir(parents=True)
    try:
        ix = windex.create_in(str(gen), build_schema())
        writer = _writer(ix, limitmb=1024, compound=False)
        try:
            for r in results:
                if r.state == INDEXED:
                    writer.add_document(**document(r.practice, r.rel))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()
        manifest = _new_manifest(sc.folder)
        manifest["files"] = {r.rel: r.entry() for r in results}
        manifest["duplicates"] = sorted(sc.duplicates)
        _write_manifest(gen, manifest)
        _write_stamp(gen, sc, manifest)
        _write_atomic(index_dir / CURRENT, (gen.name + "\n").encode("utf-8"))
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)
        raise
    # The new generation is live; old ones are garbage.
    for other in index_dir.glob("gen-*"):
        if other != gen and other.is_dir():
            shutil.rmtree(other, ignore_errors=True)
    report = _count(manifest, IndexReport(rebuilt=True, reason=reason))
    report.added = report.total
    report.problems = problems
    return report


def _incremental(sc: Scan, index_dir: Path, gen: Path, manifest: dict, *, strict: bool) -> IndexReport:
    from . import _whoosh  # noqa: F401  (first: imports Whoosh lightly)
    from whoosh import index as windex

    from build_tools.vocabulary import default_vocabulary

    from .schema import document

    vocab = default_vocabulary()
    files: dict[str, list] = manifest["files"]
    old_dups = set(manifest.get("duplicates", []))
    to_read: list[str] = []
    touched: dict[str, list] = {}  # same content, new stat
    for rel, (size, mtime) in sc.stats.items():
        entry = files.get(rel)
        dup_changed = (rel in sc.duplicates) != (rel in old_dups)
        if entry is None or dup_changed:
            to_read.append(rel)
        elif entry[0] != size or entry[1] != mtime:
            if file_sha(sc.paths[rel]) == entry[2]:
                touched[rel] = [size, mtime, *entry[2:]]
            else:
                to_read.append(rel)
    removed = [rel for rel in files if rel not in sc.stats]
    results = [read_file(sc, rel, vocab) for rel in sorted(to_read)]
    if strict:
        problems = _collect_problems(sc, manifest, results)
        if problems:
            raise InvalidContentError(problems)

    report = IndexReport()
    writes = [r for r in results if r.state == INDEXED or files.get(r.rel, [None] * 4)[3] == INDEXED]
    deletes = [rel for rel in removed if files[rel][3] == INDEXED]
    if writes or deletes:
        try:
            ix = windex.open_dir(str(gen))
        except Exception as exc:  # any Whoosh failure to open means a damaged index
            raise CorruptIndex("De zoekindex was beschadigd") from exc
        writer = _writer(ix, timeout=5.0, compound=False)
        try:
            for rel in deletes:
                writer.delete_by_term("path", rel)
                report.removed += 1
            for r in writes:
                was_indexed = files.get(r.rel, [None] * 4)[3] == INDEXED
                if r.state == INDEXED:
                    writer.update_document(**document(r.practice, r.rel))
                    if was_indexed:
                        report.changed += 1
                    else:
                        report.added += 1
                else:  # became a draft or invalid
                    writer.delete_by_term("path", r.rel)
                    report.removed += 1
        except BaseException:
            writer.cancel()
            raise
        # never optimize an incremental commit (rewrites everything); merge small segments
        writer.commit(mergetype=merge_small_segments)
        ix.close()
    for rel in removed:
        del files[rel]
    files.update(touched)
    for r in results:
        files[r.rel] = r.entry()
    manifest["duplicates"] = sorted(sc.duplicates)
    if to_read or removed or touched or old_dups != set(sc.duplicates):
        _write_manifest(gen, manifest)
    _write_stamp(gen, sc, manifest)
    report = _count(manifest, report)
    report.problems = _collect_problems(sc, manifest, results)
    return report


def open_index(index_dir: Path):
    """The Whoosh index of the active generation; raises CorruptIndex when it cannot be opened."""
    from . import _whoosh  # noqa: F401  (first: imports Whoosh lightly)
    from whoosh import index as windex

    gen = current_generation(index_dir)
    if gen is None or not gen.is_dir():
        raise CorruptIndex("De zoekindex ontbrak")
    try:
        return windex.open_dir(str(gen))
    except Exception as exc:  # EmptyIndexError, unpickling errors, damaged TOC, ...
        raise CorruptIndex("De zoekindex was beschadigd") from exc


def pin_files(searcher) -> None:
    """Open every file a reader of this index may need now, not on first use.

    Segments are written as separate files (not one compound file, which Whoosh copies into
    memory on every open), and Whoosh opens the column files (stored fields, field lengths)
    lazily. A full rebuild deletes the old generation folder; a reader that opened it before
    must keep working, so its files are opened up front (open files outlive their deletion)."""
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, _lenfield
    except ImportError:  # pragma: no cover - another Whoosh
        return
    for reader, _offset in searcher.reader().leaf_readers():
        perdoc = getattr(reader, "_perdoc", None)
        if perdoc is None or not hasattr(perdoc, "_cached_reader"):
            continue
        perdoc._cached_reader("_stored", STORED_COLUMN)
        for name, fieldobj in reader.schema.items():
            if fieldobj.scorable:
                perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)


def force_rebuild(folder: Path, index_dir: Path, reason: str, *, strict: bool = False) -> IndexReport:
    with index_lock(index_dir):
        report = _full_rebuild(scan(folder), Path(index_dir), strict=strict, reason=reason)
    return report
