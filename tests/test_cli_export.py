"""``kennisbank export``: JSON and Dutch-Excel CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.export import neutralise_formula


def _folder(write_practice):
    write_practice("alfa", title='title: "Financiële steun; voor werk"', region="region: [Twente, Achterhoek]",
                   themes="themes: [Beschut werk, dagbesteding]")
    write_practice("beta", organisations='organisations: ["Werkbedrijf \\"De Brug\\"", Gemeente Voorbeeld]')
    write_practice("concept", draft="draft: true")
    return write_practice.folder


def test_json_has_canonical_values_and_no_drafts(write_practice):
    folder = _folder(write_practice)
    result = CliRunner().invoke(cli, ["--practices", str(folder), "export", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [item["slug"] for item in data] == ["alfa", "beta"]
    assert data[0]["region"] == ["Twente", "Achterhoek"]
    assert data[0]["themes"] == ["beschut-werk", "dagbesteding"]
    assert data[0]["title"] == "Financiële steun; voor werk"
    assert data[1]["organisations"] == ['Werkbedrijf "De Brug"', "Gemeente Voorbeeld"]
    assert data[0]["body"].startswith("## Aanleiding")


def test_csv_is_semicolon_separated_utf8_with_bom_and_crlf(write_practice):
    folder = _folder(write_practice)
    result = CliRunner().invoke(cli, ["--practices", str(folder), "export", "--format", "csv"])
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row["slug"] for row in rows] == ["alfa", "beta"]
    assert rows[0]["title"] == "Financiële steun; voor werk"
    assert rows[0]["region"] == "Twente | Achterhoek"
    assert rows[1]["organisations"] == 'Werkbedrijf "De Brug" | Gemeente Voorbeeld'


def test_export_refuses_invalid_content(write_practice):
    write_practice("fout", year="year: 1999")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "export", "--format", "json"])
    assert result.exit_code == 1
    assert "year: 1999 ligt vóór 2010" in result.output


def test_format_is_required():
    result = CliRunner().invoke(cli, ["export"])
    assert result.exit_code == 2
    assert "Ontbrekende optie '--format'" in result.output


# --- formula injection and stable paths ------------------------------------------------------
def test_csv_cells_that_excel_would_run_are_neutralised(write_practice):
    write_practice(
        "formule",
        title='title: "=HYPERLINK(\\"https://evil.example/\\",\\"klik\\")"',
        organisations='organisations: ["-2+3", "@SUM(A1:A9)", "Gewone organisatie"]',
        funding='funding: "+Sectorplan 2015"',
        contact='contact: {name: "=1+1", phone: "+31 6 12345678"}',
        links='links: [{title: "=cmd", url: "https://example.org/a"}]',
        tags='tags: ["@tag", "gewoon"]',
    )
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode("utf-8-sig") == (
        "slug;title;description;region;themes;organisations;year;status;funding;contact_name;"
        "contact_organisation;contact_email;contact_phone;links;date;updated;tags;path\r\n"
        "formule;\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"klik\"\")\";"
        "Een voorbeeld van een praktijk die aan alle regels voldoet.;Twente;beschut-werk;"
        "'-2+3 | @SUM(A1:A9) | Gewone organisatie;2016;;'+Sectorplan 2015;'=1+1;;;'+31 6 12345678;"
        "'=cmd <https://example.org/a>;;;'@tag | gewoon;practices/formule.md\r\n"
    )


@pytest.mark.parametrize("value, cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("gewoon", "gewoon"), ("a=1", "a=1"), ("", ""), (" =1", " =1"),
])
def test_neutralise_formula(value, cell):
    assert neutralise_formula(value) == cell


def test_export_path_is_relative_to_the_practices_folder_parent(write_practice, tmp_path, monkeypatch):
    write_practice("alfa")
    sub = write_practice.folder / "regio"
    sub.mkdir()
    (sub / "beta.md").write_text((write_practice.folder / "alfa.md").read_text(encoding="utf-8"), encoding="utf-8")
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working folder does not matter
    for args in (["--practices", str(write_practice.folder)], ["--practices", "../practices"]):
        result = CliRunner().invoke(cli, [*args, "export", "--format", "json"])
        assert result.exit_code == 0, result.output
        assert [item["path"] for item in json.loads(result.output)] == ["practices/alfa.md", "practices/regio/beta.md"]
        result = CliRunner().invoke(cli, [*args, "export", "--format", "csv"])
        rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert [row["path"] for row in rows] == ["practices/alfa.md", "practices/regio/beta.md"]
