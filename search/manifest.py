"""What an index folder holds besides Whoosh's files: generations, the manifest, the stamp.

Layout of an index folder::

    INDEX_DIR/
      CURRENT          name of the active generation, replaced atomically (os.replace)
      .lock, .lock.pid the writers' lock and its holder (search.lock)
      gen-<time>-<pid>/  one Whoosh index + manifest.json + fresh.json + labels.json +
                         facets.bin + a marker file

Only folders this tool created are ever deleted: a generation is recognised by its name
*and* the marker file written into it at creation, so a user's ``gen-archief`` (or anything
else in the folder) is left alone.

``manifest.json`` records the schema version, a hash of the vocabularies, the practices
folder, the clock when the files were scanned, per file a :class:`FileEntry` (stat stamp,
SHA-1 of the content, state, the problems of an invalid file), the files left out for a
slug problem, and the size and SHA-1 of every Whoosh file (``kennisbank index`` checks them).
``fresh.json`` (the stamp) is a shortcut for the freshness check: a digest of the folder's
stamps as last seen, the manifest it belongs to and the report's counts.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from build_tools.settings import VOCABULARY_DIR
from build_tools.writers import write_atomic

CURRENT = "CURRENT"
MANIFEST = "manifest.json"
STAMP = "fresh.json"
#: theme id -> label of the vocabulary the generation was built with (for showing results)
LABELS = "labels.json"
#: per facet value the documents that have it, as of one Whoosh commit (see write_facets)
FACETS = "facets.bin"
#: written into every generation folder this tool creates
MARKER = ".kennisbank-index"
_GENERATION = re.compile(r"gen-[0-9a-f]+-[0-9]+")
#: Files whose stamp is this close to the scan that read them could have changed again in the
#: same clock tick without a new stamp; their content is compared instead (as git does).
RACY_NS = 2_000_000_000

INDEXED, DRAFT, INVALID = "indexed", "draft", "invalid"


class CorruptIndex(Exception):
    """Internal: the index or its manifest cannot be used; the message is Dutch."""


def schema_version() -> int:
    # Kept in a tiny module so the freshness check does not import Whoosh.
    from .version import SCHEMA_VERSION

    return SCHEMA_VERSION


def vocabulary_hash() -> str:
    digest = hashlib.sha1()
    for name in ("regions.yml", "themes.yml", "kinds.yml"):
        try:
            digest.update((VOCABULARY_DIR / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


def folder_key(folder: Path) -> str:
    return str(Path(folder).resolve())


def _dumps(data) -> bytes:
    # ASCII: a name that is not UTF-8 can never make writing fail
    return json.dumps(data, separators=(",", ":")).encode("ascii")


# --- generations -----------------------------------------------------------------------------

def current_generation(index_dir: Path) -> Path | None:
    """The active generation folder, or None when there is no (readable) pointer."""
    try:
        name = (Path(index_dir) / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not _GENERATION.fullmatch(name):
        return None
    return Path(index_dir) / name


def new_generation(index_dir: Path) -> Path:
    gen = Path(index_dir) / f"gen-{time.time_ns():x}-{os.getpid()}"
    gen.mkdir(parents=True)
    (gen / MARKER).write_bytes(b"kennisbank\n")
    return gen


def is_own_generation(path: Path) -> bool:
    """A generation folder this tool made (name pattern and marker), nothing else."""
    return (_GENERATION.fullmatch(path.name) is not None and path.is_dir() and not path.is_symlink()
            and (path / MARKER).is_file())


def write_labels(gen: Path, vocab) -> None:
    write_atomic(gen / LABELS, _dumps({theme.id: theme.label for theme in vocab.themes}))


def read_labels(gen: Path | None) -> dict[str, str]:
    """The theme labels stored with a generation ({} when missing or damaged)."""
    try:
        data = json.loads((gen / LABELS).read_bytes())
    except (OSError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}


def write_facets(gen: Path, generation: int, masks: dict[tuple[str, str], int]) -> None:
    """The documents of every facet value ((field, value) -> bit mask, bit d set for document d)
    after the Whoosh commit ``generation``: a JSON header line, then the masks, little-endian,
    all of one length. A search reads them instead of decoding every facet value's postings
    again, and counts a facet value's hits with one ``&`` and ``bit_count``."""
    size = (max((mask.bit_length() for mask in masks.values()), default=0) + 7) // 8
    header = {"generation": generation, "bytes": size, "values": [[fld, value] for fld, value in masks]}
    data = b"".join(mask.to_bytes(size, "little") for mask in masks.values())
    write_atomic(gen / FACETS, json.dumps(header, ensure_ascii=True).encode("ascii") + b"\n" + data)


def read_facets(gen: Path, generation: int) -> dict[tuple[str, str], int] | None:
    """What :func:`write_facets` wrote, when it belongs to the Whoosh commit ``generation``
    (a reader opened before or after another commit has other document numbers), else None."""
    try:
        raw = (gen / FACETS).read_bytes()
        end = raw.index(b"\n")
        header = json.loads(raw[:end])
        if header["generation"] != generation:
            return None
        size, pos, out = int(header["bytes"]), end + 1, {}
        for fld, value in header["values"]:
            out[(str(fld), str(value))] = int.from_bytes(raw[pos:pos + size], "little")
            pos += size
        return out if pos == len(raw) else None
    except (OSError, ValueError, TypeError, KeyError):
        return None


def activate(index_dir: Path, gen: Path) -> None:
    write_atomic(Path(index_dir) / CURRENT, (gen.name + "\n").encode("utf-8"))


# --- the manifest ----------------------------------------------------------------------------

class FileEntry(NamedTuple):
    """One practice file in the manifest (a JSON list of these fields, in this order)."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    sha1: str
    state: str
    #: (line, field, message) of each problem of an invalid file
    problems: tuple[tuple[int, str, str], ...] = ()

    @property
    def stamp(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)

    @classmethod
    def of(cls, source) -> FileEntry:
        """The entry of a :class:`build_tools.load.Source`."""
        f = source.file
        return cls(f.size, f.mtime_ns, f.ctime_ns, f.inode, source.sha1, source.state,
                   tuple((p.line, p.field, p.message) for p in source.problems))

    @classmethod
    def from_row(cls, row) -> FileEntry:
        if not (isinstance(row, list) and len(row) == len(cls._fields)):
            raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)")
        size, mtime, ctime, inode, sha, state, problems = row
        if not (all(isinstance(n, int) for n in (size, mtime, ctime, inode)) and isinstance(sha, str)
                and state in (INDEXED, DRAFT, INVALID) and isinstance(problems, list)):
            raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)")
        try:
            problems = tuple((int(line), str(fld), str(msg)) for line, fld, msg in problems)
        except (TypeError, ValueError) as exc:
            raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)") from exc
        return cls(size, mtime, ctime, inode, sha, state, problems)


def _tally(files: dict[str, FileEntry], blocked) -> tuple[int, int, int]:
    """(published, drafts, left out as invalid or for a slug problem) of one folder's entries."""
    blocked = set(blocked)
    total = drafts = skipped = 0
    for rel, entry in files.items():
        if rel in blocked or entry.state == INVALID:
            skipped += 1
        elif entry.state == DRAFT:
            drafts += 1
        else:
            total += 1
    return total, drafts, skipped


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


#: "meetings=KEEP": leave the meetings in the index as they are (a caller that knows only the
#: practices: the site build, similar practices); ``None``: no meetings; else a meetings folder.
KEEP = _Keep()


@dataclass
class Manifest:
    folder: str
    schema: int = field(default_factory=schema_version)
    vocabulary: str = field(default_factory=vocabulary_hash)
    #: the clock when the files recorded here were scanned (see RACY_NS)
    scanned_ns: int = 0
    files: dict[str, FileEntry] = field(default_factory=dict)
    #: files left out of the index for a slug problem (used twice, reserved)
    blocked: list[str] = field(default_factory=list)
    #: Whoosh file name -> [size, sha1] after the last commit
    index_files: dict[str, list] = field(default_factory=dict)
    #: the meetings folder (resolved), "" when no meetings are indexed; its files and the files
    #: left out for a slug problem, as for the practices
    meetings_folder: str = ""
    meetings: dict[str, FileEntry] = field(default_factory=dict)
    meetings_blocked: list[str] = field(default_factory=list)
    #: digest of the practice slugs the meetings' ``practices`` were checked against
    refs: str = ""

    def indexed(self, rel: str) -> bool:
        entry = self.files.get(rel)
        return entry is not None and entry.state == INDEXED and rel not in self.blocked

    def counts(self) -> tuple[int, int, int, int]:
        """(published practices in the index, drafts, files left out as invalid, published meetings)."""
        total, drafts, skipped = _tally(self.files, self.blocked)
        meetings, meeting_drafts, meeting_skipped = _tally(self.meetings, self.meetings_blocked)
        return total, drafts + meeting_drafts, skipped + meeting_skipped, meetings

    def write(self, gen: Path) -> None:
        data = {"schema": self.schema, "vocabulary": self.vocabulary, "folder": self.folder,
                "scanned_ns": self.scanned_ns, "files": {rel: list(e) for rel, e in self.files.items()},
                "blocked": self.blocked, "index_files": self.index_files,
                "meetings_folder": self.meetings_folder,
                "meetings": {rel: list(e) for rel, e in self.meetings.items()},
                "meetings_blocked": self.meetings_blocked, "refs": self.refs}
        write_atomic(gen / MANIFEST, _dumps(data))

    @classmethod
    def read(cls, gen: Path) -> Manifest:
        try:
            data = json.loads((gen / MANIFEST).read_bytes())
        except FileNotFoundError as exc:
            raise CorruptIndex("De zoekindex was onvolledig (geen manifest)") from exc
        except (OSError, ValueError) as exc:
            raise CorruptIndex("De zoekindex was beschadigd (manifest onleesbaar)") from exc
        try:
            if isinstance(data, dict) and isinstance(data.get("schema"), int) and data["schema"] != schema_version():
                # another version's manifest: its layout may differ; the version says it all
                return cls(folder="", schema=data["schema"], vocabulary="")
            if not isinstance(data["files"], dict) or not isinstance(data["schema"], int):
                raise TypeError
            return cls(folder=str(data["folder"]), schema=data["schema"], vocabulary=str(data["vocabulary"]),
                       scanned_ns=int(data["scanned_ns"]),
                       files={str(rel): FileEntry.from_row(row) for rel, row in data["files"].items()},
                       blocked=[str(rel) for rel in data["blocked"]], index_files=dict(data["index_files"]),
                       meetings_folder=str(data["meetings_folder"]),
                       meetings={str(rel): FileEntry.from_row(row) for rel, row in data["meetings"].items()},
                       meetings_blocked=[str(rel) for rel in data["meetings_blocked"]], refs=str(data["refs"]))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise CorruptIndex("De zoekindex was beschadigd (manifest onvolledig)") from exc


def whoosh_files(gen: Path) -> dict[str, list]:
    """name -> [size, sha1] of the Whoosh files of a generation (not ours, not locks)."""
    out = {}
    for path in sorted(gen.iterdir()):
        name = path.name
        if name in (MANIFEST, STAMP, MARKER, LABELS, FACETS) or name.startswith(".") or name.endswith("LOCK") or not path.is_file():
            continue
        out[name] = [path.stat().st_size, hashlib.sha1(path.read_bytes()).hexdigest()]
    return out


def check_whoosh_files(gen: Path, manifest: Manifest) -> None:
    """Raise CorruptIndex when a Whoosh file is missing, truncated or changed since the commit."""
    try:
        found = whoosh_files(gen)
    except OSError as exc:
        raise CorruptIndex("De zoekindex was beschadigd (onleesbaar bestand)") from exc
    if found != manifest.index_files:
        raise CorruptIndex("De zoekindex was beschadigd (bestanden gewijzigd of afgekapt)")


# --- the freshness stamp ---------------------------------------------------------------------
#
# Reading the manifest (one entry per file) is most of a freshness check after the stat calls.
# Next to it, each generation has a small stamp: a digest of the folder's stamps as last seen
# (in scan order), the size and mtime of the manifest it belongs to, the counts of the report
# and the content hashes of the files changed too recently to trust their stamp. When the
# folder gives the same digest and the manifest is unchanged, the index is fresh without
# reading the manifest. Any mismatch (a replaced manifest, a damaged stamp) just means the
# full check; the stamp is only a shortcut.

def stamps_digest(files) -> str:
    """SHA-1 of every file's name and stamp, column by column (no Python loop per file)."""
    from array import array

    if not files:
        return hashlib.sha1(b"").hexdigest()
    rels, sizes, mtimes, ctimes, inodes = zip(*files)
    digest = hashlib.sha1("\0".join(rels).encode("utf-8", "surrogateescape"))
    for typecode, column in (("q", sizes), ("q", mtimes), ("q", ctimes), ("Q", inodes)):
        digest.update(array(typecode, column).tobytes())
    return digest.hexdigest()


def racy(files, since_ns: int) -> list:
    """The files whose stamp is too recent to trust (see RACY_NS)."""
    limit = since_ns - RACY_NS
    return [f for f in files if f.mtime_ns >= limit or f.ctime_ns >= limit]


def _meetings_stamp(meetings) -> list[str]:
    """[folder key, digest of its stamps, quick digest] of a meetings scan; all "" for no meetings."""
    if meetings is None:
        return ["", "", ""]
    return [folder_key(meetings.folder), stamps_digest(meetings.files), meetings.quick or ""]


def kept_meetings_stamp(gen: Path) -> tuple[list, dict] | None:
    """The meetings part of the stamp of the manifest as it is now (before an update that
    leaves the meetings alone, see KEEP), or None when the stamp does not belong to it."""
    stamp = _load_stamp(gen)
    return None if stamp is None else (stamp["meetings"], stamp["meetings_racy"])


def write_stamp(gen: Path, found, manifest: Manifest, meetings=None, kept=None) -> None:
    """``meetings``: the meetings scan the manifest's meetings part was made from (None: none;
    KEEP: unchanged, ``kept`` is its part of the previous stamp, from :func:`kept_meetings_stamp`).
    The quick digests of the scans (:func:`build_tools.folderdigest.quick_digest`) go in too, for
    :func:`read_quick_stamp`."""
    try:
        if meetings is KEEP:
            # unknown: "?" matches no scan, so the next check reads the manifest
            meetings_part, meetings_racy = kept if kept is not None else (["?", "?", ""], {})
        else:
            meetings_part = _meetings_stamp(meetings)
            meetings_racy = {} if meetings is None else {
                f.rel: manifest.meetings[f.rel].sha1 for f in racy(meetings.files, meetings.started_ns)
                if f.rel in manifest.meetings}
        st = os.stat(gen / MANIFEST)
        stamp = {"schema": manifest.schema, "vocabulary": manifest.vocabulary, "folder": manifest.folder,
                 "digest": stamps_digest(found.files), "quick": found.quick or "",
                 "manifest": [st.st_size, st.st_mtime_ns], "counts": list(manifest.counts()),
                 "racy": {f.rel: manifest.files[f.rel].sha1 for f in racy(found.files, found.started_ns)
                          if f.rel in manifest.files},
                 "meetings": meetings_part, "meetings_racy": meetings_racy}
        write_atomic(gen / STAMP, _dumps(stamp))
    except OSError:  # a read-only index folder: no shortcut, still correct
        pass


def _load_stamp(gen: Path) -> dict | None:
    """The stamp when it belongs to the manifest as it is and to this version, else None."""
    try:
        stamp = json.loads((gen / STAMP).read_bytes())
        st = os.stat(gen / MANIFEST)
        if (stamp["schema"] != schema_version() or stamp["manifest"] != [st.st_size, st.st_mtime_ns]
                or stamp["vocabulary"] != vocabulary_hash()):
            return None
        [int(n) for n in stamp["counts"]]
        if (len(stamp["counts"]) != 4 or not isinstance(stamp["racy"], dict)
                or not isinstance(stamp["meetings_racy"], dict) or not isinstance(stamp["quick"], str)
                or not (isinstance(stamp["meetings"], list) and len(stamp["meetings"]) == 3)
                or not isinstance(stamp["folder"], str)):
            return None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return stamp


def read_stamp(gen: Path, folder: str, found, meetings=KEEP) -> dict | None:
    """The stamp when it matches this folder's scan (and the meetings scan unless ``meetings``
    is KEEP), the manifest and this version, else None."""
    stamp = _load_stamp(gen)
    if stamp is None or stamp["folder"] != folder or stamp["digest"] != stamps_digest(found.files):
        return None
    if meetings is not KEEP and stamp["meetings"][:2] != _meetings_stamp(meetings)[:2]:
        return None
    return stamp


def read_quick_stamp(gen: Path, folder: Path, meetings, digests=None) -> dict | None:
    """The stamp when the quick digests of ``folder`` and of the meetings folder (None: no
    meetings; KEEP: not looked at) are those recorded in it: nothing was added, removed or changed since (but for
    the files changed too recently to trust their stamp, which the caller compares). No scan.
    ``digests``: where the digests come from (a :class:`build_tools.folderdigest.QuickDigests`)."""
    from build_tools.folderdigest import quick_digest

    digest_of = digests or quick_digest
    stamp = _load_stamp(gen)
    if stamp is None or not stamp["quick"] or stamp["folder"] != folder_key(folder):
        return None
    if meetings is KEEP:
        pass
    elif meetings is None:
        if stamp["meetings"] != ["", "", ""]:
            return None
    elif (not stamp["meetings"][2] or stamp["meetings"][0] != folder_key(meetings)
          or stamp["meetings"][2] != digest_of(meetings)):
        return None
    if stamp["quick"] != digest_of(folder):
        return None
    return stamp


def content_sha(path: Path) -> str | None:
    from build_tools.files import UnreadableSource, read_source

    try:
        return hashlib.sha1(read_source(path)).hexdigest()
    except UnreadableSource:
        return None
