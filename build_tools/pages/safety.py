"""Making front-matter values and contributed Markdown safe to publish.

Contributors write Markdown, not HTML. Three rules keep anything executable out of the site:

* every front-matter value is escaped by the page templates (:mod:`build_tools.templating`:
  autoescaping, and the ``md`` filter where it lands in Markdown),
* raw HTML in a practice body is turned into text (``<`` becomes ``&lt;`` outside code),
* only web links survive: :mod:`build_tools.pages.safe_links` neutralises ``javascript:``
  and other schemes, and strips event-handler attributes, in every rendered page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

#: Schemes a link may use; anything else (javascript:, data:, vbscript:, file:, …) is dropped.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def is_safe_url(url: str) -> bool:
    """True for http(s)/mailto/tel links and for relative links (no scheme at all)."""
    cleaned = _INVISIBLE.sub("", html.unescape(url or ""))
    match = _SCHEME.match(cleaned)
    if match is None:
        # No scheme: relative link or #anchor, unless a scheme hides behind odd characters.
        return ":" not in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return match.group(1).lower() in SAFE_SCHEMES


def md_url(url: str) -> str:
    """A URL for a Markdown link destination ``[t](HERE)``: characters that would end or
    confuse the destination are percent-encoded; unsafe schemes become ``#``."""
    if not is_safe_url(url):
        return "#"
    return quote(url.strip(), safe="/:?#[]@!$&'*+,;=%~-._")  # keeps the URL as is, encodes ( ) < > " space


# --- raw HTML in bodies -----------------------------------------------------------------
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
#: Autolinks Python-Markdown turns into links itself (it escapes them properly).
_AUTOLINK = re.compile(r"<(?:https?://[^\s<>\"'`]+|mailto:[^\s<>\"'`]+|[^\s<>\"'`@]+@[^\s<>\"'`]+)>", re.I)


def _escape_text(segment: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _AUTOLINK.finditer(segment):
        out.append(segment[pos:match.start()].replace("<", "&lt;"))
        out.append(match.group(0))
        pos = match.end()
    out.append(segment[pos:].replace("<", "&lt;"))
    return "".join(out)


def _escape_line(line: str) -> str:
    out: list[str] = []
    pos = 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_escape_text(line[pos:match.start()]))
        out.append(match.group(0))  # code spans are escaped by Markdown itself
        pos = match.end()
    out.append(_escape_text(line[pos:]))
    return "".join(out)


def escape_raw_html(markdown: str) -> str:
    """Turn raw HTML in Markdown into visible text: ``<`` outside fenced code and code spans
    becomes ``&lt;``; http(s) and e-mail autolinks (``<https://…>``) keep working.

    Indented code blocks are treated as text, so a ``<`` there shows as ``&lt;``: a cosmetic
    price for never guessing wrong about what is code.
    """
    lines = markdown.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        lines[i] = _escape_line(line)
    return "\n".join(lines)


_MD_LINK_DEST = re.compile(r"(\]\(\s*<?)([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)")
_MD_REF_DEF = re.compile(r"^( {0,3}\[[^\]]+\]:\s*<?)(\S+?)(>?(?:\s|$))", re.M)


def neutralise_links(markdown: str) -> str:
    """Replace unsafe link destinations in Markdown (``[x](javascript:…)``, reference
    definitions) by ``#``. The ``safe_links`` extension does the same on the rendered tree;
    this keeps the generated files safe on their own."""
    def inline(match: re.Match) -> str:
        return match.group(1) + (match.group(2) if is_safe_url(match.group(2)) else "#")

    def ref(match: re.Match) -> str:
        return match.group(1) + (match.group(2) if is_safe_url(match.group(2)) else "#") + match.group(3)

    return _MD_REF_DEF.sub(ref, _MD_LINK_DEST.sub(inline, markdown))


def safe_body(markdown: str) -> str:
    """A contributed practice body made safe to publish (see module docs)."""
    return neutralise_links(escape_raw_html(markdown))
