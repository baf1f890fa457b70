"""Validation of the links in a practice body (field ``tekst``).

The links are the ones the Markdown parser finds (:func:`build_tools.body.links`), in any
form: ``[x](…)``, ``[x](<…>)``, reference definitions, autolinks, images. A link must be a web
address (http/https), an e-mail address (mailto:), a telephone number (tel:) or an anchor on
the page (``#…``). Anything else is reported: ``javascript:`` and other schemes would be
dropped from the page anyway (the sanitiser is the guarantee), and a relative link like
``www.voorbeeld.nl`` would lead nowhere on the site, because the body is rendered as it stands.
"""

from __future__ import annotations

from .body import BodyTooComplexError, links
from .frontmatter import ParsedFile
from .urls import SAFE_SCHEMES, url_scheme

FIELD = "tekst"
_SHOWN_MAX = 60


def _shown(url: str) -> str:
    """The target as it may be printed in a message: one line, no control characters, short."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in url)
    return clean if len(clean) <= _SHOWN_MAX else clean[:_SHOWN_MAX - 1] + "…"


def problem_with(url: str) -> str | None:
    """Why ``url`` may not be a link in a practice body (Dutch), or None when it may."""
    scheme = url_scheme(url)
    if scheme in SAFE_SCHEMES or (scheme is None and url.strip().startswith("#")):
        return None
    if not url.strip():
        return "link zonder adres; zet het webadres tussen de haakjes, bijvoorbeeld [tekst](https://www.voorbeeld.nl)"
    if scheme is None:
        return (f"link '{_shown(url)}' is geen volledig webadres; begin met https:// "
                "(of mailto: voor een e-mailadres)")
    return (f"link '{_shown(url)}' is niet toegestaan; gebruik een webadres (https://…), "
            "e-mailadres (mailto:…) of telefoonnummer (tel:…)")


def _line_of(lines: list[str], url: str, after: int) -> int | None:
    """Index of the first line (from ``after``, then from the top) that holds ``url`` as
    written, with or without backslash escapes."""
    for start in (after, 0):
        for i in range(start, len(lines)):
            if url in lines[i] or url in lines[i].replace("\\", ""):
                return i
    return None


def check_body_links(parsed: ParsedFile) -> None:
    """Record a problem, on the body line where it stands, for every link that is not allowed."""
    try:
        found = links(parsed.body)
    except BodyTooComplexError as exc:
        parsed.problem(parsed.body_line + parsed.body.count("\n", 0, exc.offset), FIELD, str(exc))
        return
    if not found:
        return
    lines = parsed.body.split("\n")
    cursor = 0
    reported: set[tuple[int, str]] = set()
    for url in found:
        message = problem_with(url)
        if message is None:
            continue
        index = _line_of(lines, url.strip() or "]()", cursor)
        cursor = index if index is not None else cursor
        line = parsed.body_line + cursor
        if (line, message) not in reported:  # one reference definition used twice: one problem
            reported.add((line, message))
            parsed.problem(line, FIELD, message)
