"""The search page ``praktijken/`` with its no-JavaScript continuation pages, and the two small
data files its script downloads only when needed (the word list for "Bedoelde je …?" and the
region names and aliases that may be typed in the text field)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

from ..model import Practice
from ..vocabulary import Vocabulary

#: Practices per page without JavaScript (no page grows with the corpus).
PER_PAGE = 100
#: The sort options of the search page: URL value (empty: the default) and label.
SORTS = (("", "Relevantie"), ("nieuwste", "Nieuwste eerst"), ("titel", "Titel (A–Z)"))
STATUSES = (("lopend", "Lopend"), ("afgerond", "Afgerond"))
#: Words of the suggestion list: at least this long, at most this many (most frequent first).
MIN_WORD, MAX_WORDS = 4, 20_000
WORDS_FILE = "praktijken/zoekwoorden.json"
ALIASES_FILE = "praktijken/regio-aliassen.json"
_WORD = re.compile(r"[^\W\d_]{%d,}" % MIN_WORD)


def page_path(page_no: int) -> str:
    return "praktijken/index.md" if page_no == 1 else f"praktijken/pagina/{page_no}.md"


def _facets(practices: Sequence[Practice], vocab: Vocabulary) -> dict[str, list[tuple[str, str, int]]]:
    regions = Counter(r for p in practices for r in p.region)
    themes = Counter(t for p in practices for t in p.themes)
    years = Counter(p.year for p in practices)
    statuses = Counter(p.status for p in practices if p.status)
    return {
        "regio": [(r.slug, r.name, regions[r.name]) for r in vocab.regions],
        "thema": [(t.id, t.label, themes[t.id]) for t in vocab.themes],
        "jaar": [(str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)],
        "status": [(value, label, statuses[value]) for value, label in STATUSES],
    }


def render_search_pages(practices: Sequence[Practice], vocab: Vocabulary,
                        render: Callable[..., str]) -> dict[str, str]:
    """Page 1 (the search page) and the continuation pages: docs-relative path -> content."""
    ordered = sorted(practices, key=lambda p: (p.title.casefold(), p.slug))
    pages_total = max(1, -(-len(ordered) // PER_PAGE))
    facets = _facets(ordered, vocab)
    out = {}
    for page_no in range(1, pages_total + 1):
        chunk = ordered[(page_no - 1) * PER_PAGE: page_no * PER_PAGE]
        out[page_path(page_no)] = render(
            "search.md.j2", practices=chunk, total=len(ordered), page_no=page_no, pages_total=pages_total,
            per_page=PER_PAGE, up="" if page_no == 1 else "../../", facets=facets, sorts=SORTS)
    return out


def _js_words(text: str) -> str:
    """The key the search script makes of typed text: accents off, lower case, words of a-z/0-9."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def word_list(practices: Sequence[Practice]) -> dict:
    """The words of the published practices, most frequent (in most practices) first."""
    counts: Counter[str] = Counter()
    for p in practices:
        text = " ".join([p.title, p.description, p.body, *p.organisations, *p.tags])
        counts.update(set(_WORD.findall(text.lower())))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MAX_WORDS]
    return {"woorden": [word for word, _n in ranked]}


def region_aliases(vocab: Vocabulary) -> dict[str, list[str]]:
    """Every spelling of a region (name, page slug, aliases) as typed -> [slug, name]."""
    out: dict[str, list[str]] = {}
    for region in vocab.regions:
        for spelling in (region.name, region.slug, *region.aliases):
            key = _js_words(spelling)
            if key:
                out.setdefault(key, [region.slug, region.name])
    return out


def search_data_files(practices: Sequence[Practice], vocab: Vocabulary) -> dict[str, str]:
    """The data files of the search page: docs-relative path -> JSON text."""
    dump = lambda data: json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"  # noqa: E731
    return {WORDS_FILE: dump(word_list(practices)), ALIASES_FILE: dump(region_aliases(vocab))}
