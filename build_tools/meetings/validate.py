"""Meeting validation: front-matter nodes to a :class:`Meeting`, or problems.

The rules are those of the meeting content model (for contributors: CONTRIBUTING.md, "De vaste
gegevens van een bijeenkomst"). Everything shared with practices is
reused from :mod:`build_tools.validate`, not copied: the checker (construction, YAML surprises),
the unknown/duplicate/missing key rule, and the field checkers for title, description, region,
themes, contact, dates and plain lists. Only what is particular to meetings lives here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..body_links import check_body_links
from ..frontmatter import Entry, ParsedFile
from ..textutil import close_matches, did_you_mean
from ..validate import (EMAIL_RE, _check_slug, _Checker, _contact, _date_value, _description, _Invalid,
                        _mapping, _plain_list, _region, _themes, _title, check_fields, is_web_url)
from ..vocabulary import Vocabulary
from .kinds import Kinds
from .model import Location, Meeting

REQUIRED = ("title", "description", "kind", "date", "region", "organisers")
OPTIONAL = ("end", "start_time", "end_time", "themes", "location", "online", "practices",
            "registration", "contact", "cancelled", "draft")
FIELDS = REQUIRED + OPTIONAL
LOCATION_FIELDS = ("name", "address", "city")
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class PracticeRefs:
    """What a meeting's ``practices`` may refer to: the slugs in the practices folder in use."""

    #: slugs of valid, published practices
    published: frozenset[str] = frozenset()
    #: slugs of valid practices with ``draft: true``
    drafts: frozenset[str] = frozenset()
    #: slugs of practice files that have problems of their own (reported there, not here)
    invalid: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def of(cls, practices: Iterable[Any], invalid: Iterable[str] = ()) -> "PracticeRefs":
        practices = list(practices)
        return cls(frozenset(p.slug for p in practices if not p.draft),
                   frozenset(p.slug for p in practices if p.draft), frozenset(invalid))


#: Longest lists accepted (the practices' limits are in :data:`build_tools.validate.MAX_ITEMS`).
MAX_ITEMS = {"organisers": 50, "practices": 100}


class _MeetingChecker(_Checker):
    def __init__(self, parsed: ParsedFile, vocab: Vocabulary, kinds: Kinds):
        super().__init__(parsed, vocab)
        self.kinds = kinds

    def max_items(self, field: str) -> int:
        return MAX_ITEMS[field] if field in MAX_ITEMS else super().max_items(field)


def check(parsed: ParsedFile, slug: str, path: Path, vocab: Vocabulary, kinds: Kinds,
          refs: PracticeRefs) -> Meeting | None:
    """Check a parsed meeting file; returns the meeting when it has no problems at all."""
    checker = _MeetingChecker(parsed, vocab, kinds)
    _check_slug(parsed, slug)
    if not parsed.ok:
        return None
    entries, values = check_fields(checker, FIELDS, REQUIRED, _FIELD_CHECKS)
    _check_together(checker, entries, values)
    if "practices" in values:
        values["practices"] = _check_practice_refs(checker, values["practices"], refs)

    if not parsed.body.strip():
        checker.problem(parsed.body_line, "tekst",
                        "het programma onder de front matter is leeg; beschrijf het programma, "
                        "en na afloop de bijeenkomst onder ## Verslag")
    check_body_links(parsed)
    if parsed.problems:
        return None
    return Meeting(
        slug=slug, path=path, title=values["title"], description=values["description"],
        kind=values["kind"], date=values["date"], region=values["region"],
        organisers=values["organisers"], body=parsed.body, end=values.get("end"),
        start_time=values.get("start_time"), end_time=values.get("end_time"),
        themes=values.get("themes", ()), location=values.get("location"),
        online=values.get("online") or None, practices=values.get("practices", ()),
        registration=values.get("registration"), contact=values.get("contact"),
        cancelled=values.get("cancelled", False), draft=values.get("draft", False),
        body_line=parsed.body_line,
    )


def _check_together(checker: _Checker, entries: dict[str, Entry], values: dict[str, Any]) -> None:
    """Rules between fields: end after date, end_time after start_time, a place to go."""
    date, end = values.get("date"), values.get("end")
    if date and end and end < date:
        checker.problem(entries["end"].line, "end", f"{end.isoformat()} ligt vóór date ({date.isoformat()})")
    start, stop = values.get("start_time"), values.get("end_time")
    if stop is not None and "start_time" not in entries:
        checker.problem(entries["end_time"].line, "end_time", "staat er zonder start_time; geef ook de begintijd")
    one_day = end is None or end == date
    if start is not None and stop is not None and one_day and stop <= start:
        checker.problem(entries["end_time"].line, "end_time",
                        f"{stop:%H:%M} ligt niet na start_time ({start:%H:%M})")
    if "location" not in entries and not values.get("online") and \
            not ("online" in entries and "online" not in values):
        line = entries["online"].line if "online" in entries else 1
        checker.problem(line, "location", "ontbreekt: geef een locatie (location: {name: ..., city: ...}) "
                                          "of zet online: true of de link van de online bijeenkomst")


def _check_practice_refs(checker: _Checker, items: tuple[tuple[str, int], ...], refs: PracticeRefs) -> tuple[str, ...]:
    slugs: list[str] = []
    for slug, line in items:
        if slug in refs.published or slug in refs.invalid:
            if slug not in slugs:
                slugs.append(slug)
        elif slug in refs.drafts:
            checker.problem(line, "practices", f"praktijk '{slug}' is een concept (draft: true) en staat niet "
                                               "op de site; haal hem hier weg of publiceer de praktijk eerst")
        else:
            suggestion = close_matches(slug, sorted(refs.published), n=1, cutoff=0.5)
            checker.problem(line, "practices", f"onbekende praktijk '{slug}'" + (
                did_you_mean(suggestion) or "; noem de bestandsnaam (zonder .md) van een praktijk in de kennisbank"))
    return tuple(slugs)


# --- per-field checks (those not shared with practices) ------------------------------------------

def _kind(checker: _MeetingChecker, entry: Entry) -> str:
    value = checker.text(entry.node, "kind")
    kind_id = checker.kinds.resolve(value)
    if kind_id is None:
        raise checker.fail(entry.line, "kind", f"onbekende soort bijeenkomst '{value}'" + (
            did_you_mean(checker.kinds.suggest(value)) or f"; kies uit: {', '.join(checker.kinds.ids)}"))
    return kind_id


def _time(checker: _Checker, entry: Entry) -> dt.time:
    node = entry.node
    # Read the text as written: YAML 1.1 turns an unquoted 13:30 into the number 810 (base 60).
    raw = node.value.strip() if isinstance(node, yaml.ScalarNode) else None
    match = _TIME_RE.match(raw) if raw is not None else None
    if match is None:
        shown = raw if raw is not None else "(geen tekst)"
        raise checker.fail(entry.line, entry.key,
                           f"'{shown}' is geen geldige tijd; schrijf UU:MM (24-uursklok), bijvoorbeeld 09:30")
    return dt.time(int(match.group(1)), int(match.group(2)))


def _location(checker: _Checker, entry: Entry) -> Location:
    fields = _mapping(checker, entry.node, "location", LOCATION_FIELDS,
                      "location: {name: Werkbedrijf Voorbeeld, address: Stationsplein 1, city: Utrecht}")
    values: dict[str, str] = {}
    ok = True
    for key, node in fields.items():
        try:
            values[key] = checker.text(node, f"location.{key}")
        except _Invalid:
            ok = False
    if "name" not in fields:
        checker.problem(entry.line, "location.name", "ontbreekt (verplicht binnen location)")
        ok = False
    if not ok:
        raise _Invalid()
    return Location(values["name"], values.get("address"), values.get("city"))


def _online(checker: _Checker, entry: Entry) -> bool | str:
    value = checker.construct(entry.node, "online")
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and is_web_url(value.strip()):
        return value.strip()
    shown = value if isinstance(value, str) else getattr(entry.node, "value", value)
    raise checker.fail(entry.line, "online", f"'{shown}' is ongeldig; zet online: true, of de link van de "
                                             "bijeenkomst (begint met https:// of http://)")


def _registration(checker: _Checker, entry: Entry) -> str:
    value = checker.text(entry.node, "registration")
    if is_web_url(value) or EMAIL_RE.match(value):
        return value
    raise checker.fail(entry.line, "registration", f"'{value}' is geen webadres (https://...) en geen e-mailadres")


def _flag(checker: _Checker, entry: Entry) -> bool:
    value = checker.construct(entry.node, entry.key)
    if not isinstance(value, bool):
        raise checker.fail(entry.line, entry.key, "moet true of false zijn")
    return value


def _organisers(checker: _Checker, entry: Entry) -> tuple[str, ...]:
    return _plain_list(checker, entry, "Werkbedrijf Voorbeeld", at_least_one=True)


def _practices(checker: _Checker, entry: Entry) -> tuple[tuple[str, int], ...]:
    """(slug, line) pairs; whether each exists is checked with the practices (see :func:`check`)."""
    items = checker.text_list(entry.node, "practices", example="circulaire-fietsenwerkplaats-zwolle")
    return tuple((value.removesuffix(".md"), line) for value, line in items)


_FIELD_CHECKS = {
    "title": _title,
    "description": _description,
    "kind": _kind,
    "date": _date_value,
    "end": _date_value,
    "start_time": _time,
    "end_time": _time,
    "region": _region,
    "themes": _themes,
    "location": _location,
    "online": _online,
    "organisers": _organisers,
    "practices": _practices,
    "registration": _registration,
    "contact": _contact,
    "cancelled": _flag,
    "draft": _flag,
}
