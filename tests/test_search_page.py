"""The search page's generated parts: pages without JavaScript, the word list, the region aliases,
and the Pagefind values of a practice page."""

from __future__ import annotations

import json
import re

import pytest

from build_tools.load import load_practices
from build_tools.pages.render import SiteContext
from build_tools.pages.search_page import (PER_PAGE, page_path, region_aliases, render_search_pages,
                                           search_data_files, word_list)
from build_tools.site_search import NO_DATE, pagefind_meta
from build_tools.vocabulary import default_vocabulary

VOCAB = default_vocabulary()


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """250 valid practices from the benchmark generator."""
    from benchmarks.generate import generate

    folder = tmp_path_factory.mktemp("many")
    generate(folder, 250, seed=1)
    return load_practices(folder, VOCAB).published


def pages_of(practices):
    return render_search_pages(practices, VOCAB, SiteContext(vocab=VOCAB, practices=practices).render)


def test_no_page_lists_more_than_a_hundred(many):
    pages = pages_of(many)
    assert list(pages) == ["praktijken/index.md", "praktijken/pagina/2.md", "praktijken/pagina/3.md"]
    listed = []
    for path, text in pages.items():
        items = re.findall(r'<li class="kb-resultaat"><h2 class="kb-resultaat__titel"><a href="([^"]+)">', text)
        assert 0 < len(items) <= PER_PAGE
        listed += [href.rstrip("/").split("/")[-1] for href in items]
        up = "" if path.endswith("index.md") else "../../"
        assert all(href.startswith(up) and href.count("/") == up.count("/") + 1 for href in items)
    by_title = sorted(many, key=lambda p: (p.title.casefold(), p.slug))
    assert listed == [p.slug for p in by_title]  # every practice once, by title
    assert 'href="../../pagina/3/" rel="next"' in pages["praktijken/pagina/2.md"]
    assert 'href="../../" rel="prev"' in pages["praktijken/pagina/2.md"]
    assert 'id="zoekresultaten"' in pages["praktijken/index.md"]
    assert 'id="zoekresultaten"' not in pages["praktijken/pagina/2.md"]  # one search page


def test_page_paths():
    assert page_path(1) == "praktijken/index.md"
    assert page_path(7) == "praktijken/pagina/7.md"


def test_word_list_most_frequent_first(many):
    words = word_list(many)["woorden"]
    assert len(words) == len(set(words))
    assert all(len(w) >= 4 and w == w.lower() for w in words)
    assert "financiële" in words  # accents kept for the suggestion shown
    texts = [" ".join([p.title, p.description, p.body, *p.organisations, *p.tags]).lower() for p in many]
    in_practices = lambda w: sum(1 for t in texts if re.search(rf"\b{w}\b", t))  # noqa: E731
    assert in_practices(words[0]) >= in_practices(words[len(words) // 2]) >= in_practices(words[-1]) >= 1


def test_region_aliases_as_the_script_types_them():
    aliases = region_aliases(VOCAB)
    assert aliases["eindhoven"] == ["zuidoost-brabant", "Zuidoost-Brabant"]
    assert aliases["s hertogenbosch"] == ["noordoost-brabant", "Noordoost-Brabant"]
    assert aliases["fryslan"] == ["friesland", "Friesland"]
    assert aliases["zuid limburg"] == ["zuid-limburg", "Zuid-Limburg"]
    for key in aliases:
        assert re.fullmatch(r"[a-z0-9]+( [a-z0-9]+)*", key)


def test_data_files_are_json(many):
    files = search_data_files(many, VOCAB)
    assert set(files) == {"praktijken/zoekwoorden.json", "praktijken/regio-aliassen.json"}
    for text in files.values():
        json.loads(text)


def test_pagefind_values_of_a_practice(many):
    p = next(q for q in many if q.status)
    meta = pagefind_meta(p, VOCAB)
    assert meta["regio"] == [VOCAB.region(r).slug for r in p.region]
    assert meta["thema"] == list(p.themes)
    assert meta["thema_naam"] == [VOCAB.theme(t).label for t in p.themes]
    assert meta["jaar"] == p.year and meta["naam"] == p.title
    assert meta["toegevoegd"] == (p.date.isoformat() if p.date else NO_DATE)


@pytest.mark.parametrize("shards", [1, 2, 3, 5, 7])
def test_shard_patterns_split_the_practices_exactly(shards):
    """Each practice folder is matched by the glob patterns of exactly one part, also when one
    name is the start of another ('fietsen' and 'fietsen-2') or the names share long prefixes;
    the parts are equally large."""
    import random
    from fnmatch import fnmatchcase

    from build_tools.site_search import shard_patterns

    rng = random.Random(shards)
    names = ["fietsen", "fietsen-2", "fietsen-20", "f", "fiets", "a", "ab", "abc", "zz-top", "z"]
    names += [f"werk-{rng.choice(['leer', 'fiets', 'groen'])}-{rng.randrange(10_000)}" for _ in range(300)]
    names = sorted(set(names))
    runs = shard_patterns(names, shards)
    size = -(-len(names) // shards)
    assert len(runs) == -(-len(names) // size)
    matched = [[i for i, patterns in enumerate(runs) if any(fnmatchcase(n, p) for p in patterns)] for n in names]
    assert all(len(m) == 1 for m in matched), [(n, m) for n, m in zip(names, matched) if len(m) != 1]
    counts = [sum(1 for m in matched if m == [i]) for i in range(len(runs))]
    assert all(c == size for c in counts[:-1]) and 0 < counts[-1] <= size
    assert max(len(p) for p in runs) <= 20  # a few prefixes per part, not its list of names
