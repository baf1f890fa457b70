"""Open-data export of all published practices or meetings, as JSON or as CSV for Dutch Excel.

:func:`export_bytes` is the one entry point: ``kennisbank export`` writes its bytes to stdout and
the site writes the same bytes as its downloads (``open-data/``), so both are identical.

The ``path`` of a practice is relative to the parent of its practices folder
(``practices/werkfit.md``), as in ``kennisbank search --json``: the same on every machine, never
a local absolute path. A meeting's ``path`` is relative to the parent of its meetings folder.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import KennisbankError
from .meetings.model import Meeting
from .meetings.validate import FIELDS as MEETING_FIELDS
from .model import Contact, Practice
from .validate import FIELDS as PRACTICE_FIELDS

#: The two kinds of content that can be exported (``kennisbank export --type``).
PRACTICE = "praktijk"
MEETING = "bijeenkomst"
TYPES = (PRACTICE, MEETING)
FORMATS = ("json", "csv")

#: Keys of one practice in the JSON export, in order: the slug, the front-matter fields of the
#: validator (and so of the JSON Schema) without ``draft``, then the file and the text.
PRACTICE_JSON_FIELDS = ("slug", *(f for f in PRACTICE_FIELDS if f != "draft"), "path", "body")
#: Keys of one meeting in the JSON export, in order; ``has_report``: whether the body has a report.
MEETING_JSON_FIELDS = ("slug", *(f for f in MEETING_FIELDS if f != "draft"), "has_report", "path", "body")
#: Columns of the CSV export, in order.
CSV_COLUMNS = (
    "slug", "title", "description", "region", "themes", "organisations", "year", "status",
    "funding", "contact_name", "contact_organisation", "contact_email", "contact_phone",
    "links", "date", "updated", "tags", "path",
)
#: Columns of the meetings CSV export, in order.
MEETING_CSV_COLUMNS = (
    "slug", "title", "description", "kind", "date", "end", "start_time", "end_time", "region", "themes",
    "location_name", "location_address", "location_city", "online", "organisers", "practices",
    "registration", "contact_name", "contact_organisation", "contact_email", "contact_phone",
    "cancelled", "has_report", "path",
)
#: How ``true``/``false`` are written in a CSV cell (as in JSON and the front matter).
CSV_TRUE, CSV_FALSE = "true", "false"
#: Separator for several values in one CSV cell.
LIST_SEPARATOR = " | "
#: A cell starting with one of these is a formula to Excel and LibreOffice (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_path(path: Path, folder: Path | None = None) -> str:
    """``path`` relative to the parent of ``folder`` (default: the file's own folder), with ``/``.
    Links are not followed: a linked file keeps the place where the folder shows it."""
    folder = Path(os.path.abspath(folder if folder is not None else Path(path).parent))
    try:
        inside = Path(os.path.abspath(path)).relative_to(folder)
    except ValueError:
        inside = Path(Path(path).name)
    return str(PurePosixPath(folder.name, *inside.parts))


def neutralise_formula(value: str) -> str:
    """A text cell Excel shows as text: a leading ``'`` before anything that starts a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _record(practice: Practice, folder: Path | None) -> dict[str, Any]:
    data = practice.to_dict()
    data["path"] = export_path(practice.path, folder)
    data["body"] = practice.body
    return {key: data[key] for key in PRACTICE_JSON_FIELDS}


def to_json(practices: Iterable[Practice], folder: Path | None = None) -> str:
    """A JSON array of practices (front-matter fields with canonical values, plus body);
    ``folder`` is the practices folder, for the ``path`` of each practice."""
    return json.dumps([_record(p, folder) for p in practices if not p.draft], ensure_ascii=False, indent=2) + "\n"


def to_csv(practices: Iterable[Practice], folder: Path | None = None) -> str:
    """CSV for Dutch Excel: ``;`` as separator and CRLF line ends.

    Dutch Excel uses the comma as decimal sign and therefore ``;`` as list separator; the
    caller writes the text as UTF-8 *with* BOM so that Excel recognises the encoding and
    shows ë and é correctly. Every text cell that Excel would run as a formula gets a leading
    ``'`` (:func:`neutralise_formula`).
    """
    return _csv_text(CSV_COLUMNS, ((
        practice.slug, practice.title, practice.description,
        LIST_SEPARATOR.join(practice.region), LIST_SEPARATOR.join(practice.themes),
        LIST_SEPARATOR.join(practice.organisations), practice.year, practice.status or "",
        practice.funding or "", *_contact_cells(practice.contact),
        LIST_SEPARATOR.join(f"{link.title} <{link.url}>" for link in practice.links),
        practice.date.isoformat() if practice.date else "",
        practice.updated.isoformat() if practice.updated else "",
        LIST_SEPARATOR.join(practice.tags), export_path(practice.path, folder),
    ) for practice in practices if not practice.draft))


def _csv_text(columns: Iterable[str], rows: Iterable[Iterable[str | int]]) -> str:
    """The header and the rows as CSV for Dutch Excel (``;``, CRLF), text cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell if isinstance(cell, int) else neutralise_formula(cell) for cell in row])
    return buffer.getvalue()


def _contact_cells(contact: Contact | None) -> tuple[str, str, str, str]:
    """The ``contact_*`` columns: name, organisation, e-mail, phone (empty when not given)."""
    if contact is None:
        return "", "", "", ""
    return contact.name, contact.organisation or "", contact.email or "", contact.phone or ""


def _meeting_record(meeting: Meeting, folder: Path | None) -> dict[str, Any]:
    data = meeting.to_dict()
    data["has_report"] = meeting.has_report
    data["path"] = export_path(meeting.path, folder)
    data["body"] = meeting.body
    return {key: data[key] for key in MEETING_JSON_FIELDS}


def meetings_to_json(meetings: Iterable[Meeting], folder: Path | None = None) -> str:
    """A JSON array of meetings (front-matter fields with canonical values, ``has_report``,
    ``path`` and body); ``folder`` is the meetings folder, for the ``path`` of each meeting."""
    return json.dumps([_meeting_record(m, folder) for m in meetings if not m.draft],
                      ensure_ascii=False, indent=2) + "\n"


def _flag(value: bool) -> str:
    return CSV_TRUE if value else CSV_FALSE


def meetings_to_csv(meetings: Iterable[Meeting], folder: Path | None = None) -> str:
    """Meetings as CSV for Dutch Excel, written like :func:`to_csv`; ``online`` is the meeting
    link, ``true`` (online, link not public) or empty, and yes/no fields are ``true``/``false``."""
    def row(m: Meeting) -> tuple[str, ...]:
        record, location = m.to_dict(), m.location
        online = m.online if isinstance(m.online, str) else _flag(True) if m.online else ""
        return (
            m.slug, m.title, m.description, m.kind, record["date"], record["end"] or "",
            record["start_time"] or "", record["end_time"] or "",
            LIST_SEPARATOR.join(m.region), LIST_SEPARATOR.join(m.themes),
            location.name if location else "", (location.address or "") if location else "",
            (location.city or "") if location else "", online,
            LIST_SEPARATOR.join(m.organisers), LIST_SEPARATOR.join(m.practices), m.registration or "",
            *_contact_cells(m.contact), _flag(m.cancelled), _flag(m.has_report), export_path(m.path, folder),
        )

    return _csv_text(MEETING_CSV_COLUMNS, (row(m) for m in meetings if not m.draft))


class ExportError(KennisbankError):
    """An export of a type or format that does not exist."""


_WRITERS = {
    (PRACTICE, "json"): to_json, (PRACTICE, "csv"): to_csv,
    (MEETING, "json"): meetings_to_json, (MEETING, "csv"): meetings_to_csv,
}


def export_bytes(kind: str, fmt: str, items: Iterable[Practice] | Iterable[Meeting],
                 folder: Path | None = None) -> bytes:
    """The open-data file of ``items`` (practices or meetings, drafts left out) as bytes.

    ``kind`` is :data:`PRACTICE` or :data:`MEETING`, ``fmt`` ``json`` (UTF-8) or ``csv`` (UTF-8
    with BOM, for Excel); ``folder`` is the folder the items were read from, for their ``path``.
    """
    try:
        write = _WRITERS[(kind, fmt)]
    except KeyError:
        raise ExportError(f"onbekende export: soort '{kind}', formaat '{fmt}' "
                          f"(kies uit {', '.join(TYPES)} en {', '.join(FORMATS)})") from None
    return write(items, folder).encode("utf-8-sig" if fmt == "csv" else "utf-8")
