"""The bulk scorer (search.engine) against Whoosh's own matching and BM25F scoring.

The reference below is the straightforward way to run a query with Whoosh: one ``Or`` of
the clause queries, ``searcher.search(limit=None)`` scoring every hit, then the same
ordering rule (more matched clauses first, then score). The fast path must give the same
total, facets, order and scores, on one segment and on several segments with deletions.
The fast analysis must give the same terms as the Whoosh analyzer chains.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from whoosh.query import AndNot, Every, Or

import search
from benchmarks.generate import generate
from search import analysis, fastpath, store
from search.query import FIELD_WEIGHTS, Clause, IndexSearcher, analyze, clause_query, parse_query
from search.schema import dutch_analyzer, spelling_analyzer

PRACTICES = Path(__file__).resolve().parent.parent / "practices"

QUERIES = [
    ("werkgevers", {}),
    ("financiële ondersteuning", {}),
    ("jobcoach overstap reguliere werkgever", {}),
    ('"vaste begeleider"', {}),
    ('"werkgevers" "sociale werkgevers"', {}),
    ("fietsenwerkplaats -groningen", {}),
    ("werk*", {}),
    ("financ* werkgev*", {}),
    ("leerwerkplekken statushouders", {"regions": ["Twente", "Groningen"]}),
    ("jongeren", {"themes": ["jongeren"], "since": 2016}),
    ("detacheren", {"year": 2018}),
    ("werkgevrs", {}),  # a typo: the corrected word is searched too
    ("-werkgevers", {"regions": ["Twente"]}),
]


def reference(ixs: IndexSearcher, text: str, filters) -> tuple[int, dict, list[tuple[int, float]]]:
    """(total, facets, [(docnum, score)] in rank order) the plain Whoosh way."""
    parsed = parse_query(text)
    corrections = ixs.corrections(parsed)
    positives = []
    for i, clause in enumerate(parsed.clauses):
        if clause.negative:
            continue
        q = clause_query(clause)
        if i in corrections:
            fixed = Clause("word", corrections[i], False, analyze(corrections[i]))
            q = Or([q, clause_query(fixed, {f: w * 0.9 for f, w in FIELD_WEIGHTS.items()})])
        positives.append(q)
    negatives = [clause_query(c) for c in parsed.negative]
    query = (positives[0] if len(positives) == 1 else Or(positives)) if positives else Every()
    if negatives:
        query = AndNot(query, Or(negatives))
    s = ixs.searcher
    results = s.search(query, limit=None, filter=filters.query(s.reader()))
    scored = [(docnum, score) for score, docnum in results.top_n]
    docs = {d for d, _ in scored}
    if len(positives) > 1:
        sets = [set(s.docs_for_query(q)) & docs for q in positives]
        scored.sort(key=lambda ds: (-sum(ds[0] in x for x in sets), -ds[1], ds[0]))
    elif positives:
        scored.sort(key=lambda ds: (-ds[1], ds[0]))
    return len(scored), ixs.facets(docs), scored


def check_same(ixs: IndexSearcher, text: str, filters) -> None:
    total, facets, scored = reference(ixs, text, filters)
    result = ixs.search(text, filters, limit=len(scored) or 1, snippets=False)
    assert result.total == total, text
    assert result.facets == facets, text
    reader = ixs.searcher.reader()
    want = [(reader.stored_fields(d)["slug"], score) for d, score in scored]
    got = [(hit.slug, hit.score) for hit in result.hits]
    if parse_query(text).positive:
        assert [s for s, _ in got] == [s for s, _ in want] or \
            [round(x, 9) for _, x in got] == [round(x, 9) for _, x in want], text
        for (slug, score), (_, ref) in zip(got, want):
            assert score == pytest.approx(ref, rel=1e-9), (text, slug)
    else:
        assert sorted(s for s, _ in got) == sorted(s for s, _ in want), text


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("engine-corpus")
    generate(folder, 300, seed=3)
    return folder


@pytest.mark.parametrize("text,filters", QUERIES, ids=[q for q, _ in QUERIES])
def test_same_results_as_whoosh_one_segment(corpus, tmp_path_factory, text, filters):
    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        assert len(ixs.searcher.reader().leaf_readers()) == 1
        check_same(ixs, text, search.resolve_filters(**filters))


def test_same_results_with_several_segments_and_deletions(corpus, tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(corpus, folder)
    index = tmp_path / "ix"
    search.update_index(folder, index, full=True)
    files = sorted(folder.glob("*.md"))
    # a changed file (delete + add), a removed file and a new one, in separate commits
    files[10].write_text(files[10].read_text(encoding="utf-8") + "\nNieuwe werkgevers doen mee.\n",
                         encoding="utf-8")
    search.update_index(folder, index)
    files[20].unlink()
    search.update_index(folder, index)
    shutil.copy(files[30], folder / "kopie-van-een-praktijk.md")
    search.update_index(folder, index)
    with IndexSearcher(store.open_index(index)) as ixs:
        reader = ixs.searcher.reader()
        assert reader.doc_count() == len(files)
        assert ixs.engine.deleted or len(reader.leaf_readers()) == 1
        for text, filters in QUERIES:
            check_same(ixs, text, search.resolve_filters(**filters))


def test_ranking_prefers_more_matched_words(corpus, tmp_path_factory):
    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        result = ixs.search("zorgboerderij statushouders jobcoaches", limit=50, snippets=False)
        parsed = parse_query("zorgboerderij statushouders jobcoaches")
        sets = []
        for clause in parsed.clauses:
            docs: set[int] = set()
            ixs._clause(clause, FIELD_WEIGHTS, None, docs)
            sets.append({ixs.searcher.stored_fields(d)["slug"] for d in docs})
        counts = [sum(hit.slug in s for s in sets) for hit in result.hits]
        assert counts == sorted(counts, reverse=True)
        assert counts[0] > counts[-1]


def test_snippets_mark_prefix_matches(corpus, tmp_path_factory):
    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        result = ixs.search("fiets*", limit=3, snippets=True)
        assert result.hits
        assert all("<b>fiets" in hit.snippet.lower() for hit in result.hits)


def _texts(folder: Path) -> list[str]:
    from build_tools.load import load_practices

    from search.schema import plain_text

    out = []
    for p in load_practices(folder).practices:
        out += [p.title, p.description, "\n".join(p.organisations), "\n".join(p.tags), plain_text(p.body)]
    return out


def test_fast_analysis_equals_whoosh_analyzers(corpus):
    dutch, spelling = dutch_analyzer(), spelling_analyzer()
    texts = _texts(PRACTICES) + _texts(corpus)[:200] + [
        "Één financiële café-ondersteuning: 3.5 werkgevers, e.g. www.werk.nl of 'reïntegratie'!",
        "Ærø ĳs straße İstanbul ﬁets  co-op x" + "a" * 45, "de het een", ""]
    for text in texts:
        assert analysis.dutch_terms(text) == [t.text for t in dutch(text)]
        assert analysis.spelling_terms(text) == [t.text for t in spelling(text)]


def test_term_counts_of_list_and_text_indexing_agree(corpus):
    """A field indexed from the term list has the terms and frequencies of the text."""
    dutch = dutch_analyzer()
    for text in _texts(corpus)[:50]:
        assert Counter(analysis.dutch_terms(text)) == Counter(t.text for t in dutch(text))


def test_similar_scores_like_whoosh_more_like(corpus, tmp_path_factory):
    """similar() = Whoosh's search for an Or of the key terms (self excluded), scored in bulk."""
    from whoosh.query import Term

    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        s = ixs.searcher
        for docnum in range(0, 300, 23):
            terms = search.key_terms(ixs, docnum)
            assert len(terms) == search.SIMILAR_TERMS
            ref = s.search(Or([Term("body", w, boost=wt) for w, wt in terms]), limit=5, mask={docnum})
            got = search._similar_for(ixs, docnum, 5)
            assert [slug for slug, _ in got] == [hit["slug"] for hit in ref]
            assert [score for _, score in got] == pytest.approx([hit.score for hit in ref], rel=1e-9)


def test_key_terms_are_the_terms_of_the_stored_text(corpus, tmp_path_factory):
    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        for docnum in (0, 150, 299):
            body = ixs.searcher.stored_fields(docnum)["body"]
            want = dict(ixs.searcher.key_terms_from_text("body", body, numterms=10_000))
            got = dict(search.key_terms(ixs, docnum, numterms=10_000))
            assert got.keys() == want.keys()
            for term, weight in want.items():
                assert got[term] == pytest.approx(weight, rel=1e-9)


def test_similar_all_matches_similar(corpus, tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    for path in sorted(corpus.glob("*.md"))[:60]:
        shutil.copy(path, folder / path.name)
    index = tmp_path / "ix"
    everything = search.similar_all(folder, index, limit=3)
    assert len(everything) == 60
    for slug in list(everything)[:10]:
        assert everything[slug] == [s for s, _ in search.similar(folder, index, slug, limit=3)]
        assert slug not in everything[slug]


def test_incremental_updates_keep_two_segments(corpus, tmp_path):
    folder = tmp_path / "p"
    shutil.copytree(corpus, folder)
    index = tmp_path / "ix"
    search.update_index(folder, index, full=True)
    files = sorted(folder.glob("*.md"))
    for i in range(8):
        path = files[i * 7]
        path.write_text(path.read_text(encoding="utf-8") + f"\nWijziging {i}: werkgevers.\n", encoding="utf-8")
        report = search.update_index(folder, index)
        assert report.changed == 1
        with IndexSearcher(store.open_index(index)) as ixs:
            assert len(ixs.searcher.reader().leaf_readers()) <= 2
            assert ixs.searcher.doc_count() == len(files)
    assert search.search(folder, index, '"wijziging 7"').total == 1


@pytest.mark.skipif(not fastpath.ENABLED, reason="the light import is part of the fast path")
def test_light_whoosh_import_leaves_no_stand_ins():
    import subprocess
    import sys

    code = ("import sys, search.query, search.store\n"
            "for name in ('urllib.request', 'cached_property', 'whoosh.lang.morph_en'):\n"
            "    assert name not in sys.modules, name\n"
            "import urllib.request, cached_property, whoosh.lang.morph_en\n"
            "assert hasattr(urllib.request, 'urlopen') and hasattr(cached_property, 'threaded_cached_property')\n"
            "assert whoosh.lang.morph_en.variations('werk')\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize("text", ["werkgevers", "financiële ondersteuning", "werk*", '"vaste begeleider"',
                                  "zorgboerderij dieren -groningen", "financ* werkgev*", "de werkgevrs"])
def test_fast_snippets_equal_whoosh_highlighter(corpus, tmp_path_factory, text):
    from whoosh import highlight

    from search import query as q

    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        result = ixs.search(text, limit=10, snippets=True)
        assert result.hits
        parsed = parse_query(text)
        hl_results = q._HighlightResults(ixs.searcher, Or([clause_query(c) for c in parsed.positive]))
        highlighter = highlight.Highlighter(
            fragmenter=highlight.ContextFragmenter(maxchars=q.SNIPPET_CHARS, surround=70, charlimit=100_000),
            formatter=q._BoldFormatter())
        reader = ixs.searcher.reader()
        slugs = {reader.stored_fields(d)["slug"]: d for d in reader.all_doc_ids()}
        for hit in result.hits:
            docnum = slugs[hit.slug]
            whoosh_hit = q._Hit(hl_results, docnum, reader.stored_fields(docnum))
            want = highlighter.highlight_hit(whoosh_hit, "body", top=2) or \
                highlighter.highlight_hit(whoosh_hit, "description", top=1)
            if parse_query(text).clauses and not ixs.corrections(parsed):
                assert hit.snippet == want
            assert "<b>" in hit.snippet


@pytest.mark.skipif(not fastpath.ENABLED, reason="the lengths cache is part of the fast path")
def test_writer_lengths_cache_gives_whoosh_lengths(corpus, tmp_path_factory):
    """fastpath._Lengths (used while a segment is written) returns what Whoosh's reader returns."""
    index = tmp_path_factory.getbasetemp() / "engine-one-segment"
    if not index.exists():
        search.update_index(corpus, index, full=True)
    with IndexSearcher(store.open_index(index)) as ixs:
        reader, _ = ixs.searcher.reader().leaf_readers()[0]
        perdoc = reader._perdoc
        cached = fastpath._Lengths(perdoc)
        for fieldname in ("title", "description", "body", "spelling", "labels", "region", "slug"):
            for docnum in range(reader.doc_count_all()):
                assert cached.doc_field_length(docnum, fieldname) == perdoc.doc_field_length(docnum, fieldname, 0)


def _postings(reader) -> dict:
    """(field, term) -> [(docnum, weight, value)] of every posting, through Whoosh's public API."""
    out = {}
    for fieldname, btext in reader.all_terms():
        m = reader.postings(fieldname, btext)
        found = []
        while m.is_active():
            found.append((m.id(), m.weight(), m.value()))
            m.next()
        info = reader.term_info(fieldname, btext)  # the term's statistics, field lengths included
        found.append((info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight()))
        out[(fieldname, btext)] = found
    return out


@pytest.mark.skipif(not fastpath.ENABLED, reason="the writing shortcuts are part of the fast path")
def test_writing_shortcuts_write_what_whoosh_writes(tmp_path):
    """The term-list counting, the term encoding, the posting buffers without assertions and the
    postings kept and written per term (search.fastpath) give Whoosh's own values, and an index
    written with them holds exactly the postings of one written by Whoosh alone."""
    from whoosh import formats
    from whoosh import index as windex

    from build_tools.load import load_practices
    from search.schema import build_schema, document

    fastpath.patch_writing()
    terms = ["werk", "werkgever", "werk", "de", "fiets", "werk", "fiets"]
    for fmt in (formats.Positions(), formats.Frequency(), formats.Positions(field_boost=2.0)):
        assert list(fmt.word_values(terms, None, mode="index")) == fastpath.whoosh_word_values(fmt, terms)

    docs = [document(p, f"{p.slug}.md") for p in load_practices(PRACTICES).published]
    patches = fastpath._writing_patches()
    assert all(getattr(owner, name) is replacement for owner, name, replacement in patches)

    def write(folder: Path, own: bool, **options) -> dict:
        folder.mkdir()
        ix = windex.create_in(str(folder), build_schema())
        if own:
            for owner, name, _replacement in patches:
                setattr(owner, name, fastpath.WHOOSH_ORIGINALS[f"{owner.__name__}.{name}"])
        try:
            # the fast writer: postings kept per term, written per term, lengths from memory
            writer = ix.writer() if own else fastpath.writer(ix, **options)
            assert own or isinstance(writer.pool, fastpath._TermPool)
            for doc in docs:
                writer.add_document(**doc)
            # past the memory limit, the postings went to Whoosh's own pool (which spills to disk)
            assert own or writer.pool.spilled == ("limitmb" in options)
            writer.commit()
        finally:
            for owner, name, replacement in patches:
                setattr(owner, name, replacement)
        with ix.reader() as reader:
            return _postings(reader)

    fast, reference = write(tmp_path / "snel", False), write(tmp_path / "whoosh", True)
    assert fast == reference and len(fast) > 1000
    assert write(tmp_path / "krap", False, limitmb=0.2) == reference
