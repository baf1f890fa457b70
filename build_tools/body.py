"""How a contributed practice body is read as Markdown: the one parser configuration.

A body is written by a contributor, so its raw HTML is not trusted. This parser is
Python-Markdown with the same block syntax the site offers (fenced code, tables, admonitions,
attribute lists, definition lists) but with raw-HTML handling switched off: the raw-HTML block
preprocessor and the inline raw-HTML pattern are removed, so ``<script>`` is ordinary text that
the serializer escapes, whatever the fences around it look like. No fence rule is imitated
here; the parser decides what is code.

Two users, one parse: the page generator renders bodies with :func:`to_html` (and then
sanitises the HTML with an allow-list, :mod:`build_tools.pages.sanitise`), and validation reads
the links with :func:`links` (:mod:`build_tools.body_links`), so a link is reported exactly when
the page would contain it.
"""

from __future__ import annotations

import threading
from xml.etree import ElementTree as etree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

# No def_list: contributors do not use definition lists, and its block processor takes
# seconds on a few thousand ":" lines.
EXTENSIONS = ("fenced_code", "tables", "admonition", "attr_list")
#: ``align`` instead of a ``style`` attribute, so the sanitiser can drop every ``style``.
EXTENSION_CONFIGS = {"tables": {"use_align_attribute": True}}
#: Python-Markdown looks for the end of a link from every "[" to the end of its paragraph: work
#: grows with the square of the number of brackets (20,000 take minutes). No practice needs more.
MAX_BRACKETS = 1_000
#: Element attributes that hold a link target.
LINK_ATTRIBUTES = {"a": "href", "img": "src"}


class BodyTooComplexError(Exception):
    """The body cannot be read within reasonable time or stack; the message is Dutch and
    ``offset`` is where in the body the problem starts (0 when it is the body as a whole)."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.offset = offset


class _NoRawHtml(Extension):
    """Raw HTML becomes text: no ``html_block`` preprocessor, no inline ``html`` pattern."""

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's API)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _CollectLinks(Treeprocessor):
    """Records every link target of the finished tree (after inline patterns)."""

    def run(self, root: etree.Element) -> None:
        found: list[str] = []
        for element in root.iter():
            name = LINK_ATTRIBUTES.get(element.tag)
            if name and element.get(name) is not None:
                # Automatic e-mail links hide their letters as entities behind a placeholder.
                found.append(element.get(name).replace(AMP_SUBSTITUTE, "&"))
        self.md.kennisbank_links = found
        return None


class _Links(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_CollectLinks(md), "kennisbank_links", 1)


_local = threading.local()  # Markdown instances keep state between calls: one per thread


def _parser() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(extensions=[*EXTENSIONS, _NoRawHtml(), _Links()],
                                           extension_configs=EXTENSION_CONFIGS)
    return md.reset()


def _convert(body: str) -> markdown.Markdown:
    """The parser after converting ``body``; its output is in ``md.kennisbank_html``."""
    if body.count("[") > MAX_BRACKETS:
        offset = -1
        for _ in range(MAX_BRACKETS + 1):
            offset = body.index("[", offset + 1)
        raise BodyTooComplexError(f"de tekst bevat {body.count('[')} keer '['; hooguit {MAX_BRACKETS} "
                                  "(zo veel haken maakt de tekst te zwaar om te verwerken)", offset)
    md = _parser()
    try:
        md.kennisbank_html = md.convert(body)
    except RecursionError:
        _local.md = None  # its state is undefined now
        raise BodyTooComplexError("de tekst is te diep genest (lijsten of citaten in elkaar); "
                                  "maak de opbouw eenvoudiger") from None
    return md


def to_html(body: str) -> str:
    """The body as HTML, raw HTML shown as text (not yet sanitised: attribute lists may still
    set any attribute; see :mod:`build_tools.pages.sanitise`). Raises
    :class:`BodyTooComplexError` for a body the parser cannot handle."""
    return _convert(body).kennisbank_html


def links(body: str) -> list[str]:
    """Every link and image target in the body, as the parser read it, in document order."""
    # A link needs "](" (inline), "]:" (reference definition) or "<" (autolink): a body
    # without any of them has no links, and validation need not parse it.
    if "](" not in body and "]:" not in body and "<" not in body:
        return []
    return list(_convert(body).kennisbank_links)
