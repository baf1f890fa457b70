"""Shared fixtures: writing practice files into a temporary folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def practice_text(**fields: str) -> str:
    """A valid practice file; keyword arguments replace (or with None remove) front-matter lines."""
    lines = {
        "title": "title: Werkfit in de wijk",
        "description": "description: Een voorbeeld van een praktijk die aan alle regels voldoet.",
        "region": "region: Twente",
        "themes": "themes: [beschut-werk]",
        "organisations": "organisations: [Werkbedrijf Voorbeeld]",
        "year": "year: 2016",
    }
    for key, value in fields.items():
        if value is None:
            lines.pop(key, None)
        else:
            lines[key] = value
    body = "## Aanleiding\n\nEen werkbedrijf zocht een manier om meer mensen aan het werk te helpen.\n"
    return "---\n" + "\n".join(lines.values()) + "\n---\n\n" + body


@pytest.fixture
def write_practice(tmp_path: Path):
    """write_practice(slug, **fields) -> Path, in tmp_path/'practices'."""
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)

    def write(slug: str, text: str | None = None, **fields: str) -> Path:
        path = folder / f"{slug}.md"
        path.write_text(textwrap.dedent(text) if text is not None else practice_text(**fields), encoding="utf-8")
        return path

    write.folder = folder
    return write
