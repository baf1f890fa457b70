"""The command group: Dutch help and errors, global options."""

from __future__ import annotations

from click.testing import CliRunner

from build_tools.cli import COMMANDS, cli


def test_help_is_dutch_and_lists_every_command():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert result.output.startswith("Gebruik: kennisbank [OPTIES] OPDRACHT [ARGUMENTEN]...")
    assert "Toon deze hulp en stop." in result.output
    for name in ("validate", "index", "search", "show", "new", "export", "stats", "build", "serve"):
        assert f"  {name}" in result.output


def test_every_command_has_dutch_help():
    for name in COMMANDS:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert result.output.startswith(f"Gebruik: kennisbank {name} [OPTIES]"), name
        assert "Show this message" not in result.output


def test_unknown_command_is_a_usage_error_in_dutch():
    result = CliRunner().invoke(cli, ["valideer"])
    assert result.exit_code == 2
    assert "Fout: Onbekende opdracht 'valideer'." in result.output


def test_a_search_on_a_fresh_index_does_not_import_yaml_or_the_loader(write_practice, tmp_path):
    """Start-up cost matters for 'kennisbank search': only what the command needs is imported."""
    import subprocess
    import sys

    write_practice("fietsenwerkplaats")
    index = tmp_path / "index"
    assert CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "--index", str(index), "index"]).exit_code == 0
    code = (
        "import sys\n"
        "from build_tools.cli import cli\n"
        f"try: cli.main(['--practices', {str(write_practice.folder)!r}, '--index', {str(index)!r}, 'search', 'werk', '--json'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('yaml', 'build_tools.load', 'build_tools.validate', 'rich') if m in sys.modules))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip().splitlines()[-1] == "[]"


def test_number_options_complain_in_dutch():
    result = CliRunner().invoke(cli, ["search", "werk", "--year", "abc"])
    assert result.exit_code == 2
    assert "Fout: Ongeldige waarde voor '--year': 'abc' is geen geldig geheel getal." in result.output


def test_the_installed_command_ends_a_search_quickly_with_all_output_written(write_practice, tmp_path):
    """``main`` ends a search with os._exit after flushing: nothing of the output may be lost
    (also not when it goes to a pipe, fully buffered), and errors keep their exit codes."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output to a pipe is buffered
    for n in range(30):
        write_practice(f"werk-{n}", title=f"title: Werkplaats nummer {n} voor werkgevers")
    command = [str(Path(sys.executable).with_name("kennisbank")), "--practices", str(write_practice.folder),
               "--index", str(tmp_path / "index"), "search"]
    plain = subprocess.run(command + ["werkgevers", "--limit", "30"], capture_output=True, text=True, timeout=60,
                           env=env)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith("30 praktijken gevonden.") and "Per thema: Beschut werk (30)" in plain.stdout
    as_json = subprocess.run(command + ["werkgevers", "--json", "--limit", "30"], capture_output=True, text=True,
                             timeout=60, env=env)
    assert as_json.returncode == 0 and len(json.loads(as_json.stdout)["results"]) == 30
    wrong = subprocess.run(command + ["werk", "--region", "Atlantis"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "Atlantis" in wrong.stderr
