"""The Whoosh schema and Dutch text analysis of the search index.

Two analyzers:

* ``dutch_analyzer`` for the ranked text fields: words are lowercased, accents folded
  ("financiële" -> "financiele"), Dutch stop words dropped and the rest stemmed with the
  Snowball Dutch stemmer ("werkgevers" -> "werkgever", "leerwerkplekken" -> "leerwerkplek").
* ``spelling_analyzer`` for the ``spelling`` field: lowercased and accent-folded but *not*
  stemmed. "Bedoelde je …?" suggestions come from here, since corrections built from stems
  ("werkgev") are not words a reader would type. Prefix queries also look here, because a
  stem can be shorter than what the user typed ("werkplaats*" vs the stem "werkplat").

Bump :data:`SCHEMA_VERSION` whenever the schema, the analyzers or the document shape
change: an index written by another version is rebuilt automatically.
"""

from __future__ import annotations

import re
from typing import Any

from . import fastpath  # noqa: F401  (first: imports Whoosh lightly)
from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from .analysis import MAX_WORD, MIN_SPELLING, STOP_WORDS, TOKEN, dutch_terms_of, spelling_terms_of, words
from .results import MEETING, PRACTICE
from .version import SCHEMA_VERSION  # noqa: F401  (re-exported)

#: Query fields and their weights: title above description above organisations/tags above body.
FIELD_WEIGHTS: dict[str, float] = {
    "title": 5.0,
    "description": 3.0,
    "organisations": 2.0,
    "tags": 2.0,
    "labels": 1.5,
    "body": 1.0,
}


# The analyzers below are what Whoosh itself uses (highlighting, key terms of a text); the
# index is fed term lists from search.analysis, which gives the same terms much faster.

def dutch_analyzer():
    return (RegexTokenizer(TOKEN)
            | LowercaseFilter()
            | CharsetFilter(accent_map)
            | StopFilter(stoplist=STOP_WORDS, minsize=1, maxsize=MAX_WORD)
            | StemFilter(lang="nl", cachesize=-1))  # unbounded dict cache (Whoosh's LFU cache is slow)


def spelling_analyzer():
    return (RegexTokenizer(TOKEN)
            | LowercaseFilter()
            | CharsetFilter(accent_map)
            | StopFilter(stoplist=(), minsize=MIN_SPELLING, maxsize=MAX_WORD))


def build_schema() -> fields.Schema:
    dutch = dutch_analyzer()
    return fields.Schema(
        # "<type>:<path>": a practice and a meeting may have the same file name
        key=fields.ID(unique=True),
        type=fields.ID(stored=True),
        path=fields.ID(stored=True),
        slug=fields.ID(stored=True),
        title=fields.TEXT(analyzer=dutch, stored=True),
        description=fields.TEXT(analyzer=dutch, stored=True),
        organisations=fields.TEXT(analyzer=dutch),
        tags=fields.TEXT(analyzer=dutch),
        labels=fields.TEXT(analyzer=dutch),
        # no term vectors: similar() takes a practice's key terms from its stored text, which
        # search.analysis analyses faster than Whoosh writes vectors at index time
        body=fields.TEXT(analyzer=dutch, stored=True),
        spelling=fields.TEXT(analyzer=spelling_analyzer(), phrase=False),
        region=fields.KEYWORD(stored=True, commas=True, scorable=False),
        themes=fields.KEYWORD(stored=True, commas=True, scorable=False),
        org_key=fields.KEYWORD(commas=True, scorable=False),
        year=fields.NUMERIC(int, stored=True),
        info=fields.STORED(),
    )


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"(^|\n)\s{0,3}(?:#{1,6}\s*|>\s?|[-*+]\s+|\d+[.)]\s+)|[*_`~|]+|<[^>\n]+>")
_SPACES = re.compile(r"[ \t]*\n[ \t\n]*|[ \t]{2,}")


def plain_text(markdown: str) -> str:
    """Markdown reduced to readable text for snippets: no headings marks, emphasis or link URLs."""
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_MARKUP.sub(lambda m: m.group(1) or " ", text)
    return _SPACES.sub(lambda m: "\n" if "\n" in m.group(0) else " ", text).strip()


def org_key(name: str) -> str:
    from build_tools.textutil import fold

    return fold(name).replace(",", " ")


def _labels(vocab, regions, themes) -> list[str]:
    labels = []
    for name in regions:
        labels.append(name)
        labels.extend(vocab.region(name).aliases)
    for theme_id in themes:
        labels.append(vocab.theme(theme_id).label)
    return labels


def document(practice, rel: str) -> dict[str, Any]:
    """The index document of one published practice; ``rel`` is its path inside the folder."""
    from build_tools.vocabulary import default_vocabulary

    labels = _labels(default_vocabulary(), practice.region, practice.themes)
    return _document(PRACTICE, rel, practice, practice.organisations, practice.tags, labels, practice.year,
                     {})


def meeting_document(meeting, rel: str) -> dict[str, Any]:
    """The index document of one published meeting; ``rel`` is its path inside the meetings folder.
    Its organisers count as organisations, the year of its date as its year; the kind's label and
    the place are searchable words."""
    from build_tools.meetings.kinds import default_kinds
    from build_tools.vocabulary import default_vocabulary

    labels = _labels(default_vocabulary(), meeting.region, meeting.themes)
    labels.append(default_kinds().get(meeting.kind).label)
    place = [meeting.location.name, meeting.location.city or ""] if meeting.location else []
    return _document(MEETING, rel, meeting, meeting.organisers, place, labels, meeting.date.year,
                     {"date": meeting.date.isoformat(), "kind": meeting.kind})


def _document(kind: str, rel: str, item, organisations, tags, labels, year: int, extra: dict) -> dict[str, Any]:
    body = plain_text(item.body)
    # Each text is tokenized once; the ranked fields and the spelling field get term lists
    # (Whoosh indexes a list as pre-analysed terms), the stored fields keep the text.
    title_w = words(item.title)
    description_w = words(item.description)
    organisations_w = words("\n".join(organisations))
    tags_w = words("\n".join(tags))
    labels_w = words("\n".join(labels))
    body_w = words(body)
    spelling = spelling_terms_of(title_w + description_w + organisations_w + tags_w + labels_w + body_w)
    return {
        "key": f"{kind}:{rel}",
        "type": kind,
        "path": rel,
        "slug": item.slug,
        "title": dutch_terms_of(title_w),
        "_stored_title": item.title,
        "description": dutch_terms_of(description_w),
        "_stored_description": item.description,
        "organisations": dutch_terms_of(organisations_w),
        "tags": dutch_terms_of(tags_w),
        "labels": dutch_terms_of(labels_w),
        "body": dutch_terms_of(body_w),
        "_stored_body": body,
        "spelling": spelling,
        "region": ",".join(item.region),
        "themes": ",".join(item.themes),
        "org_key": ",".join(org_key(o) for o in organisations),
        "year": year,
        "info": {
            "region": list(item.region),
            "themes": list(item.themes),
            "organisations": list(organisations),
            "year": year,
            **extra,
        },
    }
