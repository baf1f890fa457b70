"""Scaffold a new meeting file: each answer checked by the meeting validator, then written safely.

Same guarantees as :mod:`build_tools.scaffold` for practices, whose pieces it reuses: an answer is
checked by running the real validator on a front matter that is valid except for that answer
(with the answers given so far, so rules between fields such as end_time after start_time apply
too); the file is made by the YAML emitter, validated whole, and linked into place without ever
replacing an existing file.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..errors import KennisbankError
from ..files import display_path
from ..frontmatter import parse
from ..model import Problem
from ..scaffold import AnswerError, check_slug, place_new
from ..slugs import numbered, slugify
from ..vocabulary import Vocabulary, default_vocabulary
from ..writers import dump_front_matter
from .kinds import Kinds, default_kinds
from .load import load_meeting_file, meeting_files
from .validate import PracticeRefs, check

#: Keys in the order they are written to the file.
FILE_ORDER = ("title", "description", "kind", "date", "end", "start_time", "end_time", "region", "themes",
              "location", "online", "organisers", "practices", "registration", "contact")
REQUIRED_ANSWERS = ("title", "description", "kind", "date", "region", "organisers")
BODY = ("## Programma\n\n"
        "_Wat staat er op het programma? Tijden, onderdelen, sprekers en de praktijken die aan bod komen._\n\n"
        "_Na afloop: zet hieronder een kopje ## Verslag met wat er gedeeld en afgesproken is, en noem de "
        "besproken praktijken bij practices._\n")
_PLACEHOLDER_SLUG = "nieuwe-bijeenkomst"


class MeetingScaffoldError(KennisbankError):
    """The meeting file cannot be written (no meetings folder, it exists, ...)."""


def _baseline(vocab: Vocabulary, kinds: Kinds) -> dict[str, Any]:
    return {
        "title": "Titel van de bijeenkomst",
        "description": "Een korte beschrijving van de bijeenkomst in één zin.",
        "kind": kinds.ids[0],
        "date": dt.date.today(),
        "region": "Landelijk" if vocab.resolve_region("Landelijk") else vocab.region_names[0],
        "online": True,
        "organisers": ["Organisatie"],
    }


def as_date(value: Any) -> Any:
    """A typed date: a ``date`` when it is ``YYYY-MM-DD``, otherwise left for the validator."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return value.strip()
    return value


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data[key] for key in FILE_ORDER if key in data and data[key] not in (None, [], "")}


def check_answer(field_name: str, value: Any, refs: PracticeRefs, given: dict[str, Any] | None = None,
                 vocab: Vocabulary | None = None, kinds: Kinds | None = None) -> Any:
    """The validator's clean value for one field, or :class:`AnswerError` with its messages.

    ``given``: the answers so far (front-matter values), so that rules between fields apply.
    """
    vocab, kinds = vocab or default_vocabulary(), kinds or default_kinds()
    data = _baseline(vocab, kinds)
    data.update(given or {})
    if field_name == "location":
        data.pop("online", None)
    data[field_name] = value
    text = dump_front_matter(_ordered(data)) + "\n" + BODY
    parsed = parse(text.encode("utf-8"), f"{_PLACEHOLDER_SLUG}.md")
    meeting = check(parsed, _PLACEHOLDER_SLUG, Path(f"{_PLACEHOLDER_SLUG}.md"), vocab, kinds, refs)
    mine = [p.message for p in parsed.problems if p.field == field_name or p.field.startswith(field_name + ".")]
    if mine:
        raise AnswerError(field_name, mine)
    if meeting is None:
        raise AnswerError(field_name, [f"{p.field}: {p.message}" for p in parsed.problems])
    result = getattr(meeting, field_name)
    return list(result) if isinstance(result, tuple) else result


def front_matter_value(field_name: str, clean: Any) -> Any:
    """A clean value (as the validator returns it) in the shape written to the file."""
    if isinstance(clean, dt.time):
        return clean.strftime("%H:%M")
    if field_name == "location":
        return clean.to_dict()
    if field_name == "region" and isinstance(clean, list) and len(clean) == 1:
        return clean[0]
    return clean


def existing_meeting(folder: Path, slug: str) -> Path | None:
    direct = Path(folder) / f"{slug}.md"
    if direct.exists():
        return direct
    return next((p for p in meeting_files(folder) if p.stem == slug), None)


def propose_slug(title: str, date: dt.date | None, folder: Path) -> str:
    """A slug from the title and year, made unique with a number when needed."""
    base = slugify(f"{title} {date.year}" if date and str(date.year) not in title else title) or _PLACEHOLDER_SLUG
    candidate, n = base, 2
    while existing_meeting(folder, candidate) is not None:
        candidate = numbered(base, n)
        n += 1
    return candidate


def check_meeting_slug(slug: str, folder: Path) -> str:
    slug = check_slug(slug)  # the practices' slug rule and message
    existing = existing_meeting(folder, slug)
    if existing is not None:
        raise AnswerError("slug", [f"er bestaat al een bijeenkomst '{slug}' ({display_path(existing)}); "
                                   "kies een andere bestandsnaam"])
    return slug


def render(answers: dict[str, Any]) -> str:
    return dump_front_matter(_ordered(answers)) + "\n" + BODY


def write_meeting(folder: Path, slug: str, answers: dict[str, Any], refs: PracticeRefs,
                  vocab: Vocabulary | None = None, kinds: Kinds | None = None) -> Path:
    """Write ``<folder>/<slug>.md`` from front-matter ``answers``; never overwrites."""
    folder = Path(folder)
    if not folder.is_dir():
        raise MeetingScaffoldError(f"De map met bijeenkomsten bestaat niet: {display_path(folder)}")
    slug = check_meeting_slug(slug, folder)
    target = folder / f"{slug}.md"
    tmpdir = Path(tempfile.mkdtemp(prefix=".kennisbank-nieuw-", dir=folder))
    try:
        tmp = tmpdir / f"{slug}.md"
        tmp.write_text(render(answers), encoding="utf-8")
        _meeting, problems = load_meeting_file(tmp, refs, vocab, kinds)
        if problems:
            shown = [Problem(display_path(target), p.line, p.field, p.message) for p in problems]
            raise AnswerError("bestand", [p.format() for p in shown])
        place_new(tmp, target)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return target
