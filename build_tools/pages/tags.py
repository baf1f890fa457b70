"""Keywords (the practices' free ``tags``) as links to the keyword index page.

Material's tags plugin (``plugins: tags`` in mkdocs.yml) builds the index: it reads ``tags`` from
the front matter of the generated practice pages and fills the ``<!-- material/tags -->`` listing
on ``trefwoorden.md`` with one section per keyword, anchored ``#tag:<slug>``. This module decides
what the plugin is given, so that every keyword link on a practice page lands on the section that
lists that practice:

* Material prints a tag name into the HTML (the tag chips, the listing headings, the table of
  contents) without escaping it, so names go to the plugin with ``&``, ``<`` and ``>`` escaped
  (:func:`plugin_name`); the anchor is the plugin's slug of exactly that escaped name.
* Keywords are free text, so two spellings can share a slug ("Jobcoach", "jobcoach", "job coach")
  and would make two sections with one anchor. Spellings with the same slug are one keyword,
  shown in the spelling most practices use (:func:`keyword_index`).
* A keyword without a letter or digit ("!!!") has no slug at all; it is shown as plain text and
  not handed to the plugin.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pymdownx.slugs import slugify

from ..model import Practice

#: The tags plugin's defaults for ``tags_slugify``, ``tags_slugify_separator`` and
#: ``tags_slugify_format`` (mkdocs.yml leaves them alone; tests/test_tags.py checks that they
#: still are the plugin's).
SLUGIFY = slugify(case="lower")
SLUG_SEPARATOR = "-"
ANCHOR_FORMAT = "tag:{slug}"
#: The keyword index page, docs-relative.
INDEX_PAGE = "trefwoorden.md"


def plugin_name(tag: str) -> str:
    """The tag as the plugin gets it: whitespace folded, ``&``, ``<`` and ``>`` escaped (Material
    prints tag names as HTML, and only as element text, so quotes need no escaping)."""
    text = " ".join(tag.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def anchor(tag: str) -> str | None:
    """The id of the tag's section on the index page (without ``#``), or None when the tag has no
    letter or digit to make one from."""
    slug = SLUGIFY(plugin_name(tag), SLUG_SEPARATOR)
    return ANCHOR_FORMAT.format(slug=slug) if slug.strip(SLUG_SEPARATOR) else None


@dataclass(frozen=True)
class Keyword:
    #: as shown (one of the spellings the practices use)
    name: str
    #: the section on the index page, or None (plain text, not on the index)
    anchor: str | None
    #: how many practices use it
    count: int = 0

    @property
    def plugin_name(self) -> str:
        return plugin_name(self.name)


@dataclass(frozen=True)
class KeywordIndex:
    #: every linked keyword, A to Z
    keywords: tuple[Keyword, ...]
    #: practice slug -> its keywords in the order the practice lists them, one per anchor
    by_practice: dict[str, tuple[Keyword, ...]]

    def of(self, practice: Practice) -> tuple[Keyword, ...]:
        return self.by_practice.get(practice.slug, ())


def sort_key(name: str) -> tuple[str, str]:
    """A to Z regardless of case, in the order of the plugin's sections (``tag_name_casefold`` in
    mkdocs.yml, which sorts the escaped names)."""
    return (plugin_name(name).casefold(), name)


def keyword_index(practices: Iterable[Practice]) -> KeywordIndex:
    """The keywords of ``practices``: spellings with the same anchor merged into one keyword."""
    practices = list(practices)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    per_practice: dict[str, list[tuple[str, str | None]]] = {}
    for p in practices:
        mine: list[tuple[str, str | None]] = []
        for tag in dict.fromkeys(" ".join(t.split()) for t in p.tags):
            key = anchor(tag)
            if key is None or all(key != k for _, k in mine):
                mine.append((tag, key))
                if key is not None:
                    spellings[key][tag] += 1
        per_practice[p.slug] = mine

    linked = {key: Keyword(_most_used(counts), key, counts.total()) for key, counts in spellings.items()}
    by_practice = {slug: tuple(linked[key] if key else Keyword(tag, None) for tag, key in mine)
                   for slug, mine in per_practice.items()}
    return KeywordIndex(tuple(sorted(linked.values(), key=lambda k: sort_key(k.name))), by_practice)


def _most_used(counts: Counter[str]) -> str:
    """The spelling most practices use; on a tie the first from A to Z."""
    return min(counts, key=lambda name: (-counts[name], sort_key(name)))


def front_matter_tags(keywords: Sequence[Keyword]) -> list[str] | None:
    """``tags`` for a practice page's front matter: the linked keywords, escaped for the plugin."""
    names = [k.plugin_name for k in keywords if k.anchor]
    return names or None
