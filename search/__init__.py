"""Offline full-text search over the practices: a Dutch-aware Whoosh index.

Public API (Whoosh stays inside this package; it is imported only when an index is built,
updated or read, so ``import search`` is cheap). Every function takes what the loading stage
of :mod:`build_tools` produced: a :class:`~build_tools.load.LoadResult`, or for a quick
freshness check only its first step, a :class:`~build_tools.files.FolderScan` (a folder path
is scanned first); changed files are then read through the same loader.

* :func:`update_index` - bring the index up to date (incremental or full); strict;
* :func:`search` - a query with filters -> :class:`SearchResult` (``.to_dict()`` is the JSON contract);
* :func:`similar` / :func:`similar_all` - "more like this" for one or for every practice.

Where things are: :mod:`search.store` (freshness, bringing up to date), :mod:`search.update`
(writing), :mod:`search.manifest` (generations, manifest, stamp), :mod:`search.lock`,
:mod:`search.query` and :mod:`search.engine` (matching and BM25F scoring in bulk),
:mod:`search.analysis` and :mod:`search.schema` (Dutch analysis, documents) and
:mod:`search.fastpath`, the one module that touches Whoosh's internals.

Behaviour with invalid files: :func:`update_index` (``kennisbank index``, ``kennisbank build``)
raises :class:`~build_tools.errors.InvalidContentError` with every problem and writes nothing.
:func:`search` and :func:`similar` index the valid files and leave invalid ones out; the
report they carry says how many were skipped (the CLI prints a one-line warning pointing to
``kennisbank validate``). A damaged index (a manifest, pointer or Whoosh file that cannot be
read) is rebuilt, and the report's ``reason`` says so.
"""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import KennisbankError, UnknownSlugError
from build_tools.files import display_path

from .errors import IndexLockedError, UnknownFilterValueError
from .report import IndexReport
from .manifest import KEEP
from .results import MEETING, PRACTICE, TYPES, SearchHit, SearchResult
from .version import SCHEMA_VERSION

__all__ = [
    "IndexLockedError", "IndexReport", "KEEP", "MEETING", "PRACTICE", "SCHEMA_VERSION", "SearchHit", "SearchResult",
    "TYPES", "UnknownFilterValueError", "resolve_filters", "search", "similar", "similar_all", "update_index",
]


def _source(source):
    """A LoadResult or FolderScan as given; a folder path is scanned (with its quick digest,
    which the index keeps for :func:`store.quick_report`)."""
    if isinstance(source, (str, Path)):
        from build_tools.files import scan

        return scan(Path(source), quick=True)
    return source


def _folder(source) -> Path:
    return Path(source) if isinstance(source, (str, Path)) else Path(source.folder)


def update_index(source, index_dir: Path, *, full: bool = False, meetings=KEEP, progress=None) -> IndexReport:
    """Bring the index up to date with ``source`` (LoadResult, FolderScan or folder) and
    ``meetings``: the meetings folder, None (no meetings) or KEEP (the meetings already indexed);
    ``progress``: see :mod:`build_tools.progress` (reported on a full rebuild).

    Raises :class:`InvalidContentError` (with all problems, nothing written) when any file is
    invalid and :class:`IndexLockedError` when another process keeps the lock too long.
    Damaged indexes and indexes of another schema version are rebuilt (``report.reason``).
    """
    from . import store

    return store.ensure_index(Path(index_dir), _source(source), meetings=meetings, full=full, strict=True,
                              progress=progress)


def _with_index(source, index_dir: Path, update: bool, use, meetings=KEEP, digests=None):
    """``use(searcher)`` on the index brought up to date leniently; (its result, IndexReport).

    Any failure to read the index (a truncated or overwritten segment file gives whatever
    error Whoosh's decoder runs into) means a damaged index: it is rebuilt once and the
    reason ends up in the report. Errors meant for the user (unknown slug or filter) pass.
    ``digests``: the folders' quick digests, when already under way (:func:`_quick_digests`)."""
    from . import store
    from .query import IndexSearcher

    index_dir = Path(index_dir)
    report = None
    quick = meetings is None or meetings is KEEP or isinstance(meetings, (str, Path))  # folders, not scans
    if update and isinstance(source, (str, Path)) and quick:
        # A search right after the last one: nothing changed, no scan (BENCHMARKS.md, "Zoeken").
        # The search runs first, while the folders' quick digests are still being taken, and
        # counts when they show that the generation it read is up to date.
        gen, outcome = _tentatively(index_dir, use)
        report = store.quick_report(index_dir, Path(source), meetings, digests, gen) if gen else None
        if report is not None:
            return outcome(), report
        update = True
    source = _source(source) if update else source
    meetings = store.scan_meetings(meetings) if update else meetings
    if update:
        report = store.ensure_index(index_dir, source, meetings=meetings, strict=False)
    try:
        with IndexSearcher(store.open_index(index_dir)) as searcher:
            return use(searcher), report
    except KennisbankError:
        raise
    except Exception as exc:  # noqa: BLE001 - see the docstring
        detail = str(exc) if isinstance(exc, store.CorruptIndex) else "De zoekindex was beschadigd"
        report = store.rebuild(index_dir, _source(source), f"{detail} en is opnieuw opgebouwd.",
                               meetings=meetings)
    with IndexSearcher(store.open_index(index_dir)) as searcher:
        return use(searcher), report


def _tentatively(index_dir: Path, use):
    """(generation, a function returning what ``use(searcher)`` returned or raising what it
    raised) on the active generation as it is, fresh or not; (None, None) when it cannot be
    read (the caller's normal path finds out why)."""
    from . import store
    from .manifest import current_generation
    from .query import IndexSearcher

    gen = current_generation(index_dir)
    if gen is None:
        return None, None
    try:
        with IndexSearcher(store.open_index(index_dir, gen)) as searcher:
            value = use(searcher)
    except KennisbankError as exc:  # meant for the user, if this generation is up to date
        error = exc

        def outcome():
            raise error
        return gen, outcome
    except Exception:  # noqa: BLE001 - a damaged index: rebuilt on the normal path
        return None, None
    return gen, lambda: value


def resolve_filters(regions=(), themes=(), organisation: str | None = None, year: int | None = None,
                    since: int | None = None, types=()):
    """Filter values as typed -> :class:`search.query.Filters` with canonical values.

    Raises :class:`UnknownFilterValueError` (a usage error) for an unknown region, theme or type."""
    from .query import Filters

    vocab = None
    if regions or themes:  # reading the vocabularies (YAML) only when they are needed
        from build_tools.vocabulary import default_vocabulary

        vocab = default_vocabulary()
    canonical_regions = _canonical(regions, "region", vocab and vocab.resolve_region, vocab and vocab.suggest_region)
    canonical_themes = _canonical(themes, "theme", vocab and vocab.resolve_theme, vocab and vocab.suggest_theme)
    organisation = organisation.strip() if organisation else None
    canonical_types = _canonical(types, "type", _resolve_type, _suggest_type)
    return Filters(canonical_regions, canonical_themes, organisation or None, year, since, canonical_types)


def _resolve_type(value: str) -> str | None:
    value = value.strip().lower()
    return value if value in TYPES else None


def _suggest_type(value: str) -> list[str]:
    from build_tools.textutil import close_matches

    return close_matches(value, list(TYPES), n=2, cutoff=0.5) or list(TYPES)


def _canonical(values, kind: str, resolve, suggest) -> tuple[str, ...]:
    """Canonical values for filter values as typed, in order, without repeats."""
    result: list[str] = []
    for value in values or ():
        canonical = resolve(value)
        if canonical is None:
            raise UnknownFilterValueError(kind, value, suggest(value))
        if canonical not in result:
            result.append(canonical)
    return tuple(result)


def _quick_digests(source, meetings, update: bool):
    """The folders' quick digests, started before Whoosh is imported (see
    :class:`build_tools.folderdigest.QuickDigests`); none to take when the source is already scanned."""
    from build_tools.folderdigest import QuickDigests

    if not update or not isinstance(source, (str, Path)):
        return QuickDigests(())
    return QuickDigests([source] + ([meetings] if isinstance(meetings, (str, Path)) else []))


def search(source, index_dir: Path, query: str, *, regions=(), themes=(),
           organisation: str | None = None, year: int | None = None, since: int | None = None,
           types=(), limit: int = 10, snippets: bool = True, update: bool = True,
           meetings=KEEP) -> SearchResult:
    """Search the published practices of ``source`` and the published meetings of ``meetings``
    (a meetings folder, None for none, KEEP for the ones already indexed); the index is
    brought up to date first.

    ``regions``/``themes``: any of these (names, aliases, labels, ids; case-insensitive);
    different filters combine as "all of". ``organisation``: the words of an organisation name
    (for a meeting: of an organiser). ``types``: any of :data:`TYPES` (empty: both).
    Raises :class:`UnknownFilterValueError` for a value that matches nothing.
    """
    # the folders' digests are taken while resolve_filters and the search import Whoosh
    with _quick_digests(source, meetings, update) as digests:
        filters = resolve_filters(regions, themes, organisation, year, since, types)

        def run(searcher):
            if filters.organisation:
                from .query import organisation_keys

                if not organisation_keys(searcher.searcher.reader(), filters.organisation):
                    raise UnknownFilterValueError("organisation", filters.organisation,
                                                  searcher.organisation_suggestions(filters.organisation))
            return searcher.search(query, filters, limit=limit, snippets=snippets)

        result, report = _with_index(source, index_dir, update, run, meetings, digests)

    from .manifest import current_generation, read_labels

    gen = current_generation(Path(index_dir))
    result.theme_labels = read_labels(gen)
    folder = _folder(source)
    meetings_folder = None
    for hit in result.hits:
        if hit.type == MEETING:
            if meetings_folder is None:
                meetings_folder = _meetings_folder(meetings, gen)
            hit.path = display_path(meetings_folder / hit.path)
        else:
            hit.path = display_path(folder / hit.path)
    result.index_report = report
    return result


def _meetings_folder(meetings, gen) -> Path:
    """The folder of the indexed meetings: the one searched, else the one the manifest records."""
    if isinstance(meetings, (str, Path)):
        return Path(meetings)
    if meetings is not None and meetings is not KEEP:
        return Path(meetings.folder)
    from .manifest import CorruptIndex, Manifest

    try:
        return Path(Manifest.read(gen).meetings_folder)
    except (CorruptIndex, TypeError):
        return Path()


def _slug_docnum(searcher, slug: str) -> int:
    """The document of the published practice ``slug`` (a meeting may have the same slug)."""
    from whoosh.query import And, Term

    docs = list(searcher.searcher.docs_for_query(And([Term("slug", slug), Term("type", PRACTICE)])))
    if not docs:
        from build_tools.textutil import close_matches

        slugs = [searcher.searcher.stored_fields(d)["slug"] for d in _practice_docs(searcher)]
        raise UnknownSlugError(slug, close_matches(slug, slugs, n=3, cutoff=0.5))
    return docs[0]


def _meeting_docs(searcher) -> set[int]:
    return searcher.engine.term_docs("type", MEETING)


def _practice_docs(searcher) -> set[int]:
    return searcher.engine.term_docs("type", PRACTICE)


#: Number of key terms of a practice used to find similar ones.
SIMILAR_TERMS = 12


def key_terms(searcher, docnum: int, numterms: int = SIMILAR_TERMS) -> list[tuple[str, float]]:
    """The ``numterms`` most characteristic body terms of a document, with weights.

    What Whoosh's ``key_terms`` computes from a term vector, computed from the stored body
    (the index has no term vectors): the term frequencies in sorted term order, as a vector
    would give them, scored by Whoosh's Bo1 expansion model."""
    from collections import Counter

    from whoosh import classify

    from .analysis import dutch_terms

    s = searcher.searcher
    body = s.stored_fields(docnum).get("body") or ""
    expander = classify.Expander(s.reader(), "body")
    expander.add(sorted((term, float(n)) for term, n in Counter(dutch_terms(body)).items()))
    return expander.expanded_terms(numterms, normalize=True)


def _similar_for(searcher, docnum: int, limit: int) -> list[tuple[str, float]]:
    """What Whoosh's ``more_like`` gives (an ``Or`` of the key terms, boosted by their weight,
    the document itself left out), scored in bulk by :mod:`search.engine`: the same scores
    and order, several times faster (``similar_all`` runs this for every practice)."""
    import heapq

    terms = key_terms(searcher, docnum)
    if not terms:
        return []
    engine = searcher.engine
    scores: dict[int, float] = {}
    seen: set[int] = set()
    for word, weight in terms:
        engine.term("body", word, weight, scores, seen)
    scores.pop(docnum, None)
    for d in engine.deleted | _meeting_docs(searcher):
        scores.pop(d, None)
    top = heapq.nsmallest(limit, scores, key=lambda d: (-scores[d], d))
    stored = searcher.searcher.stored_fields
    return [(stored(d)["slug"], float(scores[d])) for d in top]


def similar(source, index_dir: Path, slug: str, limit: int = 5) -> list[tuple[str, float]]:
    """Slugs of published practices similar to ``slug`` with their score, best first, self excluded.

    Raises :class:`UnknownSlugError` (with suggestions) when ``slug`` is not in the index
    (unknown, a draft or invalid)."""
    found, _report = _with_index(_source(source), index_dir, True,
                                 lambda searcher: _similar_for(searcher, _slug_docnum(searcher, slug), limit))
    return found


#: similar_all scores each key term's best ``SIMILAR_POSTINGS`` practices only (by that term's
#: BM25 score), so finding similar practices for all N practices costs O(N), not O(N²). With at
#: most this many practices per term (every corpus up to this size) the result is exactly that of
#: :func:`similar`; above it the top practices of every key term still count in full.
SIMILAR_POSTINGS = 200


class _SimilarScorer:
    """Key terms and term scores of one searcher, computed once per term instead of once per
    practice (see BENCHMARKS.md: similar_all was quadratic in the number of practices)."""

    def __init__(self, searcher):
        from whoosh import classify

        self.searcher = searcher
        self.reader = searcher.searcher.reader()
        self.model = classify.Bo1Model(self.reader.doc_count_all(), self.reader.field_length("body"))
        # similar practices: deleted documents and meetings never count
        self.deleted = searcher.engine.deleted | _meeting_docs(searcher)
        self._frequency: dict[str, float | None] = {}
        self._impacts: dict[str, list[tuple[int, float]]] = {}

    def _cf(self, word: str) -> float | None:
        """Collection frequency of a body term (None: not in the index), cached."""
        cf = self._frequency.get(word, 0)
        if cf == 0:
            btext = word.encode("utf-8")
            cf = self.reader.frequency("body", btext) if ("body", btext) in self.reader else None
            self._frequency[word] = cf
        return cf

    def key_terms(self, body: str, numterms: int = SIMILAR_TERMS) -> list[tuple[str, float]]:
        """What :func:`key_terms` gives (Whoosh's Expander with the Bo1 model, same arithmetic),
        with the collection frequencies cached across practices."""
        from collections import Counter

        from .analysis import dutch_terms

        counts = Counter(dutch_terms(body))
        if not counts:
            return []
        top_total = float(sum(counts.values()))
        scored, maxweight = [], 0
        for word, weight in sorted(counts.items()):
            cf = self._cf(word)
            if cf is None:
                continue
            score = self.model.score(float(weight), cf, top_total)
            maxweight = max(maxweight, score)
            scored.append((score, word))
        norm = self.model.normalizer(maxweight, top_total)
        ranked = sorted(((score / norm, word) for score, word in scored), key=lambda x: (-x[0], x[1]))
        return [(word, weight) for weight, word in ranked[:numterms]]

    def impacts(self, word: str) -> list[tuple[int, float]]:
        """(docnum, BM25 score) of the term's best ``SIMILAR_POSTINGS`` practices, in posting order."""
        found = self._impacts.get(word)
        if found is None:
            scores: dict[int, float] = {}
            self.searcher.engine.term("body", word, 1.0, scores, set())
            found = [(d, v) for d, v in scores.items() if d not in self.deleted]
            if len(found) > SIMILAR_POSTINGS:
                keep = set(d for d, _v in sorted(found, key=lambda dv: (-dv[1], dv[0]))[:SIMILAR_POSTINGS])
                found = [(d, v) for d, v in found if d in keep]
            self._impacts[word] = found
        return found

    def similar(self, docnum: int, body: str, limit: int) -> list[int]:
        import heapq

        scores: dict[int, float] = {}
        get = scores.get
        for word, weight in self.key_terms(body):
            for d, value in self.impacts(word):
                scores[d] = get(d, 0.0) + value * weight
        scores.pop(docnum, None)
        return heapq.nsmallest(limit, scores, key=lambda d: (-scores[d], d))


def similar_all(source, index_dir: Path, limit: int = 5) -> dict[str, list[str]]:
    """For every published slug its similar slugs (best first), in one pass over one searcher.

    Linear in the number of practices: key-term frequencies and term scores are computed once
    per term, and each term counts for its best :data:`SIMILAR_POSTINGS` practices."""

    def run(searcher):
        out: dict[str, list[str]] = {}
        scorer = _SimilarScorer(searcher)
        reader = searcher.searcher.reader()
        stored = searcher.searcher.stored_fields
        meetings = _meeting_docs(searcher)
        for docnum, fields in reader.iter_docs():
            if docnum in meetings:
                continue
            top = scorer.similar(docnum, fields.get("body") or "", limit)
            out[fields["slug"]] = [stored(d)["slug"] for d in top]
        return dict(sorted(out.items()))

    found, _report = _with_index(_source(source), index_dir, True, run)
    return found
