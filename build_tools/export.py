"""Open-data export of all published practices, as JSON or as CSV for Dutch Excel.

The ``path`` of a practice is relative to the parent of its practices folder
(``practices/werkfit.md``), as in ``kennisbank search --json``: the same on every machine, never
a local absolute path.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
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
    del data["draft"]
    data["path"] = export_path(practice.path, folder)
    data["body"] = practice.body
    return data


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for practice in practices:
        if practice.draft:
            continue
        contact = practice.contact
        writer.writerow([cell if isinstance(cell, int) else neutralise_formula(cell) for cell in (
            practice.slug, practice.title, practice.description,
            LIST_SEPARATOR.join(practice.region), LIST_SEPARATOR.join(practice.themes),
            LIST_SEPARATOR.join(practice.organisations), practice.year, practice.status or "",
            practice.funding or "",
            contact.name if contact else "", (contact.organisation or "") if contact else "",
            (contact.email or "") if contact else "", (contact.phone or "") if contact else "",
            LIST_SEPARATOR.join(f"{link.title} <{link.url}>" for link in practice.links),
            practice.date.isoformat() if practice.date else "",
            practice.updated.isoformat() if practice.updated else "",
            LIST_SEPARATOR.join(practice.tags), export_path(practice.path, folder),
        )])
    return buffer.getvalue()
