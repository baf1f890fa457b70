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


_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = 80) -> str:
    """A slug per the content model: lowercase ascii letters, digits and single hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _SLUG_STRIP.sub("-", ascii_text.replace("'", "")).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")
