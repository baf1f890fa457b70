"""Printing practice content to a terminal: always plain text, never markup or control codes.

Every value and body comes from a contributor. Printed as it is, ``Sectorplan [/] 2015`` would
be Rich markup (a crash), ``[link=...]`` a hidden hyperlink and ``\\x1b]0;...\\x07`` a terminal
escape sequence. The commands that show content (``show``, ``search``, ``stale``) print only
through these helpers: Rich renderables are :class:`rich.text.Text` (never parsed as markup) on
a console with markup and emoji codes switched off, and every forbidden character
(:data:`build_tools.textutil.FORBIDDEN_CHARS`) is shown as a visible escape.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from ..textutil import FORBIDDEN_RE, printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


def tolerate_unencodable() -> None:
    """Let stdout degrade characters its encoding lacks (``PYTHONIOENCODING=ascii``) to '?'.

    Python's default is to raise UnicodeEncodeError at the first 'ë'; click's own messages
    already degrade, Rich and ``sys.stdout.write`` do not. stderr already uses backslashreplace.
    """
    import sys

    stream = sys.stdout
    if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors="replace")


def plain(value: Any, style: str = "") -> Text:
    """``value`` as Rich text that is shown exactly as written (control codes made visible)."""
    from rich.text import Text

    return Text(printable(str(value)), style=style)


def console() -> Console:
    """A Rich console that never interprets strings as markup, emoji codes or highlights."""
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def echo(text: str = "", **options: Any) -> None:
    """``click.echo`` for a line that contains content values."""
    click.echo(printable(text), **options)


def json_text(data: Any) -> str:
    """JSON for a terminal: forbidden characters escaped as ``\\uXXXX`` (still the same data)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return FORBIDDEN_RE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)
