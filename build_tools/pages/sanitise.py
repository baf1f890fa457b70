"""The allow-list for contributed HTML: what a practice body may contain on a page.

The rendered body (:func:`build_tools.body.to_html`) goes through ``nh3``, the Python binding
of the Rust sanitiser Ammonia, which parses it as a browser would (html5ever) and keeps only
the tags and attributes below. This is the guarantee; the parser switching raw HTML off is the
first line, this the last: whatever a contributor writes and however the Markdown is read,
no script, no event handler, no ``style`` (a fixed overlay over the page) and no link other
than http(s), mailto and tel reaches the page.
"""

from __future__ import annotations

import re

import nh3

from ..urls import SAFE_SCHEMES

#: What Markdown produces, nothing more. No ``img``: the site loads nothing from other hosts,
#: and a practice's own files are not published.
TAGS = frozenset({
    "a", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "ol", "p", "pre", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul",
})
ATTRIBUTES = {"*": {"id", "class"}, "a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
#: Classes the body's Markdown extensions set (admonitions, code languages). Classes a
#: contributor sets with ``{: .name }`` are dropped unless listed: the theme has classes that
#: position an element over the page.
ADMONITION_TYPES = frozenset({
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check",
    "done", "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing",
    "danger", "error", "bug", "example", "quote", "cite",
})
CLASSES = frozenset({"admonition", "admonition-title"}) | ADMONITION_TYPES
_LANGUAGE_CLASS = re.compile(r"^language-[a-z0-9_+#-]{1,30}$")
#: Ids the contributor may set with ``{: #name }``; not ones the theme or the site use.
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,79}$")
RESERVED_ID_PREFIXES = ("md", "kb-", "__")


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "class":
        kept = [c for c in value.split() if c in CLASSES or (tag == "code" and _LANGUAGE_CLASS.match(c))]
        return " ".join(kept) or None
    if name == "id":
        return value if _ID.match(value) and not value.lower().startswith(RESERVED_ID_PREFIXES) else None
    return value


def sanitise(html: str) -> str:
    """``html`` with everything outside the allow-list removed (the text of a removed tag stays,
    except inside ``script`` and ``style``, which go entirely)."""
    return nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                     attribute_filter=_attribute_filter, url_schemes=set(SAFE_SCHEMES),
                     strip_comments=True, link_rel=None)
