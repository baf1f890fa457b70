"""Which link targets may appear in the site: the one rule, shared by validation and pages."""

from __future__ import annotations

import html
import re

#: Schemes a link may use; anything else (javascript:, data:, vbscript:, file:, …) is unsafe.
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]+")


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see (lowercase), after entities and invisible characters
    are taken out; None for a relative link. A colon before the first ``/``, ``?`` or ``#``
    without a well-formed scheme counts as the unknown scheme ``"?"``."""
    cleaned = _INVISIBLE.sub("", html.unescape(url or ""))
    match = _SCHEME.match(cleaned)
    if match is not None:
        return match.group(1).lower()
    if ":" in cleaned.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return "?"
    return None


def is_safe_url(url: str) -> bool:
    """True for http(s)/mailto/tel links and for relative links (no scheme at all)."""
    scheme = url_scheme(url)
    return scheme is None or scheme in SAFE_SCHEMES
