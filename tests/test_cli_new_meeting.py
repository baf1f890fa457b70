"""``kennisbank new-meeting``: by options and interactively; never overwrites."""

from __future__ import annotations

import datetime as dt

from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.load import load_practices
from build_tools.meetings.load import load_meetings_for

OPTIONS = ["--title", "Kennisuitwisseling Oost: wat werkte?", "--description",
           "Werkbedrijven uit Twente delen wat werkte in het sectorplan.", "--kind", "Kennisbijeenkomst",
           "--date", "2027-02-11", "--start-time", "10:00", "--end-time", "12:30", "--region", "Enschede",
           "--location", "De Werkbrug", "--city", "Hengelo", "--organiser", "Cedris",
           "--practice", "werkfit-in-de-wijk"]


def setup(tmp_path, write_practice, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("werkfit-in-de-wijk")
    (tmp_path / "meetings").mkdir()


def run(*args, input=None):
    return CliRunner().invoke(cli, ["--practices", "practices", "new-meeting", *args], input=input)


def loaded(tmp_path):
    practices = load_practices(tmp_path / "practices")
    return load_meetings_for(practices, tmp_path / "meetings")


def test_fully_by_options_writes_a_valid_meeting(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    result = run(*OPTIONS, "--yes")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Aangemaakt: meetings/kennisuitwisseling-oost-wat-werkte-2027.md\n")
    meetings = loaded(tmp_path)
    assert meetings.problems == []
    [meeting] = meetings.meetings
    assert (meeting.kind, meeting.date, meeting.start_time) == ("kennisuitwisseling", dt.date(2027, 2, 11), dt.time(10))
    assert meeting.region == ("Twente",) and meeting.location.city == "Hengelo"
    assert meeting.practices == ("werkfit-in-de-wijk",)
    assert "start_time: '10:00'" in meeting.path.read_text(encoding="utf-8")  # quoted, not base 60


def test_every_bad_option_is_reported_at_once(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    result = run("--title", "Kort", "--description", "Werkbedrijven uit Twente delen wat werkte.",
                 "--kind", "kennisuitwisling", "--date", "2027-02-30", "--region", "Twnte", "--online", "zoom",
                 "--organiser", "Cedris", "--practice", "werkfit-in-de-wjik", "--yes")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Fout: title: moet 5 tot 120 tekens lang zijn (nu 4)",
        "Fout: kind: onbekende soort bijeenkomst 'kennisuitwisling'; bedoelde je 'kennisuitwisseling'?",
        "Fout: date: '2027-02-30' is geen bestaande datum",
        "Fout: region: onbekende arbeidsmarktregio 'Twnte'; bedoelde je 'Twente'?",
        "Fout: practices: onbekende praktijk 'werkfit-in-de-wjik'; bedoelde je 'werkfit-in-de-wijk'?",
        "Fout: online: 'zoom' is ongeldig; zet online: true, of de link van de bijeenkomst (begint met https:// of http://)",
    ]
    assert list((tmp_path / "meetings").iterdir()) == []


def test_end_time_before_start_time_is_refused(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    args = [a if a != "12:30" else "09:00" for a in OPTIONS]
    result = run(*args, "--yes")
    assert result.exit_code == 1
    assert "Fout: end_time: 09:00 ligt niet na start_time (10:00)" in result.output


def test_never_overwrites(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    existing = tmp_path / "meetings" / "oost.md"
    existing.write_text("niet aanraken", encoding="utf-8")
    result = run(*OPTIONS, "--slug", "oost", "--yes")
    assert result.exit_code == 1
    assert "Fout: slug: er bestaat al een bijeenkomst 'oost' (meetings/oost.md)" in result.output
    assert existing.read_text(encoding="utf-8") == "niet aanraken"


def test_yes_with_missing_answers_names_the_options(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    result = run("--title", "Een bijeenkomst", "--yes")
    assert result.exit_code == 1
    assert result.output == ("Fout: met --yes moeten alle verplichte antwoorden als optie worden gegeven; "
                             "ontbreekt: --description, --kind, --date, --region, --organiser, "
                             "--location of --online\n")


def test_without_a_meetings_folder_nothing_is_created(tmp_path, write_practice, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KENNISBANK_MEETINGS", raising=False)
    write_practice("werkfit-in-de-wijk")
    result = run(*OPTIONS, "--yes")
    assert result.exit_code == 1
    assert "er is geen map met bijeenkomsten" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["practices"]


def test_interactively_online_without_a_link_yet(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    answers = "\n".join([
        "Werk en de Wmo in Twente", "Online bijeenkomst over werk als onderdeel van de Wmo.",
        "2", "2027-03-01", "", "",      # kind, date; no end, no time
        "Twente",
        "", "",                          # no location, and no link yet: online, the link follows
        "Cedris", "", "", "",            # organiser; no practices, no registration; proposed slug
    ]) + "\n"
    result = run(input=answers)
    assert result.exit_code == 0, result.output
    assert result.output.count("Link van de online bijeenkomst") == 1
    [meeting] = loaded(tmp_path).meetings
    assert meeting.online is True and meeting.location is None


def test_interactively_bad_answers_are_asked_again(tmp_path, write_practice, monkeypatch):
    setup(tmp_path, write_practice, monkeypatch)
    answers = "\n".join([
        "Werk en de Wmo in Twente", "Online bijeenkomst over werk als onderdeel van de Wmo.",
        "9", "2",                       # a number outside the list, then a good one
        "2027-03-01", "",               # date; no end
        "14:00", "13:00", "15:00",      # end_time before start_time is refused, then accepted
        "Twente, 23",                   # a name and a number
        "", "https://meet.example.org/wmo",  # no location: online with a link
        "Cedris; Gemeente Hengelo",
        "werkfit", "werkfit-in-de-wijk",     # unknown slug (with a suggestion), then the right one
        "", "",                          # no registration; accept the proposed slug
    ]) + "\n"
    result = run(input=answers)
    assert result.exit_code == 0, result.output
    assert "Fout: onbekende soort bijeenkomst '9'" in result.output
    assert "Fout: 13:00 ligt niet na start_time (14:00)" in result.output
    assert "Fout: onbekende praktijk 'werkfit'; bedoelde je 'werkfit-in-de-wijk'?" in result.output
    [meeting] = loaded(tmp_path).meetings
    assert meeting.slug == "werk-en-de-wmo-in-twente-2027"
    assert meeting.kind == "samenwerking-sociaal-domein" and meeting.region == ("Twente", "Achterhoek")
    assert meeting.online == "https://meet.example.org/wmo" and meeting.location is None
    assert meeting.organisers == ("Cedris", "Gemeente Hengelo") and meeting.end_time == dt.time(15)
