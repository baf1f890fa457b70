"""Making front-matter values and contributed Markdown safe to publish.

Contributors write Markdown, not HTML. Three rules keep anything executable out of the site:

* every front-matter value is escaped by the page templates (:mod:`build_tools.templating`:
  autoescaping, and the ``md`` filter where it lands in Markdown),
* a practice body is rendered to HTML here, by the parser of :mod:`build_tools.body` (raw HTML
  shown as text) and then cleaned with an allow-list (:mod:`.sanitise`); the generated page
  holds that clean HTML, so the file on disk is safe whichever tool builds the site from it
  (MkDocs, or Zensical, which ignores MkDocs hooks),
* only web links survive: :mod:`build_tools.pages.safe_links` neutralises ``javascript:``
  and other schemes, and strips event-handler attributes, in every rendered page.

Why render the body here instead of leaving it to MkDocs: escaping raw HTML in Markdown *before*
the parser means guessing what the parser will call code, and every guess about fences
(indented, unclosed, longer closing fences, ``~~~`` closed by ``~~~~``) let a ``<script>``
through. Cleaning the parser's *output* needs no guess. The body's headings are written back as
Markdown headings, so they keep their place in the page's table of contents and their
permalinks; the rest of the body is embedded as clean HTML blocks.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from urllib.parse import quote

from markdown.extensions.toc import slugify

from .. import body as body_markdown
from ..urls import SAFE_SCHEMES, is_safe_url  # noqa: F401 (re-exported for the pages)
from .sanitise import RESERVED_ID_PREFIXES, sanitise


def md_url(url: str) -> str:
    """A URL for a Markdown link destination ``[t](HERE)``: characters that would end or
    confuse the destination are percent-encoded; unsafe schemes become ``#``."""
    if not is_safe_url(url):
        return "#"
    # Keeps the URL as it is, but encodes ( ) < > " ' and spaces, which could end the
    # destination or an HTML attribute around it.
    return quote(url.strip(), safe="/:?#[]@!$&*+,;=%~-._")


# --- practice bodies ----------------------------------------------------------------------
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Elements without an end tag, as the sanitiser writes them (``<br>``, ``<hr>``).
_VOID = frozenset({"br", "hr", "img", "wbr"})
#: The class of the blocks that hold a body's clean HTML.
BODY_CLASS = "kb-tekst"


class _TopLevelHeadings(HTMLParser):
    """Finds the headings at the top level of clean HTML: (start, end, level, text, id)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
        self._depth = 0
        self._open: list | None = None
        self.headings: list[tuple[int, int, int, str, str | None]] = []

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        if self._depth == 0 and tag in _HEADINGS:
            self._open = [self._offset(), tag, dict(attrs).get("id"), []]
        self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self._depth -= 1
        if self._depth == 0 and self._open is not None and tag == self._open[1]:
            start, name, ident, parts = self._open
            end = self._offset() + len(f"</{tag}>")
            self.headings.append((start, end, int(name[1]), "".join(parts), ident))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[3].append(data)


def _html_block(fragment: str) -> str:
    fragment = fragment.strip()
    return f'<div class="{BODY_CLASS}">\n{fragment}\n</div>\n' if fragment else ""


def _heading_id(heading: str) -> str | None:
    """An id for a heading whose automatic id (the table of contents' own slug) would start
    like the theme's or the site's ids (``__drawer``, ``kb-…``); None when the automatic one is fine."""
    slug = slugify(heading, "-")
    return f"kop-{slug.strip('_-') or 'tekst'}" if slug.lower().startswith(RESERVED_ID_PREFIXES) else None


def safe_body(markdown: str) -> str:
    """A contributed practice body as page Markdown: clean HTML blocks between Markdown headings."""
    from ..templating import markdown_text  # the one Markdown-text escape (imports this module)

    try:
        clean = sanitise(body_markdown.to_html(markdown))
    except body_markdown.BodyTooComplexError:  # validation reports it; never a crash here
        clean = f"<p>{html.escape(markdown)}</p>"
    finder = _TopLevelHeadings(clean)
    finder.feed(clean)
    finder.close()
    parts: list[str] = []
    pos = 0
    for start, end, level, heading, ident in finder.headings:
        if not heading.strip():
            continue  # an empty heading stays in the HTML; a Markdown heading needs text
        parts.append(_html_block(clean[pos:start]))
        # ident passed the sanitiser's id rule (letters, digits, - and _): safe in { #… }.
        ident = ident or _heading_id(heading)
        anchor = f" {{ #{ident} }}" if ident else ""
        parts.append(f"{'#' * level} {markdown_text(heading)}{anchor}\n")
        pos = end
    parts.append(_html_block(clean[pos:]))
    return "\n".join(p for p in parts if p)
