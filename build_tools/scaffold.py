"""Scaffold a new practice file: check each answer with the real validator, then write safely.

Each answer is checked by running the validator itself (:func:`build_tools.validate.check`)
on a small front matter that is valid except for the one field being asked, so the
contributor sees exactly the message ``kennisbank validate`` would give, including its
"bedoelde je ..." suggestions. The finished file is produced by a YAML emitter
(:func:`build_tools.writers.dump_front_matter`), validated once more as a whole with :func:`build_tools.load.load_file`
and only then linked into place without ever replacing an existing file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import KennisbankError, PracticesFolderError, os_reason
from .frontmatter import parse
from .load import display_path, load_file, practice_files, reserved_slug_problem
from .model import Problem
from .slugs import FALLBACK_SLUG, numbered, slug_problem, slugify
from .validate import check
from .vocabulary import Vocabulary, default_vocabulary
from .writers import dump_front_matter

#: Suggested headings with one line of guidance each (shown in the new file).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Aanleiding", "Waarom is de praktijk gestart? Welk probleem of welke kans was er, en voor wie?"),
    ("Aanpak", "Wat hebben jullie gedaan, met wie, en hoe is het georganiseerd? Opsommingen met - mogen."),
    ("Resultaten", "Wat heeft het opgeleverd? Noem aantallen, ervaringen van deelnemers en werkgevers."),
    ("Lessen", "Wat zou je een ander SW-bedrijf aanraden? Wat zou je de volgende keer anders doen?"),
    ("Contact", "Wie kunnen lezers bellen of mailen voor meer informatie?"),
)

#: The front-matter keys this module asks for, in file order.
ANSWER_FIELDS = ("title", "description", "region", "themes", "organisations", "year")

_PLACEHOLDER_SLUG = "nieuwe-praktijk"


class ScaffoldError(KennisbankError):
    """The new file cannot be written (it exists, the folder is missing, ...)."""


class AnswerError(KennisbankError):
    """An answer is invalid; ``field`` names the front-matter key, ``messages`` the problems."""

    def __init__(self, field_name: str, messages: Sequence[str]):
        self.field = field_name
        self.messages = list(messages)
        super().__init__("; ".join(f"{field_name}: {m}" for m in self.messages))


@dataclass
class Answers:
    title: str
    description: str
    region: list[str]
    themes: list[str]
    organisations: list[str]
    year: int
    slug: str | None = None
    date: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# --- checking one answer with the real validator --------------------------------------------

def _baseline(vocab: Vocabulary) -> dict[str, Any]:
    """A front matter the validator accepts, used as the background for one answer."""
    return {
        "title": "Titel van de praktijk",
        "description": "Een korte beschrijving van de praktijk in één zin.",
        "region": (vocab.national_region or vocab.regions[0]).name,
        "themes": [vocab.theme_ids[0]],
        "organisations": ["Organisatie"],
        "year": dt.date.today().year,
    }


def _run_validator(data: dict[str, Any], slug: str, vocab: Vocabulary):
    text = dump_front_matter(data) + "\n## Aanleiding\n\nTekst.\n"
    parsed = parse(text.encode("utf-8"), f"{slug}.md")
    practice = check(parsed, slug, Path(f"{slug}.md"), vocab)
    return practice, parsed.problems


def check_answer(field_name: str, value: Any, vocab: Vocabulary | None = None) -> Any:
    """The validator's clean value for one front-matter field, or :class:`AnswerError`.

    ``region`` and ``themes`` come back as canonical names / theme ids (a list);
    ``organisations`` as a list; ``year`` as int; texts stripped.
    """
    vocab = vocab or default_vocabulary()
    data = _baseline(vocab)
    data[field_name] = value
    practice, problems = _run_validator(data, _PLACEHOLDER_SLUG, vocab)
    mine = [p.message for p in problems if p.field == field_name or p.field.startswith(field_name + ".")]
    if mine:
        raise AnswerError(field_name, mine)
    if practice is None:  # a problem outside this field: cannot happen with a valid baseline
        raise AnswerError(field_name, [p.message for p in problems])
    result = getattr(practice, field_name)
    return list(result) if isinstance(result, tuple) else result


def check_slug(slug: str, folder: Path | None = None) -> str:
    """A valid, unused slug (file name without ``.md``), or :class:`AnswerError`."""
    slug = slug.strip().removesuffix(".md")
    if not slug:
        raise AnswerError("slug", [f"is leeg; geef een bestandsnaam, bijvoorbeeld '{FALLBACK_SLUG}'"])
    message = slug_problem(slug)  # the validator's own slug rule and message
    reserved = reserved_slug_problem(slug, f"{slug}.md")
    if message or reserved:
        raise AnswerError("slug", [message or reserved.message])
    if folder is not None:
        existing = existing_file(folder, slug)
        if existing is not None:
            raise AnswerError("slug", [f"er bestaat al een praktijk '{slug}' ({display_path(existing)}); "
                                       "kies een andere bestandsnaam"])
    return slug


def existing_file(folder: Path, slug: str) -> Path | None:
    """The practice file with this slug anywhere in the folder, if there is one."""
    direct = Path(folder) / f"{slug}.md"
    if direct.exists():
        return direct
    if Path(folder).is_dir():
        for path in practice_files(folder):
            if path.stem == slug:
                return path
    return None


def propose_slug(title: str, folder: Path | None = None) -> str:
    """A slug from the title; with a folder, made unique by a number (``-2``, ``-3``...)."""
    base = slugify(title) or _PLACEHOLDER_SLUG

    def free(slug: str) -> bool:
        return reserved_slug_problem(slug, "") is None and (folder is None or existing_file(folder, slug) is None)

    n = 1
    candidate = base
    while not free(candidate):
        n += 1
        candidate = numbered(base, n)
    return candidate


def split_multi(text: str, *, separators: str = ",;") -> list[str]:
    """Items of a typed list answer; empty items dropped."""
    parts = re.split("[" + re.escape(separators) + "]", text)
    return [p.strip() for p in parts if p.strip()]


def resolve_choices(text: str, kind: str, vocab: Vocabulary | None = None) -> list[str]:
    """Regions or themes typed as numbers (from the shown list) and/or names, checked.

    Items are separated by commas or semicolons; neighbouring items that together form a
    known name are kept together (the theme label 'Ontwikkeling, leren en scholing' has a comma). Numbers refer to
    :func:`choice_list`. Returns canonical values; raises :class:`AnswerError`.
    """
    vocab = vocab or default_vocabulary()
    options = choice_list(kind, vocab)
    resolve = vocab.resolve_region if kind == "region" else vocab.resolve_theme
    items = _group_items(split_multi(text, separators=",;"), resolve)
    values: list[str] = []
    for item in items:
        if item.isdigit():
            number = int(item)
            if not 1 <= number <= len(options):
                raise AnswerError(kind, [f"nummer {number} staat niet in de lijst (1–{len(options)})"])
            values.append(options[number - 1][0])
        else:
            values.append(item)
    return check_answer(kind, values, vocab)


def _group_items(parts: list[str], resolve: Callable[[str], str | None]) -> list[str]:
    """Re-join comma-split parts that together are one known name ('Ontwikkeling, leren en scholing')."""
    items: list[str] = []
    i = 0
    while i < len(parts):
        for j in range(len(parts), i + 1, -1):
            joined = ", ".join(parts[i:j])
            if resolve(joined):
                items.append(joined)
                i = j
                break
        else:
            items.append(parts[i])
            i += 1
    return items


def choice_list(kind: str, vocab: Vocabulary | None = None) -> list[tuple[str, str]]:
    """(value, shown text) for the numbered list of regions or themes."""
    vocab = vocab or default_vocabulary()
    if kind == "region":
        return [(r.name, r.name) for r in vocab.regions]
    return [(t.id, f"{t.label} ({t.id})") for t in vocab.themes]


# --- the file -----------------------------------------------------------------------------

def front_matter(answers: Answers, today: dt.date | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": answers.title,
        "description": answers.description,
        "region": answers.region[0] if len(answers.region) == 1 else list(answers.region),
        "themes": list(answers.themes),
        "organisations": list(answers.organisations),
        "year": answers.year,
        "date": answers.date or today or dt.date.today(),
    }
    data.update(answers.extra)
    return data


def body_template() -> str:
    parts = []
    for heading, guidance in SECTIONS:
        parts.append(f"## {heading}\n\n_{guidance}_\n")
    return "\n".join(parts)


def render(answers: Answers, today: dt.date | None = None) -> str:
    """The whole practice file: front matter by the one YAML writer and the suggested headings."""
    return dump_front_matter(front_matter(answers, today)) + "\n" + body_template()


def check_answers(answers: Answers, vocab: Vocabulary | None = None) -> Answers:
    """All answers checked; every problem collected into one :class:`AnswerError`."""
    vocab = vocab or default_vocabulary()
    clean: dict[str, Any] = {}
    problems: list[str] = []
    for name in ANSWER_FIELDS:
        try:
            clean[name] = check_answer(name, getattr(answers, name), vocab)
        except AnswerError as exc:
            problems.extend(f"{name}: {m}" for m in exc.messages)
    if problems:
        raise AnswerError("antwoorden", problems)
    return Answers(**clean, slug=answers.slug, date=answers.date, extra=dict(answers.extra))


def write_practice(folder: Path, answers: Answers, *, today: dt.date | None = None,
                   vocab: Vocabulary | None = None) -> Path:
    """Write ``<folder>/<slug>.md``; never overwrites, not even in a race.

    The text is written to a temporary file inside ``folder`` (in a hidden subfolder, so the
    file carries its final name and the slug rule is checked too), validated with
    :func:`load_file`, then hard-linked to its final name, which fails if that name exists.
    Where hard links are not supported the file is created with ``O_EXCL`` instead.
    """
    vocab = vocab or default_vocabulary()
    folder = Path(folder)
    if not folder.is_dir():
        raise PracticesFolderError(f"De map met praktijken bestaat niet: {display_path(folder)}")
    slug = check_slug(answers.slug or propose_slug(answers.title), folder)
    text = render(answers, today)
    target = folder / f"{slug}.md"

    try:
        tmpdir = Path(tempfile.mkdtemp(prefix=".kennisbank-nieuw-", dir=folder))
        try:
            tmp = tmpdir / f"{slug}.md"
            tmp.write_text(text, encoding="utf-8")
            _practice, problems = load_file(tmp, vocab)
            if problems:
                shown = [Problem(display_path(target), p.line, p.field, p.message) for p in problems]
                raise AnswerError("bestand", [p.format() for p in shown])
            place_new(tmp, target)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
    except OSError as exc:  # a read-only folder, a full disk, ...: nothing was written
        raise ScaffoldError(f"kan {display_path(target)} niet schrijven ({os_reason(exc)}); "
                            "er is niets aangemaakt.") from None
    return target


def place_new(source: Path, target: Path) -> None:
    """Give ``source``'s content the name ``target``, atomically failing if ``target`` exists.

    A hard link (``os.link``) never replaces an existing name; where the file system has no
    hard links the target is created with ``O_EXCL`` (``open(..., "x")``) instead.
    Raises :class:`ScaffoldError` when the target exists; it is left untouched.
    """
    try:
        os.link(source, target)
        return
    except FileExistsError:
        raise _exists(target) from None
    except OSError:  # e.g. EPERM/ENOTSUP: no hard links here
        pass
    data = Path(source).read_bytes()
    try:
        with open(target, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise _exists(target) from None


def _exists(target: Path) -> ScaffoldError:
    return ScaffoldError(f"{display_path(target)} bestaat al; er is niets overschreven. "
                         "Kies een andere slug met --slug.")


def missing_answers(values: dict[str, Any]) -> list[str]:
    """Names of required answers that are missing (None or empty)."""
    return [name for name in ANSWER_FIELDS if values.get(name) in (None, "", [], ())]


def as_year(value: Any) -> Any:
    """A typed year: int when it is digits, otherwise left for the validator to explain."""
    # ASCII digits only ("²".isdigit() is true, int("²") fails) and few enough for int(): a
    # 5,000-digit answer stays text and the validator explains that a year has four digits.
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()):
        return int(value.strip())
    return value


def clean_list(values: Iterable[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]
