"""The "Open data" page (``open-data/``) and its downloads, and the Atom feed (``feed.xml``).

The downloads are made by :func:`build_tools.export.export_bytes`, the code behind ``kennisbank
export``, so a file on the site is byte for byte what the command prints. The page describes every
field: which fields there are comes from the export code (:data:`~build_tools.export.PRACTICE_JSON_FIELDS`,
the CSV columns), what they mean from ``vocabularies/open_data.yml``, the allowed values from the
vocabularies. The licence is a site setting (``extra.kennisbank`` in mkdocs.yml).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from ..errors import VocabularyError
from ..feeds import FEED_FILE, absolute, atom_feed, meeting_entries, practice_entries
from ..export import (CSV_COLUMNS, FORMULA_STARTS, LIST_SEPARATOR, MEETING, MEETING_CSV_COLUMNS,
                      MEETING_JSON_FIELDS, PRACTICE, PRACTICE_JSON_FIELDS, export_bytes)
from ..meetings.kinds import Kinds
from ..meetings.model import Meeting
from ..model import Practice
from ..settings import VOCABULARY_DIR
from ..templating import render_template
from ..validate import STATUSES
from ..vocabulary import Vocabulary
from .meetings import page_url as meeting_page_url

if TYPE_CHECKING:
    from .render import SiteContext

#: Folder of the page and the downloads inside docs/.
OPEN_DATA_DIR = "open-data"
PAGE = f"{OPEN_DATA_DIR}/index.md"
#: File name (without extension) of the downloads per export type.
DOWNLOAD_NAMES = {PRACTICE: "praktijken", MEETING: "bijeenkomsten"}
FIELDS_FILE = VOCABULARY_DIR / "open_data.yml"
#: Keys of the licence settings in ``extra.kennisbank`` of mkdocs.yml.
LICENCE_KEYS = ("data_licence", "data_licence_url", "data_licence_status")


def download_path(kind: str, fmt: str) -> str:
    """The docs-relative path of a download, e.g. ``open-data/praktijken.csv``."""
    return f"{OPEN_DATA_DIR}/{DOWNLOAD_NAMES[kind]}.{fmt}"


@functools.cache
def field_descriptions(path: Path = FIELDS_FILE) -> dict[str, dict[str, str]]:
    """``{type: {field: Dutch description}}`` from the data file; raises :class:`VocabularyError`."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: kan de beschrijving van de open data niet lezen: {exc}") from exc
    ok = isinstance(data, dict) and all(
        isinstance(fields, dict) and all(isinstance(k, str) and isinstance(v, str) and v.strip()
                                         for k, v in fields.items())
        for fields in data.values())
    if not ok or set(data) != set(DOWNLOAD_NAMES):
        raise VocabularyError(f"{path}: verwacht per soort ({', '.join(DOWNLOAD_NAMES)}) een lijst 'veld: tekst'.")
    return data


@dataclass(frozen=True)
class Field:
    """One row of a field table: the JSON key, its CSV column(s) and what it means."""

    name: str
    csv: tuple[str, ...]
    description: str


def fields_of(kind: str) -> list[Field]:
    """Every exported field of ``kind`` in JSON order, each with the CSV columns it fills: the
    column of the same name, else the ``<name>_...`` columns of an object spread over several."""
    json_fields, columns = {PRACTICE: (PRACTICE_JSON_FIELDS, CSV_COLUMNS),
                            MEETING: (MEETING_JSON_FIELDS, MEETING_CSV_COLUMNS)}[kind]
    described = field_descriptions()[kind]
    rows = []
    for name in json_fields:
        if name not in described:
            raise VocabularyError(f"{FIELDS_FILE}: veld '{name}' van soort '{kind}' heeft geen beschrijving.")
        spread = (name,) if name in columns else tuple(c for c in columns if c.startswith(name + "_"))
        rows.append(Field(name, spread, " ".join(described[name].split())))
    return rows


@dataclass(frozen=True)
class Download:
    kind: str
    fmt: str
    #: path relative to the page (the file name)
    href: str
    size: int


def _size(n: int) -> str:
    return f"{n} bytes" if n < 1024 else f"{round(n / 1024)} kB"


def open_data_files(practices: Sequence[Practice], meetings: Sequence[Meeting], *, vocab: Vocabulary,
                    kinds: Kinds, settings: Mapping[str, str], practices_folder: Path | None = None,
                    meetings_folder: Path | None = None, feed: str | None = None) -> dict[str, str]:
    """The page and the four downloads, docs-relative path -> text (a CSV's BOM included, so that
    writing it as UTF-8 gives the bytes of ``kennisbank export``).

    ``settings``: the site's ``extra.kennisbank`` settings, for the licence. ``feed``: the
    docs-relative path of the Atom feed, or None when the site has none.
    """
    files: dict[str, str] = {}
    downloads: list[Download] = []
    sources = {PRACTICE: (practices, practices_folder), MEETING: (meetings, meetings_folder)}
    for kind, (items, folder) in sources.items():
        for fmt in ("json", "csv"):
            data = export_bytes(kind, fmt, items, folder)
            files[download_path(kind, fmt)] = data.decode("utf-8")
            downloads.append(Download(kind, fmt, download_path(kind, fmt).rsplit("/", 1)[1], len(data)))
    files[PAGE] = render_template(
        "open_data.md.j2", vocab=vocab, kinds=kinds, statuses=STATUSES, size=_size,
        list_separator=LIST_SEPARATOR.strip(), formula_starts=FORMULA_STARTS,
        counts={PRACTICE: sum(1 for p in practices if not p.draft), MEETING: sum(1 for m in meetings if not m.draft)},
        downloads=downloads, fields={kind: fields_of(kind) for kind in DOWNLOAD_NAMES},
        licence={key.removeprefix("data_"): settings.get(key) for key in LICENCE_KEYS},
        feed=f"../{feed}" if feed else None, PRACTICE=PRACTICE, MEETING=MEETING)
    return files


def feed_and_open_data(ctx: SiteContext, settings: Mapping[str, str], *, site_name: str,
                       practices_folder: Path | None = None, meetings_folder: Path | None = None) -> dict[str, str]:
    """What page generation adds for open data: the Atom feed (only with a ``site_url``: its
    links must be absolute), the "Open data" page and the downloads."""
    files: dict[str, str] = {}
    if ctx.site_url:
        site_url = ctx.site_url
        entries = practice_entries(ctx.practices, lambda p: absolute(site_url, f"praktijken/{p.slug}/")) + \
            meeting_entries(ctx.meetings, lambda m: absolute(site_url, meeting_page_url(m)), ctx.kinds)
        files[FEED_FILE] = atom_feed(entries, site_url=site_url, site_name=site_name)
    files.update(open_data_files(ctx.practices, ctx.meetings, vocab=ctx.vocab, kinds=ctx.kinds, settings=settings,
                                 practices_folder=practices_folder, meetings_folder=meetings_folder,
                                 feed=FEED_FILE if ctx.site_url else None))
    return files
