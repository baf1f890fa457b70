"""Validation: front-matter nodes to a :class:`Practice`, or a list of :class:`Problem`.

Every rule of the content model (``CONTENT-MODEL.md``) lives here. All problems of a file are
collected; none stops the others. Messages are Dutch and name the field; the line is the
line of the key, or of the list item, in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from .frontmatter import Entry, ParsedFile
from .model import Contact, Link, Practice, Problem
from .textutil import close_matches, did_you_mean
from .vocabulary import SLUG_RE, Vocabulary

REQUIRED = ("title", "description", "region", "themes", "organisations", "year")
OPTIONAL = ("status", "funding", "contact", "links", "date", "updated", "tags", "draft")
FIELDS = REQUIRED + OPTIONAL
CONTACT_FIELDS = ("name", "organisation", "email", "phone")
LINK_FIELDS = ("title", "url")
STATUSES = ("lopend", "afgerond")
MIN_YEAR = 2010
SLUG_MAX = 80
TITLE_LEN = (5, 120)
DESCRIPTION_LEN = (20, 300)
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$")

_TYPE_NAMES = {
    str: "tekst",
    int: "een geheel getal",
    float: "een kommagetal",
    bool: "een ja/nee-waarde",
    list: "een lijst",
    dict: "een groep velden",
    dt.date: "een datum",
    dt.datetime: "een datum met tijd",
    type(None): "leeg",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Invalid(Exception):
    """Internal: a value could not be used; the problem has been recorded."""


class _Checker:
    def __init__(self, parsed: ParsedFile, vocab: Vocabulary):
        self.parsed = parsed
        self.vocab = vocab
        self.constructor = SafeConstructor()

    # --- reporting ----------------------------------------------------------------
    def problem(self, line: int, field: str, message: str) -> None:
        self.parsed.problem(line, field, message)

    def fail(self, line: int, field: str, message: str) -> _Invalid:
        self.problem(line, field, message)
        return _Invalid()

    # --- construction -------------------------------------------------------------
    def construct(self, node: yaml.Node, field: str) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, TypeError, OverflowError) as exc:
            if node.tag == "tag:yaml.org,2002:timestamp":
                raise self.fail(node.file_line, field, f"'{node.value}' is geen bestaande datum") from exc
            raise self.fail(node.file_line, field, f"waarde kan niet gelezen worden ({exc})") from exc

    def text(self, node: yaml.Node, field: str, *, what: str = "de tekst") -> str:
        value = self.construct(node, field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self.fail(node.file_line, field, "is leeg")
        if not isinstance(value, str):
            if isinstance(node, yaml.ScalarNode) and not node.style:  # plain (libyaml says '', PyYAML None)
                # A YAML 1.1 surprise: an unquoted word or number read as something else than text.
                raise self.fail(node.file_line, field, (
                    f"YAML leest {node.value} als {_type_name(value)} in plaats van tekst; "
                    f"zet {what} tussen aanhalingstekens: \"{node.value}\""))
            raise self.fail(node.file_line, field, f"moet tekst zijn, maar is {_type_name(value)}")
        return " ".join(value.split()) if "\n" in value else value.strip()

    def text_list(self, node: yaml.Node, field: str, *, example: str, allow_single: bool = False) -> list[tuple[str, int]]:
        """(value, line) pairs of a list of strings; a lone string is accepted when ``allow_single``."""
        if isinstance(node, yaml.ScalarNode):
            if allow_single:
                return [(self.text(node, field), node.file_line)]
            value = self.construct(node, field)
            if value is None or value == "":
                raise self.fail(node.file_line, field, f"is leeg; geef een lijst, bijvoorbeeld: {field}: [{example}]")
            raise self.fail(node.file_line, field, f"moet een lijst zijn, bijvoorbeeld: {field}: [{example}]")
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node.file_line, field, f"moet een lijst zijn, bijvoorbeeld: {field}: [{example}]")
        items: list[tuple[str, int]] = []
        for item in node.value:
            try:
                items.append((self.text(item, field), item.file_line))
            except _Invalid:
                continue
        return items


def _known_field_problem(entry: Entry, fields: tuple[str, ...] = FIELDS) -> str:
    suggestion = close_matches(entry.key, fields, n=1, cutoff=0.6)
    extra = did_you_mean(suggestion)
    return f"onbekend veld{extra}" if extra else (
        f"onbekend veld; toegestaan zijn: {', '.join(fields)}"
    )


def check_fields(checker: _Checker, fields: tuple[str, ...], required: tuple[str, ...],
                 checks: dict[str, Any]) -> tuple[dict[str, Entry], dict[str, Any]]:
    """Duplicate, unknown and missing keys, then every known key through its checker.

    Returns the entries by key and the clean values of the keys that passed. Shared by every
    content type (practices here, meetings in :mod:`build_tools.meetings.validate`).
    """
    entries: dict[str, Entry] = {}
    for entry in checker.parsed.entries:
        if entry.key in entries:
            checker.problem(entry.line, entry.key, f"staat twee keer in de front matter (ook op regel {entries[entry.key].line}); laat er één staan")
            continue
        if entry.key not in fields:
            checker.problem(entry.line, entry.key, _known_field_problem(entry, fields))
            continue
        entries[entry.key] = entry
    for key in required:
        if key not in entries:
            checker.problem(1, key, "ontbreekt (verplicht veld)")

    values: dict[str, Any] = {}
    for key, entry in entries.items():
        try:
            values[key] = checks[key](checker, entry)
        except _Invalid:
            continue
    return entries, values


def check(parsed: ParsedFile, slug: str, path: Path, vocab: Vocabulary) -> Practice | None:
    """Check a parsed file; returns the practice when it has no problems at all."""
    checker = _Checker(parsed, vocab)
    _check_slug(parsed, slug)
    if not parsed.ok:
        return None

    entries, values = check_fields(checker, FIELDS, REQUIRED, _FIELD_CHECKS)

    date, updated = values.get("date"), values.get("updated")
    if date and updated and updated < date:
        checker.problem(entries["updated"].line, "updated", f"{updated.isoformat()} ligt vóór date ({date.isoformat()})")

    if not parsed.body.strip():
        checker.problem(parsed.body_line, "tekst",
                        "de beschrijving onder de front matter is leeg; schrijf de praktijk uit onder "
                        "## Aanleiding, ## Aanpak, ## Resultaten, ## Lessen en ## Contact")

    if parsed.problems:
        return None
    return Practice(
        slug=slug,
        path=path,
        title=values["title"],
        description=values["description"],
        region=values["region"],
        themes=values["themes"],
        organisations=values["organisations"],
        year=values["year"],
        body=parsed.body,
        status=values.get("status"),
        funding=values.get("funding"),
        contact=values.get("contact"),
        links=values.get("links", ()),
        date=date,
        updated=updated,
        tags=values.get("tags", ()),
        draft=values.get("draft", False),
        body_line=parsed.body_line,
    )


def _check_slug(parsed: ParsedFile, slug: str) -> None:
    if len(slug) > SLUG_MAX:
        parsed.problem(1, "slug", f"de bestandsnaam is {len(slug)} tekens lang; maximaal {SLUG_MAX}")
    elif not SLUG_RE.match(slug):
        from .textutil import slugify

        proposal = slugify(slug) or "mijn-praktijk"
        parsed.problem(
            1, "slug",
            f"bestandsnaam '{slug}.md' is ongeldig: gebruik alleen kleine letters, cijfers en enkele "
            f"koppeltekens, bijvoorbeeld '{proposal}.md'",
        )


# --- per-field checks: each takes the checker and the entry, returns the clean value ----------

def _length(checker: _Checker, entry: Entry, value: str, bounds: tuple[int, int]) -> str:
    low, high = bounds
    if not low <= len(value) <= high:
        raise checker.fail(entry.line, entry.key, f"moet {low} tot {high} tekens lang zijn (nu {len(value)})")
    return value


def _title(checker: _Checker, entry: Entry) -> str:
    return _length(checker, entry, checker.text(entry.node, entry.key), TITLE_LEN)


def _description(checker: _Checker, entry: Entry) -> str:
    return _length(checker, entry, checker.text(entry.node, entry.key), DESCRIPTION_LEN)


def _region(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    items = checker.text_list(entry.node, "region", example="Twente, Achterhoek", allow_single=True)
    regions: list[str] = []
    ok = True
    for value, line in items:
        canonical = checker.vocab.resolve_region(value)
        if canonical is None:
            ok = False
            checker.problem(line, "region", f"onbekende arbeidsmarktregio '{value}'" + (
                did_you_mean(checker.vocab.suggest_region(value)) or "; zie de lijst van 35 regio's en 'Landelijk' in CONTRIBUTING.md"))
        elif canonical not in regions:
            regions.append(canonical)
    if not ok:
        raise _Invalid()
    if not regions:
        raise checker.fail(entry.line, "region", "noem minstens één arbeidsmarktregio (of 'Landelijk')")
    return tuple(regions)


def _themes(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    items = checker.text_list(entry.node, "themes", example="beschut-werk, dagbesteding")
    themes: list[str] = []
    ok = True
    for value, line in items:
        theme_id = checker.vocab.resolve_theme(value)
        if theme_id is None:
            ok = False
            checker.problem(line, "themes", f"onbekend thema '{value}'" + (
                did_you_mean(checker.vocab.suggest_theme(value)) or f"; kies uit: {', '.join(checker.vocab.theme_ids)}"))
        elif theme_id not in themes:
            themes.append(theme_id)
    if not ok:
        raise _Invalid()
    if not themes:
        raise checker.fail(entry.line, "themes", "noem minstens één thema")
    return tuple(themes)


def _plain_list(checker: _Checker, entry: Entry, example: str, *, at_least_one: bool) -> tuple[str, ...]:
    items = checker.text_list(entry.node, entry.key, example=example)
    if isinstance(entry.node, yaml.SequenceNode) and len(items) != len(entry.node.value):
        raise _Invalid()
    if at_least_one and not items:
        raise checker.fail(entry.line, entry.key, f"noem er minstens één, bijvoorbeeld: {entry.key}: [{example}]")
    unique: list[str] = []
    for value, _line in items:
        if value not in unique:
            unique.append(value)
    return tuple(unique)


def _organisations(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _plain_list(checker, entry, "Werkbedrijf Voorbeeld", at_least_one=True)


def _tags(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _plain_list(checker, entry, "jobcoaching, leerwerkplek", at_least_one=False)


def _year(checker: _Checker, entry: Entry) -> int:
    value = checker.construct(entry.node, "year")
    this_year = dt.date.today().year
    if isinstance(value, bool) or not isinstance(value, int):
        hint = ""
        if isinstance(value, str) and value.strip().isdigit():
            hint = "; laat de aanhalingstekens weg"
        raise checker.fail(entry.line, "year", f"moet een jaartal zijn (geheel getal), maar is {_type_name(value)}{hint}")
    if value < MIN_YEAR:
        raise checker.fail(entry.line, "year", f"{value} ligt vóór {MIN_YEAR}; de kennisbank gaat over praktijken vanaf {MIN_YEAR}")
    if value > this_year:
        raise checker.fail(entry.line, "year", f"{value} ligt in de toekomst; geef het jaar waarin de praktijk begon")
    return value


def _status(checker: _Checker, entry: Entry) -> str:
    allowed = " of ".join(f"'{s}'" for s in STATUSES)
    value = checker.construct(entry.node, "status")
    if not isinstance(value, str):
        surprise = ""
        if isinstance(value, bool):
            surprise = f" (YAML leest {entry.node.value} als ja/nee-waarde)"
        raise checker.fail(entry.line, "status", f"moet {allowed} zijn{surprise}")
    normalized = value.strip().lower()
    if normalized not in STATUSES:
        raise checker.fail(entry.line, "status", f"'{value}' is ongeldig; moet {allowed} zijn" + did_you_mean(close_matches(value, STATUSES, n=1)))
    return normalized


def _funding(checker: _Checker, entry: Entry) -> str:
    return checker.text(entry.node, "funding")


def _date_value(checker: _Checker, entry: Entry) -> dt.date:
    value = checker.construct(entry.node, entry.key)
    if isinstance(value, dt.datetime):
        raise checker.fail(entry.line, entry.key, "moet een datum zonder tijd zijn (JJJJ-MM-DD)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise checker.fail(entry.line, entry.key, f"'{value.strip()}' is geen bestaande datum") from None
    shown = entry.node.value if isinstance(entry.node, yaml.ScalarNode) else value
    raise checker.fail(entry.line, entry.key, f"'{shown}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2018-03-01")


def _draft(checker: _Checker, entry: Entry) -> bool:
    value = checker.construct(entry.node, "draft")
    if not isinstance(value, bool):
        raise checker.fail(entry.line, "draft", "moet true of false zijn")
    return value


def _mapping(checker: _Checker, node: yaml.Node, field: str, allowed: tuple[str, ...], example: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise checker.fail(node.file_line, field, f"moet een groep velden zijn, bijvoorbeeld: {example}")
    result: dict[str, yaml.Node] = {}
    ok = True
    for key_node, value_node in node.value:
        key = (key_node.value if isinstance(key_node, yaml.ScalarNode) else "").strip() or "(naamloos veld)"
        name = f"{field}.{key}"
        if key in result:
            checker.problem(key_node.file_line, name, "staat twee keer in de groep; laat er één staan")
            ok = False
        elif key not in allowed:
            checker.problem(key_node.file_line, name, "onbekend veld" + (did_you_mean(close_matches(key, allowed, n=1)) or f"; toegestaan: {', '.join(allowed)}"))
            ok = False
        else:
            result[key] = value_node
    if not ok:
        raise _Invalid()
    return result


def _contact(checker: _Checker, entry: Entry) -> Contact:
    fields = _mapping(checker, entry.node, "contact", CONTACT_FIELDS, "contact: {name: Jan Jansen, email: jan@voorbeeld.nl}")
    values: dict[str, str] = {}
    ok = True
    for key, node in fields.items():
        try:
            values[key] = checker.text(node, f"contact.{key}", what="het telefoonnummer" if key == "phone" else "de tekst")
        except _Invalid:
            ok = False
    if "name" not in fields:
        checker.problem(entry.line, "contact.name", "ontbreekt (verplicht binnen contact)")
        ok = False
    email = values.get("email")
    if email is not None and not EMAIL_RE.match(email):
        checker.problem(fields["email"].file_line, "contact.email", f"'{email}' is geen geldig e-mailadres")
        ok = False
    if not ok:
        raise _Invalid()
    return Contact(values["name"], values.get("organisation"), email, values.get("phone"))


def is_web_url(url: str) -> bool:
    """An ``http://`` or ``https://`` address with a host and without spaces."""
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def _links(checker: _Checker, entry: Entry) -> tuple[Link, ...]:
    node = entry.node
    example = "links: [{title: Verslag, url: https://www.voorbeeld.nl/verslag}]"
    if not isinstance(node, yaml.SequenceNode):
        raise checker.fail(entry.line, "links", f"moet een lijst zijn, bijvoorbeeld: {example}")
    links: list[Link] = []
    ok = True
    for item in node.value:
        try:
            fields = _mapping(checker, item, "links", LINK_FIELDS, "- title: Verslag\n    url: https://...")
            missing = [k for k in LINK_FIELDS if k not in fields]
            for key in missing:
                checker.problem(item.file_line, f"links.{key}", "ontbreekt (elke link heeft title en url)")
            if missing:
                raise _Invalid()
            title = checker.text(fields["title"], "links.title")
            url = checker.text(fields["url"], "links.url")
            if not is_web_url(url):
                raise checker.fail(fields["url"].file_line, "links.url", f"'{url}' is geen geldig webadres; alleen http:// of https:// is toegestaan")
            links.append(Link(title, url))
        except _Invalid:
            ok = False
    if not ok:
        raise _Invalid()
    return tuple(links)


_FIELD_CHECKS = {
    "title": _title,
    "description": _description,
    "region": _region,
    "themes": _themes,
    "organisations": _organisations,
    "year": _year,
    "status": _status,
    "funding": _funding,
    "contact": _contact,
    "links": _links,
    "date": _date_value,
    "updated": _date_value,
    "tags": _tags,
    "draft": _draft,
}
