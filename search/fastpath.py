"""Everything that touches Whoosh's internals, in one place, for one exact Whoosh version.

The search is fast enough because of a few shortcuts through Whoosh-Reloaded 2.7.5's
internals (see BENCHMARKS.md, "Zoeken"):

* a light import: while Whoosh is imported, stand-ins for modules it does not need here are
  put in ``sys.modules`` (``urllib.request`` for a download helper, which pulls in
  http.client, email and ssl; the ``cached_property`` package, which imports asyncio; English
  morphology tables for a query type we do not use; ``tempfile``, ``random`` and ``calendar``,
  used only when writing or for date fields): about 55 ms of a cold search. The stand-ins
  import the real modules when used and are removed from ``sys.modules`` right after the import;
* posting lists read block by block (the ``W3`` codec's id and weight arrays) instead of one
  matcher call per posting;
* the quantized field lengths read as one byte string per segment (the length column);
* the writer's postings kept as a list per term and written term by term (:class:`_TermPool`),
  its segment flush serving the field lengths from memory (Whoosh reads one from disk for every
  posting it writes); term lists counted and encoded without a Token object and a generator
  step per term, the value of a word that occurs once encoded once per position, and postings
  buffered without Whoosh's per-posting type assertions (:func:`patch_writing`);
* the column files opened up front, so that a reader keeps working after a full rebuild
  deleted its generation folder.

:data:`ENABLED` is decided once, at import: it is true only for the exact Whoosh version
this was written for and when ``KENNISBANK_WHOOSH_FALLBACK`` is not set. Otherwise every
function below uses Whoosh's public API (its matchers, ``doc_field_length``, its own
writer), which gives the same results, slower; the test suite runs the search tests in both
modes (``tests/test_search_fallback.py``).
"""

from __future__ import annotations

import functools
import os
import sys
import types
from itertools import accumulate

#: The Whoosh version whose internals this module reads.
WHOOSH_VERSION = (2, 7, 5)
#: Set (to anything but "" or "0") to use Whoosh's public API only.
FALLBACK_ENV = "KENNISBANK_WHOOSH_FALLBACK"


def _lazy_urlretrieve(*args, **kwargs):  # pragma: no cover - Whoosh never calls it in this project
    import importlib

    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


def _lazy_variations(word):  # pragma: no cover - only Whoosh's Variations query uses it
    import importlib

    return importlib.import_module("whoosh.lang.morph_en").variations(word)


class _LazyModule(types.ModuleType):
    """Stands in for a module Whoosh imports but uses only in functions we never or rarely call;
    the real module is imported on first use."""

    def __getattr__(self, attr):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


#: Imported by Whoosh at import time, used only when writing (temporary names and files) or for
#: date fields: tempfile (with shutil), random, calendar.
_LAZY = ("tempfile", "random", "calendar")


def _import_lightly() -> None:
    if "whoosh.query" in sys.modules:
        return
    stubs: dict[str, types.ModuleType] = {name: _LazyModule(name) for name in _LAZY if name not in sys.modules}
    if "whoosh.lang.morph_en" not in sys.modules:
        stub = types.ModuleType("whoosh.lang.morph_en")
        stub.variations = _lazy_variations
        stubs["whoosh.lang.morph_en"] = stub
    if "urllib.request" not in sys.modules:
        stub = types.ModuleType("urllib.request")
        stub.urlretrieve = _lazy_urlretrieve
        stubs["urllib.request"] = stub
    if "cached_property" not in sys.modules:
        stub = types.ModuleType("cached_property")
        stub.cached_property = functools.cached_property
        stubs["cached_property"] = stub
    sys.modules.update(stubs)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


def _decide() -> bool:
    if os.environ.get(FALLBACK_ENV, "") not in ("", "0"):
        return False
    import whoosh  # the package's __init__ only holds the version

    return tuple(whoosh.__version__[:3]) == WHOOSH_VERSION


#: True: the shortcuts below are used; False: Whoosh's public API only.
ENABLED = _decide()
if ENABLED:
    _import_lightly()

from whoosh.util.numeric import byte_to_length  # noqa: E402  (after the light import)

#: Whoosh's quantized field length per length byte (a public function, tabulated once).
B2L: list[int] = [byte_to_length(i) for i in range(256)]


# --- reading postings ---------------------------------------------------------------------

def _raw_matcher(reader, fieldname: str, btext: bytes):
    """The segment's own posting reader for a term (no deleted-documents filter), or None."""
    from whoosh.reading import TermNotFound

    terms = getattr(reader, "_terms", None) if ENABLED else None
    if terms is None:
        try:
            return reader.postings(fieldname, btext) if (fieldname, btext) in reader else None
        except TermNotFound:  # pragma: no cover
            return None
    try:
        return terms.matcher(fieldname, btext, reader.schema[fieldname].format)
    except (KeyError, TermNotFound):
        return None


def term_blocks(reader, fieldname: str, btext: bytes, weights: bool = True):
    """(ids, weights) per posting block of one term in one segment (deleted documents included
    with the fast path, left out by Whoosh's public matcher); ``weights=False``: (ids, None)."""
    m = _raw_matcher(reader, fieldname, btext)
    if m is None:
        return
    if ENABLED:
        while m.is_active():
            if m._data is None:
                m._read_data()
            # W3LeafMatcher._read_ids decodes the id deltas with a Python generator;
            # itertools.accumulate does the same in C
            ids = m._data[0]
            if not m._byteids:
                ids = tuple(accumulate(ids))
            if weights:
                m._read_weights()
                yield ids, m._weights
            else:
                yield ids, None
            m._next_block()
        return
    ids, found = [], []
    while m.is_active():
        ids.append(m.id())
        found.append(m.weight())
        m.next()
    yield ids, (found if weights else None)


def term_postings(reader, fieldname: str, btext: bytes) -> dict[int, tuple[float, bytes]]:
    """docnum -> (weight, encoded value) of one term in one segment."""
    out: dict[int, tuple[float, bytes]] = {}
    m = _raw_matcher(reader, fieldname, btext)
    if m is None:
        return out
    if ENABLED:
        while m.is_active():
            m._read_ids()
            m._read_weights()
            m._read_values()
            out.update(zip(m._ids, zip(m._weights, m._values)))
            m._next_block()
        return out
    while m.is_active():
        out[m.id()] = (m.weight(), m.value())
        m.next()
    return out


def deleted_docs(reader) -> frozenset[int]:
    if not reader.has_deletions():
        return frozenset()
    if ENABLED:
        return frozenset(reader.deleted_docs_set)  # read once and cached by SegmentReader
    return frozenset(d for d in range(reader.doc_count_all()) if reader.is_deleted(d))


# --- field lengths ---------------------------------------------------------------------------

def _length_column(perdoc, fieldname: str) -> bytes | None:
    """The length byte of every document of a segment, or None (no such column)."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if col is None or col._fixedlen != 1:
        return None
    return bytes(col._dbfile.get(col._basepos, col._count))


def length_bytes(reader, fieldname: str) -> bytes:
    """Whoosh's quantized length byte of ``fieldname`` for every document of a segment."""
    from whoosh.util.numeric import length_to_byte

    count = reader.doc_count_all()
    data = _length_column(reader._perdoc, fieldname) if ENABLED else None
    if data is None:
        data = bytes(length_to_byte(reader.doc_field_length(d, fieldname, 0) or 0) for d in range(count))
    return data + bytes(count - len(data)) if len(data) < count else data


class _Lengths:
    """The field lengths of a segment being written, read once per field into memory.

    Whoosh looks up a document's field length for every posting it writes (for the block
    statistics), one file read each; this serves the same quantized values from memory."""

    def __init__(self, perdoc):
        self.perdoc = perdoc
        self._fields: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default=0):
        if fieldname not in self._fields:
            self._fields[fieldname] = _length_column(self.perdoc, fieldname)
        data = self._fields[fieldname]
        if data is None:
            return default
        if docnum >= len(data):  # pragma: no cover - a column shorter than the segment
            return self.perdoc.doc_field_length(docnum, fieldname, default)
        lbyte = data[docnum]
        return B2L[lbyte] if lbyte else None  # None: what W3PerDocReader returns for a zero byte

    def lookup(self, fieldname: str):
        """``docnum -> doc_field_length(docnum, fieldname, 0)`` for one field, as fast as possible."""
        self.doc_field_length(0, fieldname)  # reads the column once
        data = self._fields[fieldname]
        if data is None:
            return lambda docnum: 0
        values = [B2L[b] if b else None for b in data]
        size = len(values)
        return lambda docnum: values[docnum] if docnum < size else self.doc_field_length(docnum, fieldname)


def _write_term_postings(fieldwriter, schema, lengths: _Lengths | None, pool: _TermPool) -> None:
    """``FieldWriter.add_postings`` for a :class:`_TermPool`: the same calls to the field writer
    in the same order, but a term's postings go straight to the postings writer (no sorted
    stream of tuples to take apart and check one by one)."""
    from whoosh.system import emptybytes

    field, length_of = None, None
    for (fieldname, btext), postings in pool.terms_in_order():
        if fieldname != field:
            if field is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            field = fieldname
            length_of = lengths.lookup(fieldname) if lengths else (lambda docnum: 0)
        fieldwriter.start_term(btext)
        add = fieldwriter._postwriter.add_posting  # what W3FieldWriter.add calls
        for docnum, weight, vbytes in postings:
            add(docnum, weight, emptybytes if vbytes is None else vbytes, length_of(docnum))
        fieldwriter.finish_term()
    if field is not None:
        fieldwriter.finish_field()


class _TermPool:
    """A segment writer's posting pool kept as one posting list per term.

    Whoosh's ``PostingPool`` keeps one (field, term, doc, weight, value) tuple per posting and
    sorts them all before the segment is written (2.5 million tuples for 10,000 practices); here
    the postings of a term are appended in document order, so only the terms are sorted. The
    postings come out exactly as Whoosh's sorted pool gives them. Past Whoosh's memory limit
    (the same size estimate) everything moves to Whoosh's own pool, which spills to disk."""

    def __init__(self, pool):
        self._whoosh = pool
        self.limit = pool.limit
        self.fieldnames = pool.fieldnames
        self.currentsize = 0
        self._terms: dict = {}
        self._unsorted: set = set()  # terms whose postings did not arrive in document order
        self._spilled = False

    def add(self, item):
        # item: (fieldname, term bytes, docnum, weight, value bytes)
        if self._spilled:
            return self._whoosh.add(item)
        if item[2] < 0:  # Whoosh's marker for spelling-only words: never written as a posting
            return None
        vbytes = item[4]
        # Whoosh's size estimate (tuple 28 + 4 * 5, field name about 31, term 26 + 2n, docnum 18,
        # weight 16, value 21 + n), so that the limit means what it means for Whoosh's pool
        self.currentsize += 160 + 2 * len(item[1]) + (len(vbytes) if vbytes else 0)
        key = item[:2]
        postings = self._terms.get(key)
        if postings is None:
            self._terms[key] = [item[2:]]
        else:
            if postings[-1][0] >= item[2]:
                self._unsorted.add(key)
            postings.append(item[2:])
        if self.currentsize > self.limit:
            self._spill()
        return None

    def _spill(self):
        self._spilled = True
        self.fieldnames.update(fieldname for fieldname, _btext in self._terms)
        add = self._whoosh.add
        for (fieldname, btext), postings in self._terms.items():
            for docnum, weight, vbytes in postings:
                add((fieldname, btext, docnum, weight, vbytes))
        self._terms = {}

    def iter_postings(self):
        return self._whoosh.iter_postings() if self._spilled else self._in_order()

    @property
    def spilled(self) -> bool:
        return self._spilled

    def terms_in_order(self):
        """((fieldname, term bytes), postings in document order) of every term, in term order."""
        terms = self._terms
        self.fieldnames.update(fieldname for fieldname, _btext in terms)
        for key in sorted(terms):
            postings = terms[key]
            if key in self._unsorted:
                postings.sort()
            yield key, postings

    def _in_order(self):
        for (fieldname, btext), postings in self.terms_in_order():
            for docnum, weight, vbytes in postings:
                yield fieldname, btext, docnum, weight, vbytes

    def cleanup(self):
        self._terms = {}
        self._whoosh.cleanup()


def writer(ix, **kwargs):
    """``ix.writer(**kwargs)``; with the fast path, its postings are kept per term
    (:class:`_TermPool`), its final flush serves field lengths from memory, and term lists are
    counted without Token objects (``patch_writing``)."""
    w = ix.writer(**kwargs)
    if not ENABLED:
        return w
    patch_writing()
    w.pool = _TermPool(w.pool)

    def flush_segment():
        w.perdocwriter.close()
        pdr = w.per_document_reader() if w.codec.length_stats else None
        lengths = _Lengths(pdr) if pdr else None
        if isinstance(w.pool, _TermPool) and not w.pool.spilled:
            _write_term_postings(w.fieldwriter, w.schema, lengths, w.pool)
        else:
            w.fieldwriter.add_postings(w.schema, lengths, w.pool.iter_postings())
        w.fieldwriter.close()
        if pdr:
            pdr.close()
        # the closure refers to the writer: drop it, or the writer (and its pool of every
        # posting of the segment) lives on until the cyclic garbage collector runs
        del w._flush_segment

    w._flush_segment = flush_segment
    return w


# --- indexing pre-analysed term lists --------------------------------------------------------
#
# The index is fed lists of terms (search.schema.document); for a list Whoosh's formats make a
# Token object per term and pass it through two generators before counting. These do the same
# counting directly: the same (term, frequency, weight, encoded value) in the same order
# (tests/test_search_engine.py compares them with Whoosh's own).

def _positions_word_values(self, value, analyzer, **kwargs):
    if not isinstance(value, (list, tuple)):
        return WHOOSH_ORIGINALS["Positions.word_values"](self, value, analyzer, **kwargs)
    return _list_positions(self, value)


def _list_positions(self, value):
    poses: dict = {}
    for pos, word in enumerate(value):
        found = poses.get(word)
        if found is None:
            poses[word] = [pos]
        else:
            found.append(pos)
    fb, encode = self.field_boost, self.encode
    if type(self).encode is not _positions_encode():
        return [(word, len(poslist), float(len(poslist)) * fb, encode(poslist)) for word, poslist in poses.items()]
    # Positions.encode inlined; most words occur once, and their value depends on the position only
    single, once = _SINGLE_POSITION, 1.0 * fb
    out = []
    for word, poslist in poses.items():
        if len(poslist) == 1:
            pos = poslist[0]
            value = single.get(pos)
            if value is None:
                value = encode(poslist)
                if pos < 65_536:
                    single[pos] = value
            out.append((word, 1, once, value))
        else:
            out.append((word, len(poslist), float(len(poslist)) * fb, encode(poslist)))
    return out


#: Positions.encode([pos]) by position (the encoded value of a word that occurs once)
_SINGLE_POSITION: dict[int, bytes] = {}


@functools.cache
def _positions_encode():
    from whoosh.formats import Positions

    return Positions.encode


def _frequency_word_values(self, value, analyzer, **kwargs):
    if not isinstance(value, (list, tuple)):
        return WHOOSH_ORIGINALS["Frequency.word_values"](self, value, analyzer, **kwargs)
    from collections import Counter

    from whoosh.system import pack_uint

    fb = self.field_boost
    return [(word, freq, float(freq) * fb, pack_uint(freq)) for word, freq in Counter(value).items()]


def _add_posting(self, id_, weight, vbytes, length=None):
    """``W3PostingsWriter.add_posting`` without its type assertions (one isinstance call per
    argument and posting; the postings are our own documents'): the same buffering."""
    if len(self._ids) >= self._blocklimit:
        self._write_block()
    self._ids.append(id_)
    self._weights.append(weight)
    if weight > self._maxweight:
        self._maxweight = weight
    if vbytes:
        self._values.append(vbytes)
    if length:
        minlength = self._minlength
        if minlength is None or length < minlength:
            self._minlength = length
        if length > self._maxlength:
            self._maxlength = length


def _field_index(self, value, **kwargs):
    """``FieldType.index`` for a term list: the same (term bytes, frequency, weight, value)
    tuples, as a list instead of a generator with a function call per term to encode it."""
    if kwargs or not isinstance(value, (list, tuple)) or not self.format:
        return WHOOSH_ORIGINALS["FieldType.index"](self, value, **kwargs)
    return [(word.encode("utf-8"), freq, weight, vbytes)
            for word, freq, weight, vbytes in self.format.word_values(value, self.analyzer, mode="index")]


def _writing_patches():
    """(owner, attribute, replacement) of every writing shortcut."""
    from whoosh import fields, formats
    from whoosh.codec import whoosh3

    return [(formats.Positions, "word_values", _positions_word_values),
            (formats.Frequency, "word_values", _frequency_word_values),
            (whoosh3.W3PostingsWriter, "add_posting", _add_posting),
            (fields.FieldType, "index", _field_index)]


#: Whoosh's own methods that patch_writing replaced, by "Class.attribute" (the replacements
#: fall back to them for values other than term lists; the tests write with them).
WHOOSH_ORIGINALS: dict = {}


def patch_writing() -> None:
    """Install the shortcuts for writing (once; only with the fast path)."""
    if WHOOSH_ORIGINALS:
        return
    for owner, name, replacement in _writing_patches():
        WHOOSH_ORIGINALS[f"{owner.__name__}.{name}"] = getattr(owner, name)
        setattr(owner, name, replacement)


def whoosh_word_values(fmt, value):
    """What Whoosh's own ``word_values`` of a Positions or Frequency format gives for a term list."""
    original = WHOOSH_ORIGINALS.get(f"{type(fmt).__name__}.word_values") or type(fmt).word_values
    return list(original(fmt, value, None, mode="index"))


# --- keeping a reader's files open -----------------------------------------------------------

def pin_files(searcher) -> None:
    """Open every file a reader of this index may need now, not on first use.

    Segments are written as separate files (not one compound file, which Whoosh copies into
    memory on every open), and Whoosh opens the column files (stored fields, field lengths)
    lazily. A full rebuild deletes the old generation folder; a reader that opened it before
    must keep working, so its files are opened up front (open files outlive their deletion)."""
    for reader, _offset in searcher.reader().leaf_readers():
        scorable = [name for name, fieldobj in reader.schema.items() if fieldobj.scorable]
        if ENABLED:
            from whoosh.codec.whoosh3 import LENGTHS_COLUMN, STORED_COLUMN, _lenfield

            reader._perdoc._cached_reader("_stored", STORED_COLUMN)
            for name in scorable:
                reader._perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)
        elif reader.doc_count_all():  # the public API opens the same columns on first use
            reader.stored_fields(0)
            for name in scorable:
                reader.doc_field_length(0, name)


# --- queries and highlighting ---------------------------------------------------------------

def merge_matched_tokens(highlighter, tokens):
    """What ``Highlighter.highlight_hit`` does with matched tokens before fragmenting them
    (a private step of Whoosh's highlighter; without the fast path, ``search.query`` calls the
    public ``highlight_hit``, which re-tokenizes with the analyzer chain)."""
    return highlighter._merge_matched_tokens(tokens)


from whoosh import matching  # noqa: E402
from whoosh.query import Prefix  # noqa: E402


class FastPrefix(Prefix):
    """A prefix query with a constant score whose matcher is one pre-computed list of docnums.

    Whoosh's ``Prefix`` expands ``werk*`` into an ``Or`` of every matching term and merges
    them with a tree of union matchers, which takes seconds on a large segment. Here the
    postings of the expanded terms are read once, unioned into a sorted list and served by
    a ``ListMatcher`` with a constant weight (the query boost).
    """

    def matcher(self, searcher, context=None):
        reader = searcher.reader()
        fieldname = self.fieldname
        if fieldname not in reader.schema:
            return matching.NullMatcher()
        docs: set[int] = set()
        for btext in self._btexts(reader):
            docs.update(reader.postings(fieldname, btext).all_ids())
        if not docs:
            return matching.NullMatcher()
        return matching.ListMatcher(sorted(docs), all_weights=self.boost)
