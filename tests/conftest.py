"""Shared fixtures and helpers: practice files in a temporary folder, the CLI as a process, a
copy of the project's MkDocs setup (test modules import helpers from here, never from each other)."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from build_tools.pages import GENERATED_DIRS, GENERATED_FILES, MANIFEST_NAME
from build_tools.settings import PROJECT_ROOT

PROJECT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
#: The installed command, to run it as a real process.
KENNISBANK = PROJECT / ".venv" / "bin" / "kennisbank"
#: Practices with hostile content for the site tests.
HOSTILE = DATA / "site" / "hostile"


def _file_text(lines: dict[str, str], fields: dict[str, str | None], body: str) -> str:
    """Front-matter ``lines`` with ``fields`` replacing (or with None removing) lines, then ``body``."""
    for key, value in fields.items():
        if value is None:
            lines.pop(key, None)
        else:
            lines[key] = value
    return "---\n" + "\n".join(lines.values()) + "\n---\n\n" + body


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
    body = "## Aanleiding\n\nEen werkbedrijf zocht een manier om meer mensen aan het werk te helpen.\n"
    return _file_text(lines, fields, body)


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


def meeting_text(body: str = "## Programma\n\nDrie praktijken.\n", **fields: str | None) -> str:
    """A valid meeting file; keyword arguments replace (or with None remove) front-matter lines."""
    lines = {
        "title": "title: Kennisuitwisseling Oost",
        "description": "description: Werkbedrijven uit Twente delen wat werkte in het sectorplan.",
        "kind": "kind: kennisuitwisseling",
        "date": "date: 2027-02-11",
        "start_time": 'start_time: "10:00"',
        "end_time": 'end_time: "12:00"',
        "region": "region: Twente",
        "location": "location: {name: De Werkbrug, city: Hengelo}",
        "organisers": "organisers: [Cedris]",
    }
    return _file_text(lines, fields, body)


@pytest.fixture
def write_meeting(tmp_path: Path):
    """write_meeting(slug, **fields) -> Path, in tmp_path/'meetings' (beside write_practice's folder)."""
    folder = tmp_path / "meetings"
    folder.mkdir(exist_ok=True)

    def write(slug: str, text: str | None = None, **fields: str | None) -> Path:
        path = folder / f"{slug}.md"
        path.write_text(textwrap.dedent(text) if text is not None else meeting_text(**fields), encoding="utf-8")
        return path

    write.folder = folder
    return write


#: Three practices for the CLI tests (search, show, index): slug -> (title, region, themes, organisation,
#: year, first paragraph).
CLI_PRACTICES = {
    "zorgboerderij-groningen": ("Beschut werk op een zorgboerderij in Groningen", "Groningen",
                                "[beschut-werk, dagbesteding]", "Werkbedrijf Ommeland Werkt", 2017,
                                "Medewerkers met beschut werk verzorgen de dieren op de zorgboerderij."),
    "fietsen-twente": ("Fietsenwerkplaats voor werkgevers in Twente", "Twente", "[innovatie]",
                       "Werkbedrijf Tubbergen", 2019, "De financiële afspraken met werkgevers staan op papier."),
    "statushouders-amsterdam": ("Taal en werk voor statushouders", "Amsterdam", "[Statushouders en nieuwkomers]",
                                "Werkbedrijf Amstelkade", 2016, "Statushouders leren de taal op een leerwerkplek."),
}


def write_practices(folder: Path) -> Path:
    """Write :data:`CLI_PRACTICES` into ``folder`` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for slug, (title, region, themes, org, year, body) in CLI_PRACTICES.items():
        (folder / f"{slug}.md").write_text(textwrap.dedent(f"""\
            ---
            title: {title}
            description: Een korte samenvatting van deze praktijk voor de test van de opdracht.
            region: {region}
            themes: {themes}
            organisations: [{org}]
            year: {year}
            ---

            {body}

            Het werkbedrijf begeleidt de medewerkers en maakt afspraken met de gemeente.
            """), encoding="utf-8")
    return folder


def project_config_copy(target: Path, *, docs: Path | None = None) -> Path:
    """mkdocs.yml of the project, written to ``target/mkdocs.yml`` with its docs in ``target/docs``
    (a copy of the hand-written docs unless ``docs`` is given) so a build never touches docs/."""
    target.mkdir(parents=True, exist_ok=True)
    if docs is None:
        docs = target / "docs"
        skip = set(GENERATED_DIRS) | set(GENERATED_FILES) | {MANIFEST_NAME}
        shutil.copytree(PROJECT_ROOT / "docs", docs,
                        ignore=lambda folder, names: [n for n in names if Path(folder) == PROJECT_ROOT / "docs"
                                                      and n in skip])
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("- build_tools/mkdocs_hook.py", f"- {PROJECT_ROOT / 'build_tools' / 'mkdocs_hook.py'}")
    text = text.replace("custom_dir: docs/overrides", f"custom_dir: {PROJECT_ROOT / 'docs' / 'overrides'}")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = target / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
