"""``kennisbank stale`` on a real folder of practice files."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from build_tools.cli import cli


def write_practice(folder: Path, slug: str, **fields) -> Path:
    data = {
        "title": f"Praktijk {slug}",
        "description": "Een korte beschrijving van deze praktijk voor de test.",
        "region": "Twente",
        "themes": ["beschut-werk"],
        "organisations": ["Werkbedrijf Test"],
        "year": 2016,
    }
    data.update(fields)
    path = folder / f"{slug}.md"
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n## Aanleiding\n\nTekst.\n",
                    encoding="utf-8")
    return path


def run(folder: Path, *args: str):
    return CliRunner().invoke(cli, ["--practices", str(folder), "stale", *args])


def test_lists_stale_oldest_first_with_contact_and_undated_apart(tmp_path):
    write_practice(tmp_path, "vers", date="2026-06-01")
    write_practice(tmp_path, "oud", updated="2019-02-01", date="2018-01-01",
                   contact={"name": "Anna de Vries", "email": "anna@voorbeeld.nl"})
    write_practice(tmp_path, "oudst", date="2016-03-15", organisations=["Werkbedrijf Oost"])
    write_practice(tmp_path, "grens", updated="2024-11-30")
    write_practice(tmp_path, "zonder-datum", contact={"name": "Piet Jansen", "phone": "030-1234567"})
    write_practice(tmp_path, "concept-oud", date="2012-01-01", draft=True)

    result = run(tmp_path, "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2 praktijken zijn langer dan 24 maanden niet bijgewerkt (peildatum 2026-11-30)" in out
    assert out.index("oudst") < out.index("2019-02-01  oud ")
    assert "2016-03-15  oudst  (128 maanden oud)" in out
    assert "Vraag na bij: Anna de Vries (anna@voorbeeld.nl)" in out
    assert "Vraag na bij: geen contactpersoon; vraag het na bij Werkbedrijf Oost" in out
    assert "grens" not in out.split("Geen datum")[0]
    assert "vers" not in out
    assert "concept-oud" not in out
    undated = out.split("Geen datum (1)")[1]
    assert "zonder-datum" in undated and "Piet Jansen (030-1234567)" in undated

    # one day later the practice updated on 2024-11-30 is stale too
    later = run(tmp_path, "--today", "2026-12-01")
    assert later.exit_code == 0
    assert "2024-11-30  grens" in later.output
    assert "3 praktijken zijn" in later.output


def test_months_option(tmp_path):
    write_practice(tmp_path, "half-jaar", date="2026-01-15")
    assert "half-jaar" not in run(tmp_path, "--today", "2026-07-15", "--months", "6").output
    result = run(tmp_path, "--today", "2026-07-16", "--months", "6")
    assert result.exit_code == 0
    assert "1 praktijk is langer dan 6 maanden niet bijgewerkt" in result.output


def test_nothing_stale(tmp_path):
    write_practice(tmp_path, "vers", date="2026-06-01")
    result = run(tmp_path, "--today", "2026-07-01")
    assert result.exit_code == 0
    assert result.output.startswith("Geen praktijken die langer dan 24 maanden")


def test_bad_usage_and_invalid_content(tmp_path):
    assert run(tmp_path, "--months", "-3").exit_code == 2
    assert run(tmp_path, "--months", "veel").exit_code == 2
    (tmp_path / "kapot.md").write_text("---\ntitle: [\n---\ntekst\n", encoding="utf-8")
    result = run(tmp_path)
    assert result.exit_code == 1
    assert "kapot.md:" in result.output
    assert "Traceback" not in result.output


def test_missing_folder(tmp_path):
    result = run(tmp_path / "bestaat-niet")
    assert result.exit_code == 1
    assert "Fout: De map met praktijken bestaat niet" in result.output
