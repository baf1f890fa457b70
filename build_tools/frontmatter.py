"""Split a practice file into YAML front matter and Markdown body, keeping line numbers.

The front matter is found with the same ``---`` boundaries MkDocs uses
(``mkdocs.utils.meta.YAML_RE``), so what validates is what the site shows. It is *composed*
with PyYAML's node API rather than loaded: nodes keep their line, duplicate keys stay
visible, and values are constructed one by one so that one bad value (an impossible date)
cannot hide the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Problem

# Identical to mkdocs.utils.meta.YAML_RE (mkdocs 1.6).
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_EMPTY_RE = re.compile(r"^-{3}[ \t]*\n(?:\.{3}|-{3})[ \t]*\n")
_TAB_INDENT = re.compile(r"^ *\t")

# libyaml's composer is about 15x faster and gives the same nodes and marks.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRONT_MATTER = "front matter"
FILE = "bestand"


@dataclass
class Entry:
    """One top-level key of the front matter."""

    key: str
    line: int
    node: yaml.Node


@dataclass
class ParsedFile:
    path: str
    entries: list[Entry] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    #: False when the front matter could not be read at all (no entries to check)
    ok: bool = True

    def problem(self, line: int, field_name: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field_name, message))


def decode(raw: bytes, display: str, parsed: ParsedFile) -> str | None:
    """UTF-8 (with or without BOM) to text with ``\\n`` line ends; None after a problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        parsed.problem(
            line, FILE,
            f"is geen UTF-8-tekst (onleesbaar teken, byte 0x{raw[exc.start]:02x}); "
            "sla het bestand op als UTF-8",
        )
        return None
    if "\x00" in text:
        parsed.problem(1, FILE, "is geen tekstbestand (bevat NUL-tekens)")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_YAML_HINTS = (
    ("mapping values are not allowed", "onverwachte dubbele punt; zet een waarde met ': ' erin tussen aanhalingstekens"),
    ("could not find expected ':'", "verwachtte 'sleutel: waarde'; ontbreekt er een dubbele punt?"),
    ("found character '\\t'", "tab gevonden; gebruik spaties in plaats van tabs"),
    ("found undefined alias", "onbekende verwijzing met '*'; zet een waarde die met * begint tussen aanhalingstekens"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet afgesloten"),
    ("found unknown escape character", "ongeldige backslash-code tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("did not find expected key", "de inspringing klopt niet of een aanhalingsteken wordt niet afgesloten"),
    ("did not find expected '-' indicator", "de inspringing van de lijst klopt niet"),
    ("expected ',' or ']'", "een lijst tussen [ ] wordt niet goed afgesloten"),
    ("expected ',' or '}'", "een groep tussen { } wordt niet goed afgesloten"),
    ("found character '@'", "een waarde mag niet met @ beginnen; zet hem tussen aanhalingstekens"),
    ("found character '`'", "een waarde mag niet met ` beginnen; zet hem tussen aanhalingstekens"),
    ("found duplicate anchor", "een anker met '&' komt twee keer voor"),
)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or str(exc)
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return f"ongeldige YAML: {hint}"
    return f"ongeldige YAML ({problem})"


def parse(raw: bytes, display: str) -> ParsedFile:
    """Front-matter entries and body of a practice file, and every problem reading them."""
    parsed = ParsedFile(display)
    text = decode(raw, display, parsed)
    if text is None:
        parsed.ok = False
        return parsed
    if text and not text.endswith("\n"):
        text += "\n"

    match = YAML_RE.match(text) or _EMPTY_RE.match(text)
    if match is None:
        parsed.ok = False
        if re.match(r"^-{3}[ \t]*\n", text):
            parsed.problem(1, FRONT_MATTER, "wordt niet afgesloten: zet een regel '---' tussen de velden en de tekst")
        else:
            parsed.problem(
                1, FRONT_MATTER,
                "ontbreekt: het bestand moet beginnen met een regel '---', dan de velden "
                "(title, description, region, themes, organisations, year) en weer '---'",
            )
        return parsed

    front = match.group(1) if match.re is YAML_RE else ""
    rest = text[match.end():]
    stripped = rest.lstrip("\n")
    parsed.body = stripped
    parsed.body_line = text.count("\n", 0, match.end()) + (len(rest) - len(stripped)) + 1

    first_line = 2  # line 1 is the opening '---'
    tab_lines = [i for i, line in enumerate(front.split("\n"), start=first_line) if _TAB_INDENT.match(line)]
    if tab_lines:
        parsed.ok = False
        for line in tab_lines:
            parsed.problem(line, FRONT_MATTER, "inspringing met een tab; gebruik spaties")
        return parsed

    try:
        try:
            root = yaml.compose(front, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            # libyaml's messages differ from PyYAML's; re-read with PyYAML for the message we explain.
            root = yaml.compose(front, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        parsed.ok = False
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
        line = first_line + mark.line if mark is not None else 1
        parsed.problem(line, FRONT_MATTER, _yaml_message(exc))
        return parsed
    except yaml.YAMLError as exc:  # e.g. a reader error on control characters
        parsed.ok = False
        parsed.problem(1, FRONT_MATTER, f"ongeldige YAML ({exc})")
        return parsed

    if root is None:
        return parsed  # empty front matter: the validator reports the missing fields
    if not isinstance(root, yaml.MappingNode):
        parsed.ok = False
        parsed.problem(
            first_line + root.start_mark.line, FRONT_MATTER,
            "moet bestaan uit regels 'veld: waarde', bijvoorbeeld 'title: Mijn praktijk'",
        )
        return parsed

    for key_node, value_node in root.value:
        line = first_line + key_node.start_mark.line
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        key = key.strip() or "(naamloos veld)"
        parsed.entries.append(Entry(key, line, value_node))
        _shift(value_node, first_line)
    return parsed


def _shift(node: yaml.Node, first_line: int) -> None:
    """Record the file line of every node as ``node.file_line``."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        current.file_line = first_line + current.start_mark.line  # type: ignore[attr-defined]
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for k, v in current.value:
                stack.extend((k, v))


def parse_path(path: Path, display: str) -> ParsedFile:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        parsed = ParsedFile(display, ok=False)
        parsed.problem(1, FILE, f"kan niet gelezen worden ({exc.strerror or exc})")
        return parsed
    return parse(raw, display)
