"""Small text helpers shared by validation, vocabularies and the CLI."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s\-_/]+")


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive key: ``"Zuid Limburg"`` == ``"zuid-limburg"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    without_accents = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", without_accents.replace("'", "").replace("\u2019", "")).strip()


def close_matches(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Candidates that look like ``word`` (case- and accent-insensitive), best first."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    keys = difflib.get_close_matches(fold(word), list(by_key), n=n, cutoff=cutoff)
    return [by_key[key] for key in keys]


def did_you_mean(suggestions: list[str]) -> str:
    """``"; bedoelde je 'x'?"`` or ``"; bedoelde je 'x' of 'y'?"``, empty without suggestions."""
    if not suggestions:
        return ""
    quoted = [f"'{s}'" for s in suggestions]
    if len(quoted) == 1:
        return f"; bedoelde je {quoted[0]}?"
    return f"; bedoelde je {', '.join(quoted[:-1])} of {quoted[-1]}?"


# --- which characters a value may contain ---------------------------------------------------
# One rule, used by the validator, by everything that prints to a terminal, and (exported as
# JSON by build_tools/form.py) by the "Praktijk aanmelden" form. Both are written as the body
# of a regular-expression character class that Python's ``re`` and JavaScript's ``RegExp``
# (with the ``u`` flag) read the same way.

#: Never allowed in a front-matter value: C0 controls except tab and newline (ESC starts
#: terminal escape sequences, CR overwrites a line), DEL and the C1 controls (U+0085 NEL
#: included), lone surrogates (they cannot be written as UTF-8 and crash every later stage),
#: the invisible line/paragraph separators and byte-order mark, the bidirectional overrides and
#: isolates (they reorder text on screen, "Trojan source") and the non-characters U+FFFE/FFFF.
FORBIDDEN_CHARS = (
    "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069"
    "\\ud800-\\udfff\\ufeff\\ufffe\\uffff"
)
#: White space that is trimmed and collapsed, identical in Python and the browser. It is what
#: both ``str.split()`` and JavaScript's ``\s`` treat as white space once the forbidden
#: characters are left out, written out so neither side depends on its language's definition.
WHITESPACE = "\\t\\n \\xa0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000"

FORBIDDEN_RE = re.compile(f"[{FORBIDDEN_CHARS}]")
_WHITESPACE_RE = re.compile(f"[{WHITESPACE}]+")


def forbidden_char(text: str) -> str | None:
    """The first character of ``text`` that no value may contain, or None."""
    match = FORBIDDEN_RE.search(text)
    return match.group(0) if match else None


def char_name(ch: str) -> str:
    """``U+001B`` for a character, as shown in messages."""
    return f"U+{ord(ch):04X}"


def forbidden_char_message(ch: str) -> str:
    """The validator's message for a value containing the forbidden character ``ch``."""
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        kind = "een losse surrogaatcode, geen echt teken"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        kind = "een onzichtbaar teken dat de leesrichting verandert"
    elif code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
        kind = "een onzichtbaar teken"
    else:
        kind = "een onzichtbaar stuurteken"
    return f"bevat een teken dat niet is toegestaan ({char_name(ch)}, {kind}); verwijder het"


#: The same white space as a string for ``str.strip`` (a regex anchored at the end would be
#: quadratic on long runs of spaces); tests/test_textutil.py checks it against WHITESPACE.
_WHITESPACE_CHARS = "\t\n \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


def clean_text(text: str) -> str:
    """A value as the validator keeps it: white space collapsed when it spans lines, else trimmed."""
    if "\n" in text:
        return " ".join(part for part in _WHITESPACE_RE.split(text) if part)
    return text.strip(_WHITESPACE_CHARS)


def printable(text: str) -> str:
    """``text`` safe for a terminal: every forbidden character shown as a visible escape.

    Tab and newline stay. ``"\\x1b]0;x\\x07"`` becomes the literal text ``\\x1b]0;x\\x07``, so a
    value or file name can neither move the cursor, set the window title nor hide text.
    """
    return FORBIDDEN_RE.sub(_escape_char, text)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, width: int = 60) -> str:
    """``text`` cut to ``width`` characters with "…", for quoting a value in a message."""
    return text if len(text) <= width else text[:width - 1] + "…"
