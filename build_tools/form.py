"""The "Praktijk aanmelden" page: a static form that writes a valid practice file in the browser.

:func:`render_form_page` returns the whole page (Markdown with one raw HTML block). The page
generator of the site (``build_tools.pages``) writes it to ``docs/aanmelden.md``. The form
itself is plain HTML rendered here at build time, with the regions and themes from the
vocabularies; ``docs/assets/aanmelden.js`` does the checking and produces the file; the rules
it checks come from :mod:`build_tools.validate` through a ``<script type="application/json"
id="kb-vocab">`` block, so the form and the validator cannot drift apart.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

import yaml

from .scaffold import SECTIONS
from .validate import (
    CONTACT_FIELDS,
    DESCRIPTION_LEN,
    EMAIL_RE,
    FIELDS,
    LINK_FIELDS,
    MIN_YEAR,
    REQUIRED,
    SLUG_MAX,
    STATUSES,
    TITLE_LEN,
)
from .vocabulary import SLUG_RE, Vocabulary

#: Relative to the page URL ``/aanmelden/``.
SCRIPT_URL = "../assets/aanmelden.js"
STYLE_URL = "../assets/aanmelden.css"
BRANCH = "main"
PRACTICES_DIR = "practices"


def a(value: Any) -> str:
    """Escape for HTML text and attribute values."""
    return escape(str(value), quote=True)


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


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
    """Regions as the form lists them: Landelijk first, then the regions alphabetically."""
    return sorted(vocab.regions, key=lambda r: (r.name != "Landelijk", r.name.casefold()))


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
        },
        "practicesDir": PRACTICES_DIR,
        "newFileUrl": new_file_url(repo_url),
        "uploadUrl": upload_url(repo_url),
        "issueUrl": (repo_url.rstrip("/") + "/issues/new?template=praktijk-aanmelden.yml") if repo_url else None,
        "contactEmail": (contact or {}).get("contact_email"),
    }


# --- HTML pieces --------------------------------------------------------------------------

def _field(id_: str, label: str, control: str, hint: str = "", required: bool = False) -> str:
    mark = ' <span class="kb-required">(verplicht)</span>' if required else ""
    hint_html = f'<p class="kb-hint" id="{id_}-hint">{hint}</p>' if hint else ""
    return (f'<div class="kb-field" data-field="{id_}">'
            f'<label for="{id_}">{label}{mark}</label>{hint_html}{control}'
            f'<p class="kb-error" id="{id_}-error" hidden></p></div>')


def _described(id_: str, hint: bool) -> str:
    ids = ([f"{id_}-hint"] if hint else []) + [f"{id_}-error"]
    return f'aria-describedby="{" ".join(ids)}"'


def _input(id_: str, label: str, hint: str = "", *, required: bool = False, kind: str = "text",
           extra: str = "") -> str:
    req = ' aria-required="true"' if required else ""
    control = (f'<input type="{kind}" id="{id_}" name="{id_}" {_described(id_, bool(hint))}{req} {extra}>')
    return _field(id_, label, control, hint, required)


def _textarea(id_: str, label: str, hint: str = "", *, required: bool = False, rows: int = 4,
              extra: str = "") -> str:
    req = ' aria-required="true"' if required else ""
    control = f'<textarea id="{id_}" name="{id_}" rows="{rows}" {_described(id_, bool(hint))}{req} {extra}></textarea>'
    return _field(id_, label, control, hint, required)


def _checkbox_group(id_: str, legend: str, hint: str, items: list[tuple[str, str, str]],
                    filter_label: str | None = None) -> str:
    """A fieldset of checkboxes: (value, id suffix, label); with ``filter_label`` a text box above
    them that narrows the list while typing (aanmelden.js)."""
    boxes = "".join(
        f'<div class="kb-check"><input type="checkbox" id="{id_}-{a(suffix)}" name="{id_}" value="{a(value)}">'
        f'<label for="{id_}-{a(suffix)}">{a(label)}</label></div>'
        for value, suffix, label in items)
    search = ""
    if filter_label:
        search = (f'<div class="kb-filterbox"><label for="{id_}-filter">{filter_label}</label>'
                  f'<input type="search" id="{id_}-filter" autocomplete="off" spellcheck="false" '
                  f'aria-controls="{id_}-checks" aria-describedby="{id_}-filter-status" data-kb-filter="{id_}">'
                  f'<p class="kb-hint" id="{id_}-filter-status" role="status" aria-live="polite"></p></div>')
    return (f'<fieldset class="kb-group" id="{id_}" {_described(id_, True)}>'
            f'<legend>{legend} <span class="kb-required">(verplicht)</span></legend>'
            f'<p class="kb-hint" id="{id_}-hint">{hint}</p>{search}'
            f'<div class="kb-checks" id="{id_}-checks">{boxes}</div>'
            f'<p class="kb-error" id="{id_}-error" hidden></p></fieldset>')


def _form(vocab: Vocabulary, data: dict[str, Any], contact: dict[str, str]) -> str:
    t_lo, t_hi = TITLE_LEN
    d_lo, d_hi = DESCRIPTION_LEN
    regions = [(r.name, r.slug, r.name) for r in form_regions(vocab)]
    themes = [(t.id, t.id, t.label) for t in vocab.themes]
    status_options = '<option value="">(niet opgegeven)</option>' + "".join(
        f'<option value="{a(s)}">{a(s)}</option>' for s in STATUSES)
    sections = "".join(
        _textarea(f"kb-body-{heading.lower()}", a(heading), a(guidance), rows=5).replace(
            f'-hint kb-body-{heading.lower()}-error"', f'-hint kb-body-hint kb-body-error"')
        for heading, guidance in SECTIONS)
    parts = [
        '<div class="kb-form-wrap">',
        '<div id="kb-draft" class="kb-draft" role="region" aria-labelledby="kb-draft-title" hidden>'
        '<p id="kb-draft-title"><strong>U was hier al eerder bezig.</strong> <span id="kb-draft-when"></span> '
        'Wilt u verdergaan met wat u toen invulde?</p><div class="kb-actions">'
        '<button type="button" class="md-button md-button--primary" id="kb-draft-restore">Ga verder met mijn concept</button>'
        '<button type="button" class="md-button" id="kb-draft-discard">Begin opnieuw</button></div></div>',
        '<div id="kb-summary" class="kb-summary" role="alert" tabindex="-1" hidden></div>',
        '<form id="kb-form" class="kb-form" novalidate hidden>',
        '<h2 id="kb-step-data">1. De vaste gegevens</h2>',
        _input("kb-title", "Titel", f"Kort en beschrijvend, {t_lo} tot {t_hi} tekens.", required=True,
               extra=f'maxlength="{t_hi * 2}" autocomplete="off"'),
        _textarea("kb-description", "Samenvatting in één zin",
                  f"Waar gaat de praktijk over? {d_lo} tot {d_hi} tekens.", required=True, rows=3),
        _checkbox_group("kb-region", "Arbeidsmarktregio('s)",
                        "Kies een of meer regio's, of Landelijk.", regions,
                        filter_label="Zoek een regio of gemeente"),
        _checkbox_group("kb-themes", "Thema's", "Kies een of meer thema's.", themes),
        _textarea("kb-organisations", "Organisaties", "Eén organisatie per regel.", required=True, rows=3),
        _input("kb-year", "Startjaar", f"Het jaar waarin de praktijk begon, vanaf {MIN_YEAR}.",
               required=True, extra='inputmode="numeric" maxlength="4" autocomplete="off"'),
        _field("kb-status", "Status", f'<select id="kb-status" name="kb-status" {_described("kb-status", False)}>'
               f"{status_options}</select>"),
        _input("kb-funding", "Financiering", "Bijvoorbeeld: Sectorplan 2015."),
        '<fieldset class="kb-group" id="kb-contact"><legend>Contactpersoon</legend>'
        '<p class="kb-hint" id="kb-contact-hint">Niet verplicht. Vult u iets in, dan is de naam verplicht.</p>',
        _input("kb-contact-name", "Naam"),
        _input("kb-contact-organisation", "Organisatie"),
        _input("kb-contact-email", "E-mailadres", kind="email", extra='autocomplete="email"'),
        _input("kb-contact-phone", "Telefoonnummer", kind="tel", extra='autocomplete="tel"'),
        '</fieldset>',
        '<fieldset class="kb-group" id="kb-link"><legend>Link naar meer informatie</legend>'
        '<p class="kb-hint" id="kb-link-hint">Niet verplicht. Geef zowel een titel als een webadres.</p>',
        _input("kb-link-title", "Titel van de link"),
        _input("kb-link-url", "Webadres", "Begint met https:// of http://.", kind="url"),
        '</fieldset>',
        _input("kb-tags", "Trefwoorden", "Niet verplicht; scheid ze met komma's."),
        '<h2 id="kb-step-text">2. De beschrijving</h2>',
        '<p class="kb-hint" id="kb-body-hint">Schrijf onder minstens één kopje iets. U mag Markdown '
        'gebruiken: een regel die begint met "- " wordt een opsomming.</p>',
        '<div id="kb-body" class="kb-body">',
        sections,
        '<p class="kb-error" id="kb-body-error" hidden></p></div>',
        '<h2 id="kb-step-file">3. De bestandsnaam</h2>',
        _input("kb-slug", "Bestandsnaam (zonder .md)",
               f"Wordt voorgesteld op basis van de titel. Alleen kleine letters, cijfers en koppeltekens, "
               f"hooguit {SLUG_MAX} tekens.", required=True, extra='autocomplete="off" spellcheck="false"'),
        '<p><button type="submit" class="md-button md-button--primary" id="kb-make">Maak het bestand</button></p>',
        '</form>',
        _result(data, contact),
    ]
    return "\n".join(parts)


def _result(data: dict[str, Any], contact: dict[str, str]) -> str:
    """The result section: the file, the routes to send it in, and what happens next.

    Every route works for a text of any length: a text too long for a web address goes to GitHub
    as an uploaded file and by e-mail as an attachment (aanmelden.js switches the instructions).
    """
    parts = ['<section id="kb-result" class="kb-result" aria-labelledby="kb-result-title" hidden>',
             '<h2 id="kb-result-title" tabindex="-1">Uw praktijkbestand</h2>',
             '<p>Bestandsnaam: <code id="kb-filename"></code>. Kies hieronder hoe u het instuurt.</p>',
             '<p id="kb-message" class="kb-message" role="status" aria-live="polite"></p>']
    email = data["contactEmail"]
    if email:
        parts += [
            '<div class="kb-route" id="kb-route-mail">',
            '<h3 id="kb-route-mail-title">Zonder GitHub-account: per e-mail</h3>',
            f'<p>Stuur uw praktijk naar <a href="mailto:{a(email)}">{a(email)}</a>.</p>',
            '<p id="kb-mail-short">De knop opent uw e-mailprogramma met een nieuw bericht waarin onderwerp en '
            'tekst al zijn ingevuld. U hoeft alleen nog op verzenden te klikken.</p>',
            '<ol id="kb-mail-long" hidden><li>Klik op <strong>Download het bestand</strong>.</li>'
            '<li>Klik op <strong>Open een e-mail</strong>. Uw tekst is te lang om in de e-mail zelf te zetten.</li>'
            '<li>Voeg het gedownloade bestand <code class="kb-slug-file"></code> als bijlage toe aan de e-mail '
            'en verstuur hem.</li></ol>',
            '<div class="kb-actions">'
            f'<a class="md-button md-button--primary" id="kb-mail" href="mailto:{a(email)}">Open een e-mail</a>'
            '<button type="button" class="md-button kb-download">Download het bestand</button></div>',
            '</div>']
    if data["newFileUrl"]:
        parts += [
            '<div class="kb-route" id="kb-route-github">',
            '<h3>Met een GitHub-account: als voorstel</h3>',
            '<p id="kb-github-short">GitHub opent een nieuw bestand met uw tekst en de juiste naam al ingevuld. '
            'Kies onderaan <strong>Propose changes</strong> en daarna <strong>Create pull request</strong>.</p>',
            '<ol id="kb-github-long" hidden><li>Klik op <strong>Download het bestand</strong>.</li>'
            '<li>Klik op <strong>Upload het bestand op GitHub</strong>. Uw tekst is te lang om in één keer via '
            'een webadres naar GitHub te sturen.</li>'
            '<li>Sleep het bestand <code class="kb-slug-file"></code> naar de pagina van GitHub, of kies '
            '<strong>choose your files</strong>.</li>'
            '<li>Kies onderaan <strong>Propose changes</strong> en daarna <strong>Create pull request</strong>.</li></ol>',
            '<div class="kb-actions">'
            '<a class="md-button md-button--primary" id="kb-github" href="#" target="_blank" rel="noopener">'
            'Open als voorstel op GitHub</a>'
            '<button type="button" class="md-button kb-download">Download het bestand</button></div>',
            '</div>']
    parts += [
        '<div class="kb-route">',
        '<h3>Zelf versturen</h3>',
        '<p>U kunt het bestand ook downloaden of de tekst kopiëren en op een andere manier naar de redactie sturen.</p>',
        '<div class="kb-actions">'
        '<button type="button" class="md-button kb-download" id="kb-download">Download het bestand</button>'
        '<button type="button" class="md-button" id="kb-copy">Kopieer de tekst</button></div>',
        '</div>',
        '<h3 id="kb-next">Wat gebeurt er daarna?</h3>',
        f'<p>{a(contact.get("reviewers", "De redactie")).capitalize()} bekijkt uw praktijk '
        f'{a(contact.get("review_time", "zo snel mogelijk"))}. Is er iets onduidelijk, dan neemt de redactie contact '
        'met u op: per e-mail als u de praktijk mailde, op GitHub als u daar een voorstel deed. Is alles in orde, '
        'dan komt de praktijk op de site en in de zoekresultaten.</p>',
        '<label for="kb-output">Inhoud van het bestand</label>',
        '<textarea id="kb-output" rows="16" readonly spellcheck="false"></textarea>',
        '</section>',
    ]
    return "\n".join(parts)


def render_form_page(vocab: Vocabulary, repo_url: str | None, contact: dict[str, str] | None = None) -> str:
    """The whole ``docs/aanmelden.md``: front matter, introduction, form, data and script.

    ``contact``: the ``extra.kennisbank`` settings of mkdocs.yml (``contact_email``, ``reviewers``,
    ``review_time``); without an address the e-mail route is left out.
    """
    contact = contact or {}
    data = form_data(vocab, repo_url, contact)
    meta = yaml.safe_dump({"title": "Praktijk aanmelden",
                           "description": "Meld een goede praktijk aan met een formulier, zonder git of GitHub-kennis.",
                           "edit_url": "", "hide": ["toc"]},
                          allow_unicode=True, sort_keys=False)
    routes = []
    if data["contactEmail"]:
        routes.append("per e-mail (geen account nodig)")
    if data["newFileUrl"]:
        routes.append("als voorstel op GitHub (met een gratis GitHub-account)")
    routes.append("of u downloadt het bestand en stuurt het zelf op")
    issue = ""
    if data["issueUrl"]:
        issue = (f' Liever alleen vertellen over uw praktijk? Gebruik dan het '
                 f'<a href="{a(data["issueUrl"])}">meldingsformulier op GitHub</a>.')
    intro = (
        "# Praktijk aanmelden\n\n"
        "Met dit formulier maakt u in een paar minuten een praktijkbestand voor de kennisbank. "
        "Het formulier controleert uw antwoorden met dezelfde regels als de kennisbank zelf, dus "
        "het bestand is meteen goed. Daarna stuurt u het in: " + ", ".join(routes) + ". "
        "Er wordt niets verstuurd zolang u dat zelf niet doet. Wat u invult, bewaart uw browser als concept "
        "op uw eigen apparaat, zodat het niet verloren gaat; na het insturen wordt het concept gewist.\n\n"
        f"Meer uitleg staat op [Bijdragen](bijdragen.md).{issue}\n\n"
        '<noscript><p class="kb-noscript">Dit formulier heeft JavaScript nodig. Zonder JavaScript kunt u '
        'het voorbeeld op de pagina Bijdragen gebruiken.</p></noscript>\n\n'
    )
    scripts = (f'<link rel="stylesheet" href="{a(STYLE_URL)}">\n'
               f'<script type="application/json" id="kb-vocab">{script_json(data)}</script>\n'
               f'<script src="{a(SCRIPT_URL)}" defer></script>\n')
    return "---\n" + meta + "---\n\n" + intro + _form(vocab, data, contact) + "\n" + scripts + "</div>\n"


def github_new_file_link(repo_url: str, slug: str, text: str) -> str:
    """The same link the script builds (used by tests and documentation)."""
    return (f"{new_file_url(repo_url)}?filename={quote(f'{PRACTICES_DIR}/{slug}.md', safe='/')}"
            f"&value={quote(text, safe='')}")
