"""``kennisbank new``: by options (scripts) and interactively (CliRunner input)."""

from __future__ import annotations

import datetime as dt

import yaml
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.load import load_file, load_practices

OPTIONS = ["--title", "Fietsen: repareren & leren", "--description",
           "Een werkplaats waar mensen leren fietsen te repareren.", "--region", "twente",
           "--region", "Achterhoek", "--theme", "Beschut werk", "--organisation", "Werkbedrijf A",
           "--year", "2019"]


def run(folder, *args, input=None):
    return CliRunner().invoke(cli, ["--practices", str(folder), "new", *args], input=input)


def test_fully_by_options(tmp_path):
    result = run(tmp_path, *OPTIONS, "--yes")
    assert result.exit_code == 0, result.output
    path = tmp_path / "fietsen-repareren-leren.md"
    assert f"Aangemaakt: " in result.output and "fietsen-repareren-leren.md" in result.output
    practice, problems = load_file(path)
    assert problems == []
    assert practice.title == "Fietsen: repareren & leren"
    assert practice.region == ("Twente", "Achterhoek")
    assert practice.themes == ("beschut-werk",)
    assert practice.date == dt.date.today()
    assert load_practices(tmp_path).ok


def test_explicit_slug(tmp_path):
    result = run(tmp_path, *OPTIONS, "--slug", "fietsen-zwolle", "--yes")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "fietsen-zwolle.md").is_file()


def test_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "fietsen-zwolle.md"
    existing.write_text("niet aanraken", encoding="utf-8")
    result = run(tmp_path, *OPTIONS, "--slug", "fietsen-zwolle", "--yes")
    assert result.exit_code == 1
    assert "Fout: slug: er bestaat al een praktijk 'fietsen-zwolle'" in result.output
    assert existing.read_text(encoding="utf-8") == "niet aanraken"


def test_with_yes_an_existing_file_for_the_title_is_refused_with_a_free_slug(tmp_path):
    (tmp_path / "fietsen-repareren-leren.md").write_text("niet aanraken", encoding="utf-8")
    result = run(tmp_path, *OPTIONS, "--yes")
    assert result.exit_code == 1
    assert "er bestaat al een praktijk 'fietsen-repareren-leren'" in result.output
    assert "--slug fietsen-repareren-leren-2" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fietsen-repareren-leren.md"]
    assert (tmp_path / "fietsen-repareren-leren.md").read_text(encoding="utf-8") == "niet aanraken"


def test_interactively_the_proposed_slug_avoids_an_existing_file(tmp_path):
    (tmp_path / "fietsen-repareren-leren.md").write_text("niet aanraken", encoding="utf-8")
    result = run(tmp_path, *OPTIONS, input="\n")  # accept the proposed slug
    assert result.exit_code == 0, result.output
    assert "[fietsen-repareren-leren-2]" in result.output
    assert (tmp_path / "fietsen-repareren-leren-2.md").is_file()
    assert (tmp_path / "fietsen-repareren-leren.md").read_text(encoding="utf-8") == "niet aanraken"


def test_yes_with_missing_answers_is_an_error(tmp_path):
    result = run(tmp_path, "--title", "Een goede titel", "--yes")
    assert result.exit_code == 1
    assert "ontbreekt: --description, --region, --theme, --organisation, --year" in result.output
    assert list(tmp_path.iterdir()) == []


def test_invalid_options_exit_1_with_every_problem(tmp_path):
    result = run(tmp_path, "--title", "Kort", "--description", "Een werkplaats waar mensen leren fietsen.",
                 "--region", "Twnte", "--theme", "beschut wrek", "--organisation", "A", "--year", "2009",
                 "--slug", "Foute Slug", "--yes")
    assert result.exit_code == 1
    out = result.output
    assert "Fout: title: moet 5 tot 120 tekens lang zijn (nu 4)" in out
    assert "Fout: region: onbekende arbeidsmarktregio 'Twnte'; bedoelde je 'Twente'?" in out
    assert "Fout: themes: onbekend thema 'beschut wrek'; bedoelde je 'beschut-werk'" in out
    assert "Fout: year: " in out and "2009" in out
    assert "Fout: slug: bestandsnaam 'Foute Slug.md' is ongeldig" in out
    assert "Traceback" not in out
    assert list(tmp_path.iterdir()) == []


def test_invalid_option_without_yes_also_exits_1(tmp_path):
    result = run(tmp_path, "--year", "nooit", input="\n" * 20)
    assert result.exit_code == 1
    assert "Fout: year: moet een jaartal zijn" in result.output


def test_missing_folder(tmp_path):
    result = run(tmp_path / "nergens", *OPTIONS, "--yes")
    assert result.exit_code == 1
    assert "Fout: De map met praktijken bestaat niet" in result.output


def test_interactive_reasks_until_valid(tmp_path):
    answers = "\n".join([
        "Fie",                                                         # too short
        "Fietsen repareren in de wijk",
        "Te kort",                                                     # too short
        "Een werkplaats waar mensen leren fietsen te repareren.",
        "twnte",                                                       # typo: did you mean
        "Twente, Landelijk",
        "99",                                                          # not in the list
        "beschut, Ontwikkeling, leren en scholing",
        "Werkbedrijf A; Gemeente: B",
        "2009",                                                        # too early
        "2019",
        "",                                                            # accept proposed slug
    ]) + "\n"
    result = run(tmp_path, input=answers)
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Fout: moet 5 tot 120 tekens lang zijn (nu 3)" in out
    assert "Fout: moet 20 tot 300 tekens lang zijn (nu 7)" in out
    assert "Fout: onbekende arbeidsmarktregio 'twnte'; bedoelde je 'Twente'?" in out
    assert "Fout: nummer 99 staat niet in de lijst (1–16)" in out
    assert "2009" in out.split("Startjaar")[1]
    assert "[fietsen-repareren-in-de-wijk]" in out
    assert " 36. Landelijk" in out and " 16. Social return (social-return)" in out

    path = tmp_path / "fietsen-repareren-in-de-wijk.md"
    practice, problems = load_file(path)
    assert problems == []
    assert practice.region == ("Twente", "Landelijk")
    assert practice.themes == ("beschut-werk", "ontwikkeling")
    assert practice.organisations == ("Werkbedrijf A", "Gemeente: B")
    assert practice.year == 2019
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert front["organisations"] == ["Werkbedrijf A", "Gemeente: B"]


def test_interactive_asks_only_what_is_missing_and_own_slug(tmp_path):
    (tmp_path / "bezet.md").write_text("x", encoding="utf-8")
    answers = "\n".join(["1", "2", "Werkbedrijf A", "bezet", "Mijn Slug", "mijn-slug"]) + "\n"
    result = run(tmp_path, "--title", "Een goede titel", "--description",
                 "Een werkplaats waar mensen leren fietsen te repareren.", "--year", "2020", input=answers)
    assert result.exit_code == 0, result.output
    assert "Titel van de praktijk" not in result.output
    assert "Fout: er bestaat al een praktijk 'bezet'" in result.output
    assert "Fout: bestandsnaam 'Mijn Slug.md' is ongeldig" in result.output
    practice, problems = load_file(tmp_path / "mijn-slug.md")
    assert problems == [] and practice.year == 2020


def test_interactive_end_of_input_aborts_without_a_file(tmp_path):
    result = run(tmp_path, input="Een goede titel\n")
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_help_is_dutch():
    result = CliRunner().invoke(cli, ["new", "--help"])
    assert result.exit_code == 0
    assert "Maak een nieuw praktijkbestand aan" in result.output
    assert "Niets vragen" in result.output


def test_interactive_in_a_real_terminal(tmp_path):
    """The same dialogue through a pseudo-terminal, as a person at a keyboard would have it."""
    import os
    import pty
    import select
    import subprocess
    import sys
    import time
    from pathlib import Path

    kennisbank = Path(sys.executable).parent / "kennisbank"
    main_fd, child_fd = pty.openpty()
    env = {**os.environ, "TERM": "dumb", "COLUMNS": "100"}
    proc = subprocess.Popen([str(kennisbank), "--practices", str(tmp_path), "new"],
                            stdin=child_fd, stdout=child_fd, stderr=child_fd, env=env, close_fds=True)
    os.close(child_fd)
    seen = ""

    def expect(text: str, timeout: float = 20.0) -> None:
        nonlocal seen
        deadline = time.monotonic() + timeout
        while text not in seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"wachtte op {text!r}, kreeg:\n{seen}"
            ready, _, _ = select.select([main_fd], [], [], remaining)
            if ready:
                try:
                    seen += os.read(main_fd, 4096).decode("utf-8", "replace")
                except OSError:  # the child closed the terminal
                    break
        assert text in seen, seen
        seen = seen[seen.index(text) + len(text):]

    def answer(text: str) -> None:
        os.write(main_fd, (text + "\r").encode("utf-8"))

    try:
        expect("Titel van de praktijk")
        answer("Kort")
        expect("Fout: moet 5 tot 120 tekens lang zijn (nu 4)")
        answer("Repaircafé in de bibliotheek")
        expect("Samenvatting in één zin")
        answer("Medewerkers repareren spullen van buurtbewoners in de bibliotheek.")
        expect("Regio('s)")
        answer("Zwolle-regio")
        expect("Fout: onbekende arbeidsmarktregio")
        answer("Regio Zwolle")
        expect("Thema('s)")
        answer("innovatie")
        expect("Organisatie(s)")
        answer("Werkbedrijf Oostrand")
        expect("Startjaar")
        answer("2021")
        expect("[repaircafe-in-de-bibliotheek]")
        answer("")
        expect("Aangemaakt:")
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main_fd)
    practice, problems = load_file(tmp_path / "repaircafe-in-de-bibliotheek.md")
    assert problems == []
    assert practice.title == "Repaircafé in de bibliotheek"
    assert practice.region == ("Regio Zwolle",)
