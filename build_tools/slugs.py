"""The slug rule: what a practice's file name (without ``.md``) may be, and how one is proposed.

Everything about slugs lives here: the pattern, the length limit, turning a title into a slug
and the validator's message. Region slugs and theme ids follow the same pattern. The
"Praktijk aanmelden" form receives the pattern and limit as data (``build_tools.form``), and
the JSON Schema quotes them (``build_tools.schema``), so neither has its own copy.
"""

from __future__ import annotations

import re
import unicodedata

#: Lowercase letters, digits and single hyphens, as in the content model.
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: The longest slug allowed.
SLUG_MAX = 80
#: Proposed when a title has nothing a slug can be made of.
FALLBACK_SLUG = "mijn-praktijk"

_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """A slug from any text: accents dropped, everything else turned into single hyphens,
    cut at a hyphen so it stays within ``max_length``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _SLUG_STRIP.sub("-", ascii_text.replace("'", "")).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")


def numbered(slug: str, n: int) -> str:
    """``slug`` with ``-n`` appended, shortened first where needed to stay within the limit."""
    suffix = f"-{n}"
    return slug[: SLUG_MAX - len(suffix)].rstrip("-") + suffix


def slug_problem(slug: str) -> str | None:
    """The validator's message (Dutch) when ``slug`` breaks the rule, else None."""
    if len(slug) > SLUG_MAX:
        return f"de bestandsnaam is {len(slug)} tekens lang; maximaal {SLUG_MAX}"
    if not SLUG_RE.match(slug):
        proposal = slugify(slug) or FALLBACK_SLUG
        return (f"bestandsnaam '{slug}.md' is ongeldig: gebruik alleen kleine letters, cijfers en enkele "
                f"koppeltekens, bijvoorbeeld '{proposal}.md'")
    return None
