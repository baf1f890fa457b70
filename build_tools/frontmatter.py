"""Split a practice file into YAML front matter and Markdown body, keeping line numbers.

The front matter is found with the same ``---`` boundaries MkDocs uses
(``mkdocs.utils.meta.YAML_RE``), so what validates is what the site shows. It is *composed*
with PyYAML's node API rather than loaded: nodes keep their line, duplicate keys stay
visible, and values are constructed one by one so that one bad value (an impossible date)
cannot hide the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import yaml

from .model import Problem
from .textutil import forbidden_char, forbidden_char_message

# Identical to mkdocs.utils.meta.YAML_RE (checked by tests/test_architecture.py); a copy so that
# reading practices does not import MkDocs.
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
    #: False when the value cannot be read at all (nested too deep, refers to itself); the
    #: problem is already recorded and the validator leaves the value alone
    usable: bool = True


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


#: How deep a value may nest (a scalar is 1, a list of texts 2, ``links`` 3). Deeper values are
#: refused before anything is constructed: PyYAML builds values recursively, and 300 nested
#: ``[`` would otherwise end in a RecursionError.
MAX_DEPTH = 20
TOO_DEEP = (f"is te diep genest (meer dan {MAX_DEPTH} niveaus haakjes of inspringing); "
            "een waarde is tekst, een lijst of een groep velden")

#: (words in PyYAML's or libyaml's message, Dutch explanation); the first match wins.
_YAML_HINTS = (
    ("mapping values are not allowed", "onverwachte dubbele punt; zet een waarde met ': ' erin tussen aanhalingstekens"),
    ("could not find expected ':'", "verwachtte 'sleutel: waarde'; ontbreekt er een dubbele punt?"),
    ("found character '\\t'", "tab gevonden; gebruik spaties in plaats van tabs"),
    ("found undefined alias", "onbekende verwijzing met '*'; zet een waarde die met * begint tussen aanhalingstekens"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet afgesloten"),
    ("found unknown escape character", "ongeldige backslash-code tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("escape sequence of", "ongeldige \\x-, \\u- of \\U-code tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("invalid Unicode character escape", "ongeldige \\u- of \\U-code tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens"),
    ("maximum nesting depth", TOO_DEEP.removeprefix("is ")),
    ("expected <block end>", "de inspringing klopt niet"),
    ("did not find expected key", "de inspringing klopt niet of een aanhalingsteken wordt niet afgesloten"),
    ("did not find expected '-' indicator", "de inspringing van de lijst klopt niet"),
    ("sequence entries are not allowed", "een lijstregel ('- ') staat op een plek waar dat niet kan; controleer de inspringing"),
    ("expected ',' or ']'", "een lijst tussen [ ] wordt niet goed afgesloten"),
    ("did not find expected ',' or ']'", "een lijst tussen [ ] wordt niet goed afgesloten"),
    ("expected ',' or '}'", "een groep tussen { } wordt niet goed afgesloten"),
    ("did not find expected ',' or '}'", "een groep tussen { } wordt niet goed afgesloten"),
    ("found character '@'", "een waarde mag niet met @ beginnen; zet hem tussen aanhalingstekens"),
    ("found character '`'", "een waarde mag niet met ` beginnen; zet hem tussen aanhalingstekens"),
    ("cannot start any token", "een waarde mag niet met dit teken beginnen; zet hem tussen aanhalingstekens"),
    ("found duplicate anchor", "een anker met '&' komt twee keer voor"),
    ("scanning an anchor", "na & hoort een naam; zet een waarde die met & begint tussen aanhalingstekens"),
    ("scanning an alias", "na * hoort een naam; zet een waarde die met * begint tussen aanhalingstekens"),
    ("tag", "een waarde die met ! begint is een YAML-label; zet hem tussen aanhalingstekens"),
    ("directive", "een regel die met % begint is een YAML-opdracht; zet de waarde tussen aanhalingstekens"),
    ("block scalar", "een tekstblok na | of > is niet goed opgebouwd; controleer de inspringing"),
    ("mapping keys are not allowed", "een '?' staat op een plek waar dat niet kan; zet de waarde tussen aanhalingstekens"),
    ("expected the node content", "hier ontbreekt een waarde, of een teken als , [ ] { } staat verkeerd"),
    ("document", "een regel met alleen --- of ... hoort niet in de front matter"),
)
_YAML_FALLBACK = "deze regel kan niet gelezen worden; controleer aanhalingstekens, haakjes, dubbele punten en inspringing"


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """Dutch for a YAML syntax error: no English fragment of the parser reaches the user."""
    words = f"{exc.context or ''} {exc.problem or ''}"
    for needle, hint in _YAML_HINTS:
        if needle in words:
            return f"ongeldige YAML: {hint}"
    return f"ongeldige YAML: {_YAML_FALLBACK}"


#: A top-level ``key:`` line (not a list item written at the key's indentation, not a comment).
_TOP_KEY = re.compile(r"^(?!-(?:\s|$))['\"]?([^\s#'\"][^:]*?)['\"]?[ \t]*:(?:[ \t]|$)")


def _key_at(front: str, index: int) -> str:
    """The top-level key whose value holds line ``index`` (0-based) of the front matter."""
    lines = front.split("\n")
    for line in reversed(lines[:index + 1]):
        match = _TOP_KEY.match(line)
        if match:
            return match.group(1).strip()
    return FRONT_MATTER


def _compose(front: str) -> yaml.Node | None:
    """The node tree of the front matter; YAMLError (PyYAML's wording when it can) on bad YAML."""
    try:
        return yaml.compose(front, Loader=_FAST_LOADER)
    except yaml.YAMLError as fast_error:
        if _FAST_LOADER is yaml.SafeLoader:
            raise
        # libyaml's messages differ from PyYAML's; re-read with PyYAML for the message we explain.
        try:
            return yaml.compose(front, Loader=yaml.SafeLoader)
        except RecursionError:  # PyYAML composes recursively; libyaml's error says what is wrong
            raise fast_error from None


def parse(raw: bytes, display: str, required: Sequence[str] | None = None) -> ParsedFile:
    """Front-matter entries and body of a practice file, and every problem reading them.

    ``required``: the required fields of this kind of file, named when the front matter is
    missing (default: those of a practice, :data:`build_tools.validate.REQUIRED`)."""
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
            if required is None:
                from .validate import REQUIRED as required  # validate imports this module
            parsed.problem(
                1, FRONT_MATTER,
                "ontbreekt: het bestand moet beginnen met een regel '---', dan de velden "
                f"({', '.join(required)}) en weer '---'",
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

    bad_lines = _forbidden_lines(front)
    if bad_lines:
        # Checked before YAML reads it: YAML counts U+0085, U+2028 and U+2029 as line breaks
        # (every later line number would be off) and stops at the first control character.
        parsed.ok = False
        for index, key, ch in bad_lines:
            parsed.problem(first_line + index, key, forbidden_char_message(ch))
        return parsed

    try:
        root = _compose(front)
    except RecursionError:  # only without libyaml: PyYAML composes recursively
        parsed.ok = False
        parsed.problem(1, FRONT_MATTER, TOO_DEEP)
        return parsed
    except yaml.MarkedYAMLError as exc:
        parsed.ok = False
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
        line = first_line + mark.line if mark is not None else 1
        field_name = FRONT_MATTER
        if "nesting depth" in (exc.problem or "") and mark is not None:
            field_name = _key_at(front, mark.line)
        parsed.problem(line, field_name, _yaml_message(exc))
        return parsed
    except yaml.YAMLError:
        parsed.ok = False
        parsed.problem(1, FRONT_MATTER, f"ongeldige YAML: {_YAML_FALLBACK}")
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
        entry = Entry(key, line, value_node)
        depth = _annotate(value_node, first_line)
        if depth is None:
            parsed.problem(line, key, "verwijst naar zichzelf (een anker met & bevat zijn eigen *); schrijf de waarde uit")
            entry.usable = False
        elif depth > MAX_DEPTH:
            parsed.problem(line, key, TOO_DEEP)
            entry.usable = False
        parsed.entries.append(entry)
    return parsed


def _forbidden_lines(front: str) -> list[tuple[int, str, str]]:
    """(0-based line, top-level key, first forbidden character) of each line that has one."""
    found = []
    key = FRONT_MATTER
    for index, line in enumerate(front.split("\n")):
        match = _TOP_KEY.match(line)
        if match:
            key = match.group(1).strip()
        ch = forbidden_char(line)
        if ch is not None:
            found.append((index, key, ch))
    return found


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _annotate(node: yaml.Node, first_line: int) -> int | None:
    """Record the file line of every node as ``node.file_line``; return the nesting depth.

    A scalar has depth 1. None when the value contains itself (``&a [*a]``). Iterative, and
    every node is visited once even when aliases share it, so neither deep nesting nor alias
    bombs cost more than the text's length.
    """
    if isinstance(node, yaml.ScalarNode):
        node.file_line = first_line + node.start_mark.line  # type: ignore[attr-defined]
        return 1
    depth: dict[int, int] = {}  # collections only; a scalar's depth is 1
    started: set[int] = set()  # collections being visited: the path from the root to the top
    stack = [node]
    while stack:
        current = stack[-1]
        key = id(current)
        if key in depth:
            stack.pop()
            continue
        children = _children(current)
        if key not in started:
            started.add(key)
            current.file_line = first_line + current.start_mark.line  # type: ignore[attr-defined]
            pending = []
            for child in children:
                if isinstance(child, yaml.ScalarNode):
                    child.file_line = first_line + child.start_mark.line  # type: ignore[attr-defined]
                elif id(child) in started:
                    return None
                elif id(child) not in depth:
                    pending.append(child)
            if pending:
                stack.extend(pending)
                continue
        started.discard(key)
        depth[key] = 1 + max((depth.get(id(child), 1) for child in children), default=0)
        stack.pop()
    return depth[id(node)]

