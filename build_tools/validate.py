"""Validation: front-matter nodes to a :class:`Practice`, or a list of :class:`Problem`.

Every rule of the content model lives here (explained for contributors in CONTRIBUTING.md,
"De vaste gegevens"; as a JSON Schema in ``schema/practice.schema.json``, made from these rules
by :mod:`build_tools.schema`). All problems of a file are collected; none stops the others. Messages are Dutch and name the field; the line is the
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

from .body_links import check_body_links
from .frontmatter import Entry, ParsedFile
from .model import Contact, Link, Practice, Problem
from .textutil import clean_text, close_matches, did_you_mean, forbidden_char, forbidden_char_message, shorten
from .slugs import slug_problem
from .vocabulary import Vocabulary

REQUIRED = ("title", "description", "region", "themes", "organisations", "year")
OPTIONAL = ("status", "funding", "contact", "links", "date", "updated", "tags", "draft")
FIELDS = REQUIRED + OPTIONAL
CONTACT_FIELDS = ("name", "organisation", "email", "phone")
LINK_FIELDS = ("title", "url")
STATUSES = ("lopend", "afgerond")
MIN_YEAR = 2010
TITLE_LEN = (5, 120)
DESCRIPTION_LEN = (20, 300)
#: The most items a list may have. Far above what a practice needs (the largest today has 9 tags,
#: 3 organisations and 1 link) and small enough that a page, a search facet and a CSV cell stay
#: readable; it also bounds the work per file. ``region`` and ``themes`` are bounded by their
#: vocabularies (35 regions and Landelijk; every theme) in :func:`_vocabulary_list`.
MAX_ITEMS = {"organisations": 50, "tags": 50, "links": 20}
#: At most this many "bedoelde je" suggestions are looked for per file; a file with thousands of
#: unknown values still gets every problem, only without a suggestion.
MAX_SUGGESTIONS = 20
#: How a start year must be written: four plain digits. YAML 1.1 also reads ``0x7E0``, ``03740``,
#: ``33:36`` and ``2_016`` as 2016; those are refused with the reason (:func:`_year_surprise`).
YEAR_RE = re.compile(r"[1-9][0-9]{3}")
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
    bytes: "binaire gegevens",
    set: "een verzameling",
}


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), "een ander soort waarde")


def _tag_name(tag: str) -> str:
    """``!!int`` for ``tag:yaml.org,2002:int``; other tags as written."""
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


_RESOLVER = yaml.resolver.Resolver()


class _Invalid(Exception):
    """Internal: a value could not be used; the problem has been recorded."""


class _Checker:
    def __init__(self, parsed: ParsedFile, vocab: Vocabulary):
        self.parsed = parsed
        self.vocab = vocab
        self.constructor = SafeConstructor()
        self.suggestions_left = MAX_SUGGESTIONS

    def suggest(self, word: str, find) -> list[str]:
        """``find(word)``'s suggestions while this file's budget lasts (difflib is not cheap)."""
        if self.suggestions_left <= 0 or len(word) > 100:
            return []
        self.suggestions_left -= 1
        return find(word)

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
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise anything on odd input
            raise self.fail(node.file_line, field, _construct_message(node, exc)) from exc

    def text(self, node: yaml.Node, field: str, *, what: str = "de tekst") -> str:
        value = self.construct(node, field)
        if isinstance(value, str):
            bad = forbidden_char(value)
            if bad is not None:
                raise self.fail(node.file_line, field, forbidden_char_message(bad))
            value = clean_text(value)
        if value is None or value == "":
            raise self.fail(node.file_line, field, "is leeg")
        if not isinstance(value, str):
            if isinstance(node, yaml.ScalarNode) and not node.style:  # plain (libyaml says '', PyYAML None)
                # A YAML 1.1 surprise: an unquoted word or number read as something else than text.
                raise self.fail(node.file_line, field, (
                    f"YAML leest {shorten(node.value)} als {_type_name(value)} in plaats van tekst; "
                    f"zet {what} tussen aanhalingstekens: \"{shorten(node.value)}\""))
            raise self.fail(node.file_line, field, f"moet tekst zijn, maar is {_type_name(value)}")
        return value

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
        self.check_count(node, field)
        items: list[tuple[str, int]] = []
        for item in node.value:
            try:
                items.append((self.text(item, field), item.file_line))
            except _Invalid:
                continue
        return items

    def check_count(self, node: yaml.SequenceNode, field: str) -> None:
        """Refuse a list longer than its limit before any item is looked at."""
        limit = self.max_items(field)
        if len(node.value) > limit:
            raise self.fail(node.file_line, field, (
                f"heeft {len(node.value)} items; er mogen er hoogstens {limit} zijn"))

    def max_items(self, field: str) -> int:
        if field == "region":
            return len(self.vocab.regions)
        if field == "themes":
            return len(self.vocab.themes)
        return MAX_ITEMS[field]


def _construct_message(node: yaml.Node, exc: Exception) -> str:
    """Dutch for a value PyYAML cannot construct; no English fragment of PyYAML gets through."""
    text = str(exc)
    if "could not determine a constructor" in text:
        return f"onbekend YAML-label '{shorten(_tag_name(node.tag))}'; laat het label weg"
    if "recursive" in text:
        return "verwijst naar zichzelf (een anker met & bevat zijn eigen *); schrijf de waarde uit"
    if _explicit_tag(node):
        return f"de waarde past niet bij het YAML-label '{shorten(_tag_name(node.tag))}'; laat het label weg"
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"'{shorten(node.value)}' is geen bestaande datum"
    if "unhashable" in text:
        return "een lijst of groep kan geen veldnaam zijn"
    if "merging" in text:
        return "samenvoegen met '<<' werkt alleen met een groep velden"
    return "de waarde kan niet gelezen worden; controleer de schrijfwijze"


def _explicit_tag(node: yaml.Node) -> bool:
    """True when the file gives the node a tag (``!!bool x``) rather than YAML inferring it."""
    if isinstance(node, yaml.ScalarNode):
        implicit = (not node.style, bool(node.style))
        return node.tag != _RESOLVER.resolve(yaml.ScalarNode, node.value, implicit)
    return node.tag not in ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


def _known_field_problem(checker: _Checker, entry: Entry, fields: tuple[str, ...] = FIELDS) -> str:
    suggestion = checker.suggest(entry.key, lambda word: close_matches(word, fields, n=1, cutoff=0.6))
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
            checker.problem(entry.line, entry.key, _known_field_problem(checker, entry, fields))
            continue
        entries[entry.key] = entry
    for key in required:
        if key not in entries:
            checker.problem(1, key, "ontbreekt (verplicht veld)")

    values: dict[str, Any] = {}
    for key, entry in entries.items():
        if not entry.usable:  # its problem was recorded while reading the front matter
            continue
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
    check_body_links(parsed)

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
    message = slug_problem(slug)
    if message:
        parsed.problem(1, "slug", message)


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
    return _vocabulary_list(
        checker, entry, "Twente, Achterhoek", checker.vocab.resolve_region, checker.vocab.suggest_region,
        lambda value: f"onbekende arbeidsmarktregio '{shorten(value)}'",
        "; zie de lijst van 35 regio's en 'Landelijk' in CONTRIBUTING.md",
        "noem minstens één arbeidsmarktregio (of 'Landelijk')", allow_single=True)


def _themes(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _vocabulary_list(
        checker, entry, "beschut-werk, dagbesteding", checker.vocab.resolve_theme, checker.vocab.suggest_theme,
        lambda value: f"onbekend thema '{shorten(value)}'",
        f"; kies uit: {', '.join(checker.vocab.theme_ids)}",
        "noem minstens één thema")


def _vocabulary_list(checker: _Checker, entry: Entry, example: str, resolve, suggest, unknown, choices: str,
                     empty: str, *, allow_single: bool = False) -> tuple[str, ...]:
    """Canonical values of a region or theme list, each unknown value reported on its own line."""
    items = checker.text_list(entry.node, entry.key, example=example, allow_single=allow_single)
    if isinstance(entry.node, yaml.SequenceNode) and len(items) != len(entry.node.value):
        raise _Invalid()
    found: dict[str, None] = {}  # ordered and without duplicates, in linear time
    ok = True
    for value, line in items:
        canonical = resolve(value)
        if canonical is None:
            ok = False
            checker.problem(line, entry.key, unknown(value) + (did_you_mean(checker.suggest(value, suggest)) or choices))
        else:
            found.setdefault(canonical)
    if not ok:
        raise _Invalid()
    if not found:
        raise checker.fail(entry.line, entry.key, empty)
    return tuple(found)


def _plain_list(checker: _Checker, entry: Entry, example: str, *, at_least_one: bool) -> tuple[str, ...]:
    items = checker.text_list(entry.node, entry.key, example=example)
    if isinstance(entry.node, yaml.SequenceNode) and len(items) != len(entry.node.value):
        raise _Invalid()
    if at_least_one and not items:
        raise checker.fail(entry.line, entry.key, f"noem er minstens één, bijvoorbeeld: {entry.key}: [{example}]")
    return tuple(dict.fromkeys(value for value, _line in items))  # ordered, duplicates dropped


def _organisations(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _plain_list(checker, entry, "Werkbedrijf Voorbeeld", at_least_one=True)


def _tags(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _plain_list(checker, entry, "jobcoaching, leerwerkplek", at_least_one=False)


def _year(checker: _Checker, entry: Entry) -> int:
    node = entry.node
    if isinstance(node, yaml.ScalarNode) and not node.style and not YEAR_RE.fullmatch(node.value):
        surprise = _year_surprise(checker, node)
        if surprise:
            raise checker.fail(entry.line, "year", f"'{shorten(node.value)}' is geen gewoon jaartal: {surprise}; "
                               "schrijf het jaar als vier cijfers, bijvoorbeeld: year: 2016")
    value = checker.construct(node, "year")
    this_year = dt.date.today().year
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() \
            and not YEAR_RE.fullmatch(value.strip()):
        raise checker.fail(entry.line, "year", f"'{shorten(value.strip())}' is geen jaartal: een jaartal heeft "
                           "vier cijfers, bijvoorbeeld: year: 2016")
    if isinstance(value, bool) or not isinstance(value, int):
        hint = ""
        if isinstance(value, str) and node.style and YEAR_RE.fullmatch(value.strip()):
            hint = "; laat de aanhalingstekens weg"
        raise checker.fail(entry.line, "year", f"moet een jaartal zijn (geheel getal), maar is {_type_name(value)}{hint}")
    if value < MIN_YEAR:
        raise checker.fail(entry.line, "year", f"{value} ligt vóór {MIN_YEAR}; de kennisbank gaat over praktijken vanaf {MIN_YEAR}")
    if value > this_year:
        raise checker.fail(entry.line, "year", f"{value} ligt in de toekomst; geef het jaar waarin de praktijk begon")
    return value


def _year_surprise(checker: _Checker, node: yaml.ScalarNode) -> str | None:
    """Why YAML reads an unquoted year that is not four plain digits as some other number."""
    raw = node.value
    if node.tag != "tag:yaml.org,2002:int":
        if raw.isascii() and raw.isdigit():  # e.g. 0999: not a YAML number at all, so text
            return "een jaartal heeft vier cijfers en begint niet met 0"
        return None  # text, a float, a date: the type check explains it
    read = "YAML leest het niet als jaartal"
    if len(raw) <= 40:
        try:
            read = f"YAML leest het als {checker.constructor.construct_object(node)}"
        except ValueError:  # e.g. '0b_': YAML calls it a number, Python finds no digits
            pass
    if raw.lstrip("+-") != raw:
        return f"een jaartal heeft geen plus- of minteken ({read})"
    if ":" in raw:
        return f"een getal met een dubbele punt is zestigtallig ({read})"
    if raw[:2].lower() == "0x":
        return f"een getal dat met 0x begint is hexadecimaal ({read})"
    if raw[:2].lower() == "0b":
        return f"een getal dat met 0b begint is binair ({read})"
    if raw.startswith("0") and len(raw) > 1:
        return f"een getal dat met 0 begint is octaal ({read})"
    if "_" in raw:
        return f"het liggende streepje telt niet mee ({read})"
    if len(raw) > 4:
        return "een jaartal heeft vier cijfers"
    return None  # fewer digits: read as itself; the range check explains it


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
        raise checker.fail(entry.line, "status", f"'{shorten(value)}' is ongeldig; moet {allowed} zijn" + did_you_mean(
            checker.suggest(value, lambda word: close_matches(word, STATUSES, n=1))))
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
            raise checker.fail(entry.line, entry.key, f"'{shorten(value.strip())}' is geen bestaande datum") from None
    shown = entry.node.value if isinstance(entry.node, yaml.ScalarNode) else value
    raise checker.fail(entry.line, entry.key, f"'{shorten(str(shown))}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2018-03-01")


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
            checker.problem(key_node.file_line, name, "onbekend veld" + (did_you_mean(checker.suggest(
                key, lambda word: close_matches(word, allowed, n=1))) or f"; toegestaan: {', '.join(allowed)}"))
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
        checker.problem(fields["email"].file_line, "contact.email", f"'{shorten(email)}' is geen geldig e-mailadres")
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
    checker.check_count(node, "links")
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
                raise checker.fail(fields["url"].file_line, "links.url", f"'{shorten(url)}' is geen geldig webadres; alleen http:// of https:// is toegestaan")
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
