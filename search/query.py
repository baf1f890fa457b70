"""Turning what a user types into a Whoosh query, and running it.

Query syntax (deliberately small, so that no input can make it fail):

* plain words: ranked; a document that matches more of the words ranks above one that
  matches fewer, then by BM25F score with field weights (see ``schema.FIELD_WEIGHTS``);
* ``"quoted phrases"`` (an unclosed quote runs to the end of the query);
* ``-word`` / ``-"phrase"``: leave out documents that contain it;
* ``werk*``: words starting with ``werk``.

Everything else (colons, brackets, operators, punctuation) is just text: the analyzer keeps
only word characters. We do not use Whoosh's ``QueryParser`` for this; a tiny tokenizer that
cannot raise is simpler than disabling the parser's plugins one by one.
"""

from __future__ import annotations

import heapq
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import fastpath  # noqa: F401  (first: imports Whoosh lightly)
from whoosh import highlight
from whoosh.query import And, ConstantScoreQuery, NullQuery, NumericRange, Or, Phrase, Prefix, Term

from .analysis import STOP_WORDS, dutch_terms, spelling_terms
from .results import PRACTICE, SearchHit, SearchResult
from .schema import FIELD_WEIGHTS

#: Fields counted per value over all matches (``SearchResult.facets``).
FACET_FIELDS = ("region", "themes", "type")
#: At most this many words of a query are used (a pasted page should not take seconds).
MAX_WORDS = 32
#: A prefix must have at least this many characters (``w*`` would match nearly everything).
MIN_PREFIX = 2
SNIPPET_CHARS = 220

_WS = re.compile(r"\s+")
# a quoted phrase, or a run of characters without spaces and without punctuation that
# separates words ("title:fietsen" and "(werk)" are two words and one word, not syntax)
_TOKEN_RE = re.compile(r'(-?)"([^"]*)(?:"|$)|([^\s:()\[\]{}<>,;!?^~+&|=/\\"]+)')


def analyze(text: str) -> list[str]:
    """Stemmed, folded terms as they are stored in the ranked fields."""
    return dutch_terms(text)


def spell_words(text: str) -> list[str]:
    """Folded, unstemmed words as stored in the ``spelling`` field."""
    return spelling_terms(text)


@dataclass
class Clause:
    """One thing the user typed: a word, a phrase or a prefix; possibly excluded."""

    kind: str  # "word" | "phrase" | "prefix"
    text: str  # as typed (without - and *)
    negative: bool = False
    terms: list[str] = field(default_factory=list)  # analyzed (stemmed) terms, or folded prefix


@dataclass
class ParsedQuery:
    clauses: list[Clause]
    stop_words: list[str]
    notes: list[str]

    @property
    def positive(self) -> list[Clause]:
        return [c for c in self.clauses if not c.negative]

    @property
    def negative(self) -> list[Clause]:
        return [c for c in self.clauses if c.negative]


def parse_query(text: str) -> ParsedQuery:
    """Split user input into clauses. Never raises."""
    text = (text or "").replace("\x00", " ")
    clauses: list[Clause] = []
    stop_words: list[str] = []
    notes: list[str] = []
    count = 0
    for match in _TOKEN_RE.finditer(text):
        if count >= MAX_WORDS:
            notes.append(f"De zoekvraag is ingekort tot de eerste {MAX_WORDS} woorden.")
            break
        count += 1
        neg_quote, phrase, word = match.groups()
        if word is None:  # a quoted phrase
            terms = analyze(phrase)
            if terms:
                clauses.append(Clause("phrase" if len(terms) > 1 else "word", phrase, bool(neg_quote), terms))
            elif phrase.strip():
                stop_words.append(phrase.strip())
            continue
        negative = False
        if word.startswith("-") and len(word) > 1:
            negative, word = True, word[1:]
        if word.endswith("*") and word.strip("*"):
            words = spell_words(word.rstrip("*"))
            if words and len(words[-1]) >= MIN_PREFIX and not word.rstrip("*").endswith(("*", "?")):
                for w in words[:-1]:
                    clauses.append(Clause("word", w, negative, analyze(w)))
                clauses.append(Clause("prefix", words[-1], negative, [words[-1]]))
                continue
            if words:
                notes.append(f"'{word}' is te kort om mee te zoeken; gebruik minstens {MIN_PREFIX} letters voor de *.")
                continue
        terms = analyze(word)
        if not terms:
            if spell_words(word):
                stop_words.append(word)
            continue
        clauses.append(Clause("phrase" if len(terms) > 1 else "word", word, negative, terms))
    # A clause can be empty after analysis (e.g. "-de"); drop those.
    clauses = [c for c in clauses if c.terms]
    return ParsedQuery(clauses, stop_words, notes)


def _prefix(fieldname: str, prefix: str, boost: float):
    """A prefix query with a constant score (the boost) per matching document."""
    if fastpath.ENABLED:
        return fastpath.FastPrefix(fieldname, prefix, boost=boost)
    return ConstantScoreQuery(Prefix(fieldname, prefix), score=boost)


def clause_query(clause: Clause, weights: dict[str, float] = FIELD_WEIGHTS):
    """The Whoosh query of one clause over all weighted fields."""
    if clause.kind == "prefix":
        subs = [_prefix(f, clause.terms[0], w) for f, w in weights.items()]
        # Stems can be shorter than what was typed ("werkplaats*" vs stem "werkplat"):
        # also look in the unstemmed spelling field, at the weight of the body.
        subs.append(_prefix("spelling", clause.terms[0], 1.0))
        return Or(subs)
    if clause.kind == "phrase":
        return Or([Phrase(f, clause.terms, boost=w) for f, w in weights.items()])
    return Or([Term(f, clause.terms[0], boost=w) for f, w in weights.items()])


def bit_mask(docs) -> int:
    """Document numbers as one integer with bit d set for document d."""
    bits = bytearray((max(docs) >> 3) + 1 if docs else 0)
    for d in docs:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


class _BoldFormatter(highlight.Formatter):
    """``… text <b>match</b> text …`` with the text HTML-escaped (the contract's snippet)."""

    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return "<b>" + html.escape(highlight.get_text(text, token, replace), quote=False) + "</b>"

    def format(self, fragments, replace=False):
        if not fragments:
            return ""
        out = self.between.join(self.format_fragment(f, replace=replace) for f in fragments)
        first, last = fragments[0], fragments[-1]
        if first.startchar > 0:
            out = "… " + out
        if last.endchar < len(first.text):
            out = out + " …"
        return _WS.sub(" ", out)


def _shorten(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = _WS.sub(" ", text)
    if len(text) <= limit:
        return html.escape(text, quote=False)
    cut = text[:limit].rsplit(" ", 1)[0]
    return html.escape(cut, quote=False) + " …"


@dataclass
class Filters:
    """Resolved filter values: canonical region names, theme ids, organisation text, years."""

    regions: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    organisation: str | None = None
    year: int | None = None
    since: int | None = None
    #: kinds of document (``praktijk``, ``bijeenkomst``); empty: both
    types: tuple[str, ...] = ()

    def query(self, reader=None):
        parts = []
        if self.types:
            parts.append(Or([Term("type", t) for t in self.types]))
        if self.regions:
            parts.append(Or([Term("region", r) for r in self.regions]))
        if self.themes:
            parts.append(Or([Term("themes", t) for t in self.themes]))
        if self.organisation:
            keys = organisation_keys(reader, self.organisation) if reader is not None else []
            parts.append(Or([Term("org_key", k) for k in keys]) if keys else NullQuery)
        if self.year is not None:
            parts.append(NumericRange("year", self.year, self.year))
        if self.since is not None:
            parts.append(NumericRange("year", self.since, None))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    @property
    def active(self) -> bool:
        return bool(self.regions or self.themes or self.organisation or self.year is not None
                    or self.since is not None or self.types)


def organisation_keys(reader, text: str) -> list[str]:
    """Folded organisation names (``org_key`` terms) in which every typed word starts a word.

    "ommeland werk" matches "Werkbedrijf Ommeland Werkt"; case and accents do not matter."""
    from .schema import org_key

    words = org_key(text).split()
    if not words:
        return []
    keys = []
    for btext in reader.lexicon("org_key"):
        key = btext.decode("utf-8")
        name_words = key.split()
        if all(any(nw.startswith(w) for nw in name_words) for w in words):
            keys.append(key)
    return keys


class _HighlightResults:
    """What Whoosh's highlighter needs of a Results object, with the query terms computed once.

    (Expanding ``werk*`` into every matching word of a field for each highlighted hit was
    a large part of the time of a prefix search.)"""

    def __init__(self, searcher, q):
        self.searcher = searcher
        self.q = q
        self._terms: dict[tuple[str | None, bool], list] = {}

    def has_matched_terms(self) -> bool:
        return False

    def query_terms(self, expand=False, fieldname=None):
        key = (fieldname, bool(expand))
        if key not in self._terms:
            self._terms[key] = list(self.q.existing_terms(self.searcher.reader(), fieldname=fieldname,
                                                          expand=expand))
        return self._terms[key]


def _analysed_tokens(text: str):
    """The tokens Whoosh's highlighter gets from the Dutch analyzer (positions, characters,
    stop words kept but marked), made with :mod:`search.analysis` instead of the analyzer chain."""
    from whoosh.analysis import Token

    from .analysis import MAX_WORD, TOKEN_RE, fold_word, stem

    t = Token(positions=True, chars=True, removestops=False, mode="index")
    for pos, match in enumerate(TOKEN_RE.finditer(text)):
        word = fold_word(match.group())
        if word in STOP_WORDS or not 0 < len(word) <= MAX_WORD:
            t.text, t.stopped = word, True
        else:
            t.text, t.stopped = stem(word), False
        t.boost = 1.0
        t.pos = pos
        t.startchar, t.endchar = match.start(), match.end()
        yield t


def _highlight(highlighter, results, fieldname: str, text: str, top: int) -> str:
    """``highlighter.highlight_hit`` for a field analysed by the Dutch analyzer (the branch that
    re-tokenizes the text), with fast tokenization; Whoosh's own without the fast path."""
    if not fastpath.ENABLED:
        return highlighter.highlight_hit(_Hit(results, None, {}), fieldname, text=text, top=top)
    from_bytes = results.searcher.schema[fieldname].from_bytes
    words = frozenset(from_bytes(term[1]) for term in results.query_terms(expand=True, fieldname=fieldname))
    tokens = highlight.set_matched_filter(_analysed_tokens(text), words)
    tokens = fastpath.merge_matched_tokens(highlighter, tokens)
    fragments = highlighter.fragmenter.fragment_tokens(text, tokens)
    fragments = highlight.top_fragments(fragments, top, highlighter.scorer, highlighter.order, minscore=1)
    return highlighter.formatter.format(fragments)


class _Hit:
    """A hit for the highlighter: stored fields and the results it came from."""

    def __init__(self, results, docnum, stored):
        self.results = results
        self.docnum = docnum
        self._stored = stored

    def __contains__(self, key):
        return key in self._stored

    def __getitem__(self, key):
        return self._stored[key]


class IndexSearcher:
    """An open index for several searches (the benchmark and ``similar_all`` reuse one)."""

    def __init__(self, ix):
        from .fastpath import pin_files

        self.ix = ix
        self.searcher = ix.searcher()
        pin_files(self.searcher)
        self._facet_mask_cache: dict[tuple[str, str], int] | None = None
        self._engine = None

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def engine(self):
        if self._engine is None:
            from .engine import Engine

            self._engine = Engine(self.searcher)
        return self._engine

    # --- suggestions -------------------------------------------------------------------
    def corrections(self, parsed: ParsedQuery) -> dict[int, str]:
        """clause index -> corrected spelling, for plain words that occur nowhere in the index."""
        reader = self.searcher.reader()
        corrector = None
        out: dict[int, str] = {}
        for i, clause in enumerate(parsed.clauses):
            if clause.negative or clause.kind != "word":
                continue
            words = spell_words(clause.text)
            if len(words) != 1:
                continue
            word = words[0]
            if len(word) < 4 or word.isdigit() or word in STOP_WORDS:
                continue
            if reader.doc_frequency("spelling", word):
                continue
            if corrector is None:
                corrector = self.searcher.corrector("spelling")
            maxdist = 2 if len(word) >= 7 else 1
            suggestions = [s for s in corrector.suggest(word, limit=3, maxdist=maxdist, prefix=1)
                           if s != word and s not in STOP_WORDS]
            if suggestions:
                out[i] = suggestions[0]
        return out

    # --- facets --------------------------------------------------------------------------
    def facet_masks(self) -> dict[tuple[str, str], int]:
        """(field, value) -> the (not deleted) documents with that value as a bit mask (bit d:
        document d), from the postings."""
        masks = {}
        reader = self.searcher.reader()
        for fieldname in FACET_FIELDS:
            for btext in reader.lexicon(fieldname):
                value = btext.decode("utf-8")
                masks[(fieldname, value)] = bit_mask(self.engine.term_docs(fieldname, value))
        return masks

    def _facet_masks(self) -> dict[tuple[str, str], int]:
        if self._facet_mask_cache is None:
            from .manifest import read_facets

            # written with every commit (search.update), so a search decodes no facet postings
            folder = getattr(self.ix.storage, "folder", None)
            cached = read_facets(Path(folder), self.searcher.reader().generation()) if folder else None
            self._facet_mask_cache = cached if cached is not None else self.facet_masks()
        return self._facet_mask_cache

    def facets(self, docs: set[int]) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {fieldname: {} for fieldname in FACET_FIELDS}
        hits = bit_mask(docs)
        for (fieldname, value), members in self._facet_masks().items():
            n = (members & hits).bit_count()
            if n:
                counts[fieldname][value] = n
        return {k: dict(sorted(v.items(), key=lambda kv: (-kv[1], kv[0]))) for k, v in counts.items()}

    # --- matching and scoring ------------------------------------------------------------------
    def _clause(self, clause: Clause, weights: dict[str, float], scores: dict | None, docs: set) -> None:
        """Add the documents of one clause (over all weighted fields) to ``docs``, their
        BM25F scores to ``scores``; the same scores as Whoosh gives ``clause_query(clause)``."""
        engine = self.engine
        if clause.kind == "prefix":
            for f, w in weights.items():
                engine.prefix(f, clause.terms[0], w, scores, docs)
            engine.prefix("spelling", clause.terms[0], 1.0, scores, docs)
        elif clause.kind == "phrase":
            for f, w in weights.items():
                engine.phrase(f, clause.terms, w, scores, docs)
        else:
            for f, w in weights.items():
                engine.term(f, clause.terms[0], w, scores, docs)

    def _filter_docs(self, filters: Filters) -> set[int] | None:
        """Documents allowed by the filters, or None without filters."""
        if not filters.active:
            return None
        engine = self.engine
        allowed: set[int] | None = None

        def restrict(docs: set[int]) -> None:
            nonlocal allowed
            allowed = docs if allowed is None else allowed & docs

        if filters.types:
            restrict(set().union(*(engine.term_docs("type", t) for t in filters.types)))
        if filters.regions:
            restrict(set().union(*(engine.term_docs("region", r) for r in filters.regions)))
        if filters.themes:
            restrict(set().union(*(engine.term_docs("themes", t) for t in filters.themes)))
        if filters.organisation:
            keys = organisation_keys(self.searcher.reader(), filters.organisation)
            restrict(set().union(*(engine.term_docs("org_key", k) for k in keys)))
        if filters.year is not None:
            restrict(engine.year_docs(filters.year, filters.year))
        if filters.since is not None:
            restrict(engine.year_docs(filters.since, None))
        return allowed

    # --- searching -------------------------------------------------------------------------
    def search(self, text: str, filters: Filters | None = None, limit: int = 10,
               snippets: bool = True) -> SearchResult:
        """Rank: documents matching more of the (positive) clauses first, then by BM25F score.

        Every posting of the query terms is read once, in bulk (:meth:`match`): the per-clause
        document sets give the total, the facets (:meth:`facets`) and the number of clauses
        each document matches (:meth:`rank`); the scores are summed in the same pass. Only the
        displayed hits are highlighted (:meth:`hits`)."""
        filters = filters or Filters()
        limit = max(0, int(limit))
        parsed = parse_query(text)
        result = SearchResult(query=text, notes=list(parsed.notes))
        corrections = self.corrections(parsed) if parsed.clauses else {}
        if corrections:
            result.suggestion = _suggested_query(text, parsed, corrections)
        positives = _positive_clauses(parsed, corrections)
        if not positives and not (filters.active or parsed.negative):
            result.notes.append(_EMPTY_QUERY_NOTES[bool(parsed.stop_words)])
            return result

        matched = self.match(positives, parsed.negative, filters)
        result.total = len(matched.docs)
        if not matched.docs:
            return result
        result.facets = self.facets(matched.docs)
        top, scores = self.rank(matched, limit)
        result.hits = self.hits(top, scores, positives if snippets else [])
        return result

    def match(self, positives: list[tuple[Clause, Clause | None]], negatives: list[Clause],
              filters: Filters) -> Matched:
        """The documents matching any positive clause (or every document when there is none),
        none of the negative ones, and the filters; with the BM25F scores of the positives."""
        engine = self.engine
        scores: dict[int, float] = {}
        clause_sets: list[set[int]] = []
        for clause, fixed in positives:
            docs: set[int] = set()
            self._clause(clause, FIELD_WEIGHTS, scores, docs)
            if fixed is not None:
                self._clause(fixed, CORRECTED_WEIGHTS, scores, docs)
            clause_sets.append(docs)
        if clause_sets:
            matches = set().union(*clause_sets) if len(clause_sets) > 1 else set(clause_sets[0])
            matches -= engine.deleted
        else:
            matches = engine.all_docs()
        if negatives:
            excluded: set[int] = set()
            for clause in negatives:
                self._clause(clause, FIELD_WEIGHTS, None, excluded)
            matches -= excluded
        allowed = self._filter_docs(filters)
        if allowed is not None:
            matches &= allowed
        return Matched(matches, scores, clause_sets)

    def rank(self, matched: Matched, limit: int) -> tuple[list[int], dict[int, float]]:
        """The best ``limit`` documents, best first, and the scores to show for them.

        More of the clauses first, then by score; without clauses (filters only): newest first,
        then by title."""
        matches, scores, clause_sets = matched.docs, matched.scores, matched.clause_sets
        if len(clause_sets) > 1:
            counts: Counter = Counter()
            for docs in clause_sets:
                counts.update(docs)
            return heapq.nsmallest(limit, matches, key=lambda d: (-counts[d], -scores[d], d)), scores
        if clause_sets:
            return heapq.nsmallest(limit, matches, key=lambda d: (-scores[d], d)), scores
        stored_fields = self.searcher.stored_fields

        def newest(d: int):
            stored = stored_fields(d)
            return (-stored["year"], stored["title"], d)

        top = heapq.nsmallest(limit, matches, key=newest)
        return top, dict.fromkeys(top, 1.0)

    def hits(self, top: list[int], scores: dict[int, float],
             positives: list[tuple[Clause, Clause | None]]) -> list[SearchHit]:
        """The shown hits, with a snippet around the matched words of ``positives`` (none:
        the start of the description)."""
        snippet = self._snippet_maker(positives) if positives and top else None
        hits = []
        for docnum in top:
            stored = self.searcher.stored_fields(docnum)
            info = stored.get("info", {})
            text = snippet(stored) if snippet is not None else ""
            hits.append(SearchHit(
                slug=stored["slug"], title=stored["title"], description=stored["description"],
                region=list(info.get("region", [])), themes=list(info.get("themes", [])),
                organisations=list(info.get("organisations", [])), year=int(stored["year"]),
                score=float(scores[docnum]), snippet=text or _shorten(stored.get("description", "")),
                path=stored["path"], type=stored.get("type", PRACTICE), date=info.get("date"),
            ))
        return hits

    def _snippet_maker(self, positives: list[tuple[Clause, Clause | None]]):
        """A function: stored fields -> highlighted snippet of the body (else the description),
        or "" when nothing can be highlighted."""
        queries = [clause_query(c) for c, _fixed in positives]
        queries += [clause_query(f, CORRECTED_WEIGHTS) for _c, f in positives if f is not None]
        results = _HighlightResults(self.searcher, Or(queries))
        highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70, charlimit=100_000),
            formatter=_BoldFormatter(),
        )

        def snippet(stored) -> str:
            try:
                return (_highlight(highlighter, results, "body", stored.get("body") or "", 2)
                        or _highlight(highlighter, results, "description", stored.get("description") or "", 1))
            except Exception:  # a snippet is a nicety: never fail a search over it
                return ""

        return snippet

    # --- organisations ------------------------------------------------------------------------
    def organisation_names(self) -> list[str]:
        names: set[str] = set()
        for stored in self.searcher.reader().all_stored_fields():
            names.update(stored.get("info", {}).get("organisations", []))
        return sorted(names)

    def organisation_suggestions(self, text: str) -> list[str]:
        """Organisation names that look like ``text`` (whole name or one of its words)."""
        from build_tools.textutil import close_matches, fold

        names = self.organisation_names()
        found = close_matches(text, names, n=3, cutoff=0.5)
        by_word: dict[str, list[str]] = {}
        for name in names:
            for word in fold(name).split():
                by_word.setdefault(word, []).append(name)
        for typed in fold(text).split():
            for word in close_matches(typed, list(by_word), n=3, cutoff=0.7):
                for name in by_word[word]:
                    if name not in found:
                        found.append(name)
        return found[:3]


@dataclass
class Matched:
    """What :meth:`IndexSearcher.match` found: the documents, the scores of the positive clauses
    and the documents of each positive clause (for "more of the words first")."""

    docs: set[int]
    scores: dict[int, float]
    clause_sets: list[set[int]]


#: Corrected spellings ("bedoelde je") count a little less than what was typed.
CORRECTED_WEIGHTS = {f: w * 0.9 for f, w in FIELD_WEIGHTS.items()}

_EMPTY_QUERY_NOTES = {
    True: "De zoekvraag bevat alleen veelvoorkomende woorden (zoals 'de', 'en', 'het'); zoek met "
          "woorden die meer zeggen.",
    False: "Geef een of meer zoekwoorden, of gebruik een filter zoals --region.",
}


def _positive_clauses(parsed: ParsedQuery, corrections: dict[int, str]) -> list[tuple[Clause, Clause | None]]:
    """Each positive clause with its corrected spelling as a second clause (or None)."""
    positives: list[tuple[Clause, Clause | None]] = []
    for i, clause in enumerate(parsed.clauses):
        if clause.negative:
            continue
        fixed = None
        if i in corrections:
            fixed = Clause("word", corrections[i], False, analyze(corrections[i]))
            if not fixed.terms:
                fixed = None
        positives.append((clause, fixed))
    return positives


def _suggested_query(text: str, parsed: ParsedQuery, corrections: dict[int, str]) -> str | None:
    """The typed query with misspelled words replaced (first occurrence each)."""
    out = text
    for i, corrected in corrections.items():
        typed = parsed.clauses[i].text
        pattern = re.compile(r"(?<!\w)" + re.escape(typed) + r"(?!\w)", re.IGNORECASE)
        out, n = pattern.subn(corrected, out, count=1)
        if not n:
            return None
    return out if out != text else None


__all__ = ["Filters", "IndexSearcher", "ParsedQuery", "parse_query", "NullQuery"]
