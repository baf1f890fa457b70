"""Fast Dutch text analysis, shared by indexing and querying.

Produces exactly the terms of the Whoosh analyzer chains in :mod:`search.schema`
(``RegexTokenizer | LowercaseFilter | CharsetFilter(accent_map) | StopFilter | StemFilter``),
but in one pass with plain string operations and a stem cache instead of five chained
generators and Whoosh's LFU cache. The index is fed these term lists directly (Whoosh
accepts a list of terms as a pre-analysed field value), so a practice's text is tokenized
once for all fields instead of three times (body postings, body vector, spelling field).
``tests/test_search_engine.py`` (``test_fast_analysis_equals_whoosh_analyzers``) checks that both
paths give identical terms.

Only the small Whoosh modules for the stemmer, the accent map and the stop words are
imported here.
"""

from __future__ import annotations

import re

from . import fastpath  # noqa: F401  (first: imports Whoosh lightly)
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

#: The token pattern of both analyzers.
TOKEN = r"\w+(?:\.?\w+)*"
#: Dutch stop words (Snowball list), accent-folded like the indexed text.
STOP_WORDS = frozenset(stopwords_for_language("nl"))
#: Word length limits of the stop filters (longer or shorter words are not indexed).
MAX_WORD = 40
MIN_SPELLING = 2

TOKEN_RE = re.compile(TOKEN)
_stem = stemmer_for_language("nl")
_STEMS: dict[str, str] = {}
#: The stem cache is dropped when it grows beyond this (long-running processes).
_MAX_STEMS = 500_000


def stem(word: str) -> str:
    """The Snowball Dutch stem of a lowercased, folded word (cached; the stemmer is pure Python)."""
    try:
        return _STEMS[word]
    except KeyError:
        if len(_STEMS) >= _MAX_STEMS:
            _STEMS.clear()
        result = _STEMS[word] = _stem(word)
        return result


def fold_word(word: str) -> str:
    """One token lowercased and accent-folded, as the analyzers do."""
    return word.lower().translate(accent_map)


def words(text: str) -> list[str]:
    """All tokens of ``text``, lowercased and accent-folded, stop words included.

    The tokens are folded together, joined by a newline (which no token contains and the accent
    map neither makes nor maps; lowercasing is per character, and a token's end stays a word end
    for the final sigma): the same as folding each token, with two string operations per text
    instead of two per token."""
    tokens = TOKEN_RE.findall(text)
    return "\n".join(tokens).lower().translate(accent_map).split("\n") if tokens else []


def dutch_terms_of(folded: list[str]) -> list[str]:
    """Stemmed terms (stop words and over-long words dropped) of already folded words."""
    stops = STOP_WORDS
    cache = _STEMS
    out = []
    append = out.append
    for w in folded:
        if w in stops or not 0 < len(w) <= MAX_WORD:
            continue
        s = cache.get(w)
        if s is None:
            s = stem(w)
        append(s)
    return out


def spelling_terms_of(folded: list[str]) -> list[str]:
    """Unstemmed words of the ``spelling`` field (two to forty characters)."""
    return [w for w in folded if MIN_SPELLING <= len(w) <= MAX_WORD]


def dutch_terms(text: str) -> list[str]:
    """Stemmed, folded terms as they are stored in the ranked fields."""
    return dutch_terms_of(words(text))


def spelling_terms(text: str) -> list[str]:
    """Folded, unstemmed words as stored in the ``spelling`` field."""
    return spelling_terms_of(words(text))
