"""``kennisbank export``: JSON and Dutch-Excel CSV."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from build_tools.cli import cli


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
