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
