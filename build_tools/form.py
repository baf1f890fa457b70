"""The "Praktijk aanmelden" page: a static form that writes a valid practice file in the browser.

:func:`render_form_page` returns the whole page (Markdown with one raw HTML block), rendered
from the template ``build_tools/templates/form.md.j2``. The page generator of the site
(``build_tools.pages``) writes it to ``docs/aanmelden.md``. The form is plain HTML with the
regions and themes from the vocabularies; ``docs/assets/aanmelden.js`` does the checking and produces the file; the rules
it checks come from :mod:`build_tools.validate` through a ``<script type="application/json"
id="kb-vocab">`` block, so the form and the validator cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from .scaffold import SECTIONS
from .validate import (
    CONTACT_FIELDS,
    DESCRIPTION_LEN,
    EMAIL_RE,
    FIELDS,
    LINK_FIELDS,
    MAX_ITEMS,
    MIN_YEAR,
    REQUIRED,
    STATUSES,
    TITLE_LEN,
)
from .templating import render_template
from .textutil import FORBIDDEN_CHARS, WHITESPACE
from .slugs import SLUG_MAX, SLUG_RE
from .vocabulary import Vocabulary

#: Relative to the page URL ``/aanmelden/``.
SCRIPT_URL = "../assets/aanmelden.js"
STYLE_URL = "../assets/aanmelden.css"
BRANCH = "main"
PRACTICES_DIR = "practices"


def new_file_url(repo_url: str | None) -> str | None:
    """GitHub's "create new file" page of the repository, without query."""
    if not repo_url:
        return None
    return repo_url.rstrip("/").removesuffix(".git") + f"/new/{BRANCH}"


def upload_url(repo_url: str | None) -> str | None:
    """GitHub's "upload files" page for the practices folder: the route for a file too long to
    pass in a web address."""
    if not repo_url:
        return None
    return repo_url.rstrip("/").removesuffix(".git") + f"/upload/{BRANCH}/{PRACTICES_DIR}"


def form_regions(vocab: Vocabulary) -> list:
    """Regions as the form lists them: the national one first, then the regions alphabetically."""
    return sorted(vocab.regions, key=lambda r: (r != vocab.national_region, r.name.casefold()))


def form_data(vocab: Vocabulary, repo_url: str | None, contact: dict[str, str] | None = None) -> dict[str, Any]:
    """Everything the script needs: vocabularies, the validator's rules, where to send the file."""
    return {
        "regions": [{"name": r.name, "slug": r.slug, "aliases": list(r.aliases)} for r in vocab.regions],
        "themes": [{"id": t.id, "label": t.label} for t in vocab.themes],
        "rules": {
            "fields": list(FIELDS),
            "required": list(REQUIRED),
            "title": list(TITLE_LEN),
            "description": list(DESCRIPTION_LEN),
            "minYear": MIN_YEAR,
            "statuses": list(STATUSES),
            "contactFields": list(CONTACT_FIELDS),
            "linkFields": list(LINK_FIELDS),
            "emailPattern": EMAIL_RE.pattern,
            "slugPattern": SLUG_RE.pattern,
            "slugMax": SLUG_MAX,
            "sections": [heading for heading, _ in SECTIONS],
            # The validator's character rule, as regular-expression class bodies the script
            # compiles with the "u" flag: the same characters are refused and trimmed.
            "forbiddenChars": FORBIDDEN_CHARS,
            "whitespace": WHITESPACE,
            "maxItems": dict(MAX_ITEMS),
        },
        "practicesDir": PRACTICES_DIR,
        "newFileUrl": new_file_url(repo_url),
        "uploadUrl": upload_url(repo_url),
        "issueUrl": (repo_url.rstrip("/") + "/issues/new?template=praktijk-aanmelden.yml") if repo_url else None,
        "contactEmail": (contact or {}).get("contact_email"),
    }


def render_form_page(vocab: Vocabulary, repo_url: str | None, contact: dict[str, str] | None = None) -> str:
    """The whole ``docs/aanmelden.md``: front matter, introduction, form, data and script.

    ``contact``: the ``extra.kennisbank`` settings of mkdocs.yml (``contact_email``, ``reviewers``,
    ``review_time``); without an address the e-mail route is left out.
    """
    contact = contact or {}
    return render_template(
        "form.md.j2", data=form_data(vocab, repo_url, contact), vocab=vocab, contact=contact,
        region_items=[(r.name, r.slug, r.name) for r in form_regions(vocab)],
        theme_items=[(t.id, t.id, t.label) for t in vocab.themes],
        sections=SECTIONS, statuses=STATUSES, script_url=SCRIPT_URL, style_url=STYLE_URL,
        rules={"title": TITLE_LEN, "description": DESCRIPTION_LEN, "min_year": MIN_YEAR, "slug_max": SLUG_MAX})
