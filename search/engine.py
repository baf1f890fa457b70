"""Reading postings in bulk and scoring them with BM25F, without Whoosh's matcher tree.

Whoosh scores a query by walking a tree of matcher objects document by document: for a
query of a few common words over six weighted fields that is a dozen Python method calls
per posting, and ranking "documents matching more of the words first" needs every hit
scored. Here each term's posting list is read block by block (ids and weights arrays as
Whoosh stores them) and scored in one tight loop with the same formula, statistics and
quantized field lengths as :class:`whoosh.scoring.BM25FScorer`, so the scores are Whoosh's
scores (``tests/test_search_engine.py`` compares them). Phrases, which need positions, are
still scored by Whoosh's phrase matcher.

Whoosh's internals are read only through :mod:`search.fastpath`, which falls back to the
public API for any other Whoosh version.
"""

from __future__ import annotations

from .fastpath import B2L, deleted_docs, length_bytes, term_blocks, term_postings


class _Leaf:
    """One segment: its reader, the offset of its document numbers, its length columns."""

    def __init__(self, reader, offset: int):
        self.reader = reader
        self.offset = offset
        self.doccount = reader.doc_count_all()
        self.deleted = deleted_docs(reader)
        self._lengths: dict[str, bytes] = {}

    def lengths(self, fieldname: str) -> bytes:
        """The length byte of every document's ``fieldname`` (Whoosh's quantized lengths)."""
        data = self._lengths.get(fieldname)
        if data is None:
            data = self._lengths[fieldname] = length_bytes(self.reader, fieldname)
        return data


class Engine:
    """Bulk scoring over one open Whoosh searcher (all its segments)."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.leaves = [_Leaf(r, off) for r, off in searcher.reader().leaf_readers()]
        self.doccount = sum(leaf.doccount for leaf in self.leaves)
        self.deleted = frozenset(leaf.offset + d for leaf in self.leaves for d in leaf.deleted)
        weighting = searcher.weighting
        self.K1 = getattr(weighting, "K1", 1.2)
        self.B = getattr(weighting, "B", 0.75)
        self._field_B = getattr(weighting, "_field_B", {})
        self._norms: dict[str, list[float]] = {}
        #: decoded posting blocks per (leaf, field, term), kept when ``cache_postings`` is set
        #: (similar_all asks for the same key terms again and again)
        self.cache_postings = False
        self._blocks: dict[tuple[int, str, bytes], list] = {}
        self._cached = 0

    #: At most this many postings are kept decoded in memory (about 40 MB).
    CACHE_POSTINGS = 1_000_000

    def _term_blocks(self, index: int, leaf, fieldname: str, btext: bytes, weights: bool):
        if not self.cache_postings:
            return term_blocks(leaf.reader, fieldname, btext, weights)
        key = (index, fieldname, btext)
        blocks = self._blocks.get(key)
        if blocks is None:
            blocks = list(term_blocks(leaf.reader, fieldname, btext, True))
            size = sum(len(ids) for ids, _w in blocks)
            if self._cached + size > self.CACHE_POSTINGS:
                self._blocks.clear()
                self._cached = 0
            self._blocks[key] = blocks
            self._cached += size
        return blocks

    def all_docs(self) -> set[int]:
        return set(range(self.doccount)) - self.deleted

    def _norm(self, fieldname: str) -> list[float]:
        """Per length byte: the length part of the BM25 denominator."""
        norm = self._norms.get(fieldname)
        if norm is None:
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            B, K1 = self._field_B.get(fieldname, self.B), self.K1
            norm = self._norms[fieldname] = [K1 * ((1 - B) + B * fl / avgfl) for fl in B2L]
        return norm

    # --- one term, one prefix, one phrase -------------------------------------------------------
    def term(self, fieldname: str, text: str, boost: float, scores: dict | None, docs: set) -> None:
        """Add the documents containing the term to ``docs`` and their scores (× boost) to ``scores``."""
        btext = text.encode("utf-8")
        idf = norm = None
        k1p1 = self.K1 + 1
        for index, leaf in enumerate(self.leaves):
            off = leaf.offset
            for ids, weights in self._term_blocks(index, leaf, fieldname, btext, scores is not None):
                docs.update(ids if not off else [d + off for d in ids])
                if scores is None:
                    continue
                if idf is None:
                    idf = self.searcher.idf(fieldname, text)
                    norm = self._norm(fieldname)
                lens = leaf.lengths(fieldname)
                get = scores.get
                # the formula and operation order of whoosh.scoring.bm25, then the query boost
                for d, w in zip(ids, weights):
                    g = d + off
                    scores[g] = get(g, 0.0) + (idf * ((w * k1p1) / (w + norm[lens[d]]))) * boost

    def prefix_docs(self, fieldname: str, prefix: str) -> set[int]:
        docs: set[int] = set()
        for leaf in self.leaves:
            reader, off = leaf.reader, leaf.offset
            if fieldname not in reader.schema:
                continue
            for btext in reader.expand_prefix(fieldname, prefix):
                for ids, _weights in term_blocks(reader, fieldname, btext, False):
                    docs.update(ids if not off else [d + off for d in ids])
        return docs

    def prefix(self, fieldname: str, prefix: str, boost: float, scores: dict | None, docs: set) -> None:
        """Words starting with ``prefix``: a constant score (the boost) per matching document."""
        found = self.prefix_docs(fieldname, prefix)
        docs.update(found)
        if scores is not None:
            get = scores.get
            for d in found:
                scores[d] = get(d, 0.0) + boost

    def phrase(self, fieldname: str, terms: list[str], boost: float, scores: dict | None, docs: set) -> None:
        """Documents with the terms at consecutive positions (Whoosh's ``Phrase`` with slop 1).

        The score is Whoosh's phrase score: the sum of the terms' BM25F scores, × boost."""
        field = self.searcher.schema[fieldname]
        decode = field.format.decode_positions
        bterms = [t.encode("utf-8") for t in terms]
        k1p1 = self.K1 + 1
        for leaf in self.leaves:
            reader, off = leaf.reader, leaf.offset
            if any((fieldname, b) not in reader for b in bterms):
                continue
            postings = {b: term_postings(reader, fieldname, b) for b in set(bterms)}
            by_size = sorted(postings.values(), key=len)
            candidates = set(by_size[0]).intersection(*by_size[1:])
            if not candidates:
                continue
            lists = [postings[b] for b in bterms]
            found = []
            for d in candidates:
                first = decode(lists[0][d][1])
                rest = [set(decode(p[d][1])) for p in lists[1:]]
                for start in first:
                    if all(start + i in positions for i, positions in enumerate(rest, 1)):
                        found.append(d)
                        break
            docs.update(d + off for d in found)
            if scores is None or not found:
                continue
            lens = leaf.lengths(fieldname)
            norm = self._norm(fieldname)
            idfs = [self.searcher.idf(fieldname, t) for t in terms]
            get = scores.get
            for d in found:
                n = norm[lens[d]]
                total = 0.0
                for idf, p in zip(idfs, lists):
                    w = p[d][0]
                    total += idf * ((w * k1p1) / (w + n))
                g = d + off
                scores[g] = get(g, 0.0) + total * boost

    def year_docs(self, low: int | None, high: int | None) -> set[int]:
        """Documents whose (numeric) ``year`` lies in [low, high] (None: unbounded)."""
        field = self.searcher.schema["year"]
        docs: set[int] = set()
        for leaf in self.leaves:
            reader, off = leaf.reader, leaf.offset
            for btext in field.sortable_terms(reader, "year"):
                value = field.from_bytes(btext)
                if (low is not None and value < low) or (high is not None and value > high):
                    continue
                for ids, _weights in term_blocks(reader, "year", btext, False):
                    docs.update(ids if not off else [d + off for d in ids])
        return docs - self.deleted

    def term_docs(self, fieldname: str, text: str) -> set[int]:
        docs: set[int] = set()
        self.term(fieldname, text, 1.0, None, docs)
        return docs - self.deleted
