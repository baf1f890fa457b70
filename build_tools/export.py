"""Open-data export of all published practices, as JSON or as CSV for Dutch Excel."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from .model import Practice

#: Columns of the CSV export, in order.
CSV_COLUMNS = (
    "slug", "title", "description", "region", "themes", "organisations", "year", "status",
    "funding", "contact_name", "contact_organisation", "contact_email", "contact_phone",
    "links", "date", "updated", "tags", "path",
)
#: Separator for several values in one CSV cell.
LIST_SEPARATOR = " | "


def _record(practice: Practice) -> dict[str, Any]:
    data = practice.to_dict()
    del data["draft"]
    data["path"] = practice.path.as_posix()
    data["body"] = practice.body
    return data


def to_json(practices: Iterable[Practice]) -> str:
    """A JSON array of practices (front-matter fields with canonical values, plus body)."""
    return json.dumps([_record(p) for p in practices if not p.draft], ensure_ascii=False, indent=2) + "\n"


def to_csv(practices: Iterable[Practice]) -> str:
    """CSV for Dutch Excel: ``;`` as separator and CRLF line ends.

    Dutch Excel uses the comma as decimal sign and therefore ``;`` as list separator; the
    caller writes the text as UTF-8 *with* BOM so that Excel recognises the encoding and
    shows ë and é correctly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for practice in practices:
        if practice.draft:
            continue
        contact = practice.contact
        writer.writerow([
            practice.slug, practice.title, practice.description,
            LIST_SEPARATOR.join(practice.region), LIST_SEPARATOR.join(practice.themes),
            LIST_SEPARATOR.join(practice.organisations), practice.year, practice.status or "",
            practice.funding or "",
            contact.name if contact else "", (contact.organisation or "") if contact else "",
            (contact.email or "") if contact else "", (contact.phone or "") if contact else "",
            LIST_SEPARATOR.join(f"{link.title} <{link.url}>" for link in practice.links),
            practice.date.isoformat() if practice.date else "",
            practice.updated.isoformat() if practice.updated else "",
            LIST_SEPARATOR.join(practice.tags), practice.path.as_posix(),
        ])
    return buffer.getvalue()
