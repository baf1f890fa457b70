"""``kennisbank export``: JSON and Dutch-Excel CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.export import ExportError, export_bytes, neutralise_formula


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


# --- meetings (--type bijeenkomst) ---------------------------------------------------------------
MEETING_HEADER = ("slug;title;description;kind;date;end;start_time;end_time;region;themes;location_name;"
                  "location_address;location_city;online;organisers;practices;registration;contact_name;"
                  "contact_organisation;contact_email;contact_phone;cancelled;has_report;path")


@pytest.fixture
def meetings(write_practice, write_meeting, monkeypatch):
    """Practices alfa and beta, and meetings beside them: two published, one draft."""
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("alfa")
    write_practice("beta")
    write_meeting("oost", practices="practices: [beta, alfa]", themes="themes: [Beschut werk]",
                  location='location: {name: "De Werkbrug; zaal 2", address: Havenstraat 4, city: Hengelo}',
                  region="region: [twente, Achterhoek]", contact="contact: {name: Anne, email: anne@example.org}")
    write_meeting("online", text="""\
        ---
        title: =Online werksessie
        description: Een online werksessie voor werkbedrijven uit de hele regio.
        kind: Procesondersteuning
        date: 2018-03-01
        end: 2018-03-02
        region: Landelijk
        online: https://meet.example.org/sessie
        organisers: [Cedris, "@Werkbedrijf"]
        registration: aanmelden@example.org
        cancelled: true
        ---

        ## Programma

        Twee dagen.

        ## Verslag

        Afspraken gemaakt.
        """)
    write_meeting("concept", draft="draft: true")
    return write_practice.folder


def export(folder, *args):
    return CliRunner().invoke(cli, ["--practices", str(folder), "export", *args])


def test_meetings_as_json_with_all_fields(meetings):
    result = export(meetings, "--format", "json", "--type", "bijeenkomst")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["slug"] for m in data] == ["online", "oost"]  # by date, no drafts
    assert data[0] == {
        "slug": "online", "title": "=Online werksessie",
        "description": "Een online werksessie voor werkbedrijven uit de hele regio.",
        "kind": "procesondersteuning", "date": "2018-03-01", "end": "2018-03-02", "start_time": None,
        "end_time": None, "region": ["Landelijk"], "themes": [], "location": None,
        "online": "https://meet.example.org/sessie", "organisers": ["Cedris", "@Werkbedrijf"], "practices": [],
        "registration": "aanmelden@example.org", "contact": None, "cancelled": True, "has_report": True,
        "path": "meetings/online.md", "body": "## Programma\n\nTwee dagen.\n\n## Verslag\n\nAfspraken gemaakt.\n",
    }
    oost = data[1]
    assert oost["region"] == ["Twente", "Achterhoek"] and oost["themes"] == ["beschut-werk"]
    assert oost["location"] == {"name": "De Werkbrug; zaal 2", "address": "Havenstraat 4", "city": "Hengelo"}
    assert oost["practices"] == ["beta", "alfa"] and oost["has_report"] is False and oost["online"] is None
    assert oost["contact"] == {"name": "Anne", "email": "anne@example.org"}
    assert oost["start_time"] == "10:00" and oost["end_time"] == "12:00"


def test_meetings_as_csv_exactly(meetings):
    result = export(meetings, "--format", "csv", "--type", "bijeenkomst")
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n") == 3
    assert raw.decode("utf-8-sig") == (
        MEETING_HEADER + "\r\n"
        "online;'=Online werksessie;Een online werksessie voor werkbedrijven uit de hele regio.;procesondersteuning;"
        "2018-03-01;2018-03-02;;;Landelijk;;;;;https://meet.example.org/sessie;Cedris | @Werkbedrijf;;"
        "aanmelden@example.org;;;;;true;true;meetings/online.md\r\n"
        "oost;Kennisuitwisseling Oost;Werkbedrijven uit Twente delen wat werkte in het sectorplan.;"
        "kennisuitwisseling;2027-02-11;;10:00;12:00;Twente | Achterhoek;beschut-werk;\"De Werkbrug; zaal 2\";"
        "Havenstraat 4;Hengelo;;Cedris;beta | alfa;;Anne;;anne@example.org;;false;false;meetings/oost.md\r\n"
    )
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [row["slug"] for row in rows] == ["online", "oost"]
    assert rows[1]["location_name"] == "De Werkbrug; zaal 2"
    assert rows[0]["title"] == "'=Online werksessie"  # what Excel would run is neutralised
    assert list(rows[0]) == MEETING_HEADER.split(";")


def test_meeting_online_without_link_is_true_in_csv(write_practice, write_meeting, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("alfa")
    write_meeting("online", location=None, online="online: true")
    result = export(write_practice.folder, "--format", "csv", "--type", "bijeenkomst")
    row = next(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert (row["online"], row["location_name"]) == ("true", "")
    assert json.loads(export(write_practice.folder, "--format", "json", "--type", "bijeenkomst").stdout)[0]["online"] is True


def test_type_praktijk_is_the_default_byte_for_byte(meetings):
    for fmt in ("json", "csv"):
        default = export(meetings, "--format", fmt)
        explicit = export(meetings, "--format", fmt, "--type", "praktijk")
        assert default.exit_code == explicit.exit_code == 0
        assert default.stdout_bytes == explicit.stdout_bytes
        assert b"Werkbrug" not in default.stdout_bytes  # practices only
    assert [p["slug"] for p in json.loads(export(meetings, "--format", "json").stdout)] == ["alfa", "beta"]


def test_an_invalid_meeting_stops_the_meeting_export_only(meetings, write_meeting):
    write_meeting("fout", practices="practices: [gamma]")
    result = export(meetings, "--format", "json", "--type", "bijeenkomst")
    assert result.exit_code == 1
    assert "fout.md" in result.stderr and "gamma" in result.stderr
    assert export(meetings, "--format", "json").exit_code == 0


def test_no_meetings_folder_exports_an_empty_list(write_practice, monkeypatch):
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("alfa")
    result = export(write_practice.folder, "--format", "json", "--type", "bijeenkomst")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert result.stderr == ("Geen map met bijeenkomsten: maak een map meetings/ naast de map met praktijken, "
                             "of kies er een met --meetings MAP.\n")
    result = export(write_practice.folder, "--format", "csv", "--type", "bijeenkomst")
    assert result.stdout_bytes.decode("utf-8-sig") == MEETING_HEADER + "\r\n"


def test_unknown_type_is_bad_usage(write_practice):
    write_practice("alfa")
    result = export(write_practice.folder, "--format", "json", "--type", "agenda")
    assert result.exit_code == 2
    assert "'agenda'" in result.output


def test_export_bytes_refuses_an_unknown_kind():
    with pytest.raises(ExportError, match="onbekende export"):
        export_bytes("agenda", "json", [])
