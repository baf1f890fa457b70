"""A JSON Schema of the practice front matter, generated from the validator's own rules.

``practice_schema(vocab)`` builds it from the constants in :mod:`build_tools.validate` and the
vocabularies; ``python -m build_tools.schema`` rewrites ``schema/practice.schema.json`` (and
``--check`` only reports whether the committed file is in sync). Editors (VS Code's YAML
extension, for instance) and the submission form can use it.

Two deliberate differences with the validator, both documented in the schema itself:

* Regions and themes: a JSON Schema ``enum`` compares exactly, while the validator matches
  case-, accent- and separator-insensitively. The schema lists every spelling the
  vocabularies name (canonical region names, region slugs and aliases; theme ids, labels and
  aliases), exactly as written there. So everything the schema accepts, the validator accepts;
  an unusual capitalisation ("TWENTE") passes the validator but not the schema.
* The upper bound of ``year`` (the current year) changes every January, so it is left to the
  validator; a committed file must not go out of date by itself.

Dates are strings ``YYYY-MM-DD`` in the schema: YAML readers (PyYAML) turn an unquoted date
into a date object, which a JSON validator must see as its ISO string.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .settings import PROJECT_ROOT
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
from .slugs import SLUG_MAX, SLUG_RE
from .vocabulary import Vocabulary, default_vocabulary
from .writers import write_atomic

SCHEMA_PATH = PROJECT_ROOT / "schema" / "practice.schema.json"
SCHEMA_ID = "https://github.com/cedris-kennisbank/kennisbank-goede-praktijken/schema/practice.schema.json"

NON_BLANK = r"\S"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/?#]+[^\s]*$"


def _unique(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def region_spellings(vocab: Vocabulary) -> list[str]:
    """Canonical names first, then slugs and aliases, as written in the vocabulary."""
    names = [r.name for r in vocab.regions]
    others = [s for r in vocab.regions for s in (r.slug, *r.aliases)]
    return _unique(names + others)


def theme_spellings(vocab: Vocabulary) -> list[str]:
    """Theme ids first, then labels and aliases, as written in the vocabulary."""
    ids = [t.id for t in vocab.themes]
    others = [s for t in vocab.themes for s in (t.label, *t.aliases)]
    return _unique(ids + others)


def _text(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "pattern": NON_BLANK, "description": description, **extra}


def _text_list(description: str, *, max_items: int, min_items: int = 0) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": NON_BLANK},
                              "maxItems": max_items, "description": description}
    if min_items:
        schema["minItems"] = min_items
    return schema


def _date(description: str) -> dict[str, Any]:
    return {"type": "string", "format": "date", "pattern": DATE_PATTERN,
            "description": description + " Schrijf de datum als JJJJ-MM-DD (YYYY-MM-DD)."}


def practice_schema(vocab: Vocabulary | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a practice's front matter."""
    vocab = vocab or default_vocabulary()
    region_enum = {"enum": region_spellings(vocab)}
    theme_enum = {"enum": theme_spellings(vocab)}
    properties: dict[str, Any] = {
        "title": _text(f"Titel van de praktijk, {TITLE_LEN[0]} tot {TITLE_LEN[1]} tekens.",
                       minLength=TITLE_LEN[0], maxLength=TITLE_LEN[1]),
        "description": _text(f"Samenvatting in één zin, {DESCRIPTION_LEN[0]} tot {DESCRIPTION_LEN[1]} tekens.",
                             minLength=DESCRIPTION_LEN[0], maxLength=DESCRIPTION_LEN[1]),
        "region": {
            "description": ("Arbeidsmarktregio('s) of 'Landelijk': één naam of een lijst. De lijst noemt de "
                            "officiële namen, daarna de korte namen en aliassen uit "
                            "build_tools/vocabularies/regions.yml. De validator vergelijkt ook zonder "
                            "hoofdletters, accenten en koppeltekens; dit schema vergelijkt exact."),
            "anyOf": [
                {"type": "string", **region_enum},
                {"type": "array", "minItems": 1, "maxItems": len(vocab.regions),
                 "items": {"type": "string", **region_enum}},
            ],
        },
        "themes": {
            "type": "array",
            "minItems": 1,
            "maxItems": len(vocab.themes),
            "items": {"type": "string", **theme_enum},
            "description": ("Thema's: een lijst met id's (zoals beschut-werk) of namen uit "
                            "build_tools/vocabularies/themes.yml. De validator vergelijkt ook zonder "
                            "hoofdletters en accenten; dit schema vergelijkt exact."),
        },
        "organisations": _text_list(f"Betrokken organisaties, minstens één en hooguit {MAX_ITEMS['organisations']}.",
                                    min_items=1, max_items=MAX_ITEMS["organisations"]),
        "year": {"type": "integer", "minimum": MIN_YEAR,
                 "description": f"Startjaar: een geheel getal vanaf {MIN_YEAR} tot en met het huidige jaar "
                                "(de bovengrens controleert de validator)."},
        "status": {"type": "string", "enum": list(STATUSES),
                   "description": "Status van de praktijk: " + " of ".join(STATUSES) + "."},
        "funding": _text("Financiering, vrije tekst, bijvoorbeeld 'Sectorplan 2015'."),
        "contact": {
            "type": "object",
            "description": "Contactpersoon; name is verplicht.",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": _text("Naam van de contactpersoon."),
                "organisation": _text("Organisatie van de contactpersoon."),
                "email": _text("E-mailadres.", format="email", pattern=EMAIL_RE.pattern),
                "phone": _text("Telefoonnummer, tussen aanhalingstekens, bijvoorbeeld \"030-1234567\"."),
            },
        },
        "links": {
            "type": "array",
            "maxItems": MAX_ITEMS["links"],
            "description": "Links naar meer informatie; elk met title en url (http:// of https://).",
            "items": {
                "type": "object",
                "required": list(LINK_FIELDS),
                "additionalProperties": False,
                "properties": {
                    "title": _text("Tekst van de link."),
                    "url": {"type": "string", "format": "uri", "pattern": URL_PATTERN,
                            "description": "Webadres dat begint met http:// of https://."},
                },
            },
        },
        "date": _date("Datum waarop de praktijk is toegevoegd."),
        "updated": _date("Datum van de laatste inhoudelijke wijziging; niet vóór date."),
        "tags": _text_list(f"Vrije trefwoorden, hooguit {MAX_ITEMS['tags']}.", max_items=MAX_ITEMS["tags"]),
        "draft": {"type": "boolean", "description": "true: concept, niet op de site en niet in de zoekindex."},
    }
    assert set(properties) == set(FIELDS), "schema and validator disagree on the fields"
    assert set(properties["contact"]["properties"]) == set(CONTACT_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Praktijk in de kennisbank goede praktijken (front matter)",
        "description": (
            "De velden bovenaan een praktijkbestand (practices/<slug>.md), tussen de regels '---'. "
            "Gegenereerd uit build_tools/validate.py en de woordenlijsten met "
            "'python -m build_tools.schema'; pas dit bestand niet met de hand aan. "
            "Datums zijn tekst in de vorm JJJJ-MM-DD (YYYY-MM-DD); YAML leest een datum zonder "
            "aanhalingstekens als datum, zet die om naar JJJJ-MM-DD voordat je met dit schema "
            "controleert. Regio's en thema's staan in een enum met alle schrijfwijzen uit de "
            "woordenlijsten (exact); de validator ('kennisbank validate') accepteert daarnaast "
            "andere hoofdletters, accenten en scheidingstekens, en controleert ook dat het jaartal "
            "niet in de toekomst ligt en dat updated niet vóór date ligt. De bestandsnaam (slug) "
            f"volgt {SLUG_RE.pattern} en is hooguit {SLUG_MAX} tekens."
        ),
        "type": "object",
        "required": list(REQUIRED),
        "additionalProperties": False,
        "properties": {name: properties[name] for name in FIELDS},
    }


def render_schema(vocab: Vocabulary | None = None) -> str:
    """The schema file's exact text."""
    return json.dumps(practice_schema(vocab), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.schema",
        description="Schrijf het JSON Schema van de front matter naar schema/practice.schema.json.")
    parser.add_argument("--check", action="store_true",
                        help="niets schrijven; afsluitcode 1 als het bestand niet klopt met de regels")
    parser.add_argument("--output", type=Path, default=SCHEMA_PATH, help="ander doelbestand")
    args = parser.parse_args(argv)
    text = render_schema()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current == text:
            print(f"{args.output} is bijgewerkt.")
            return 0
        print(f"{args.output} loopt achter op de regels; voer 'python -m build_tools.schema' uit.", file=sys.stderr)
        return 1
    if current == text:
        print(f"{args.output} was al bijgewerkt.")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(args.output, text)
    print(f"{args.output} geschreven.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
