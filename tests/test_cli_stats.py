"""``kennisbank stats``: coverage per region and theme, regions without practices."""

from __future__ import annotations

import json

from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.vocabulary import default_vocabulary


def test_counts_per_region_and_theme_and_empty_regions(write_practice):
    write_practice("een", region="region: [Twente, Achterhoek]", themes="themes: [wmo, dagbesteding]")
    write_practice("twee", region="region: Twente", themes="themes: [wmo]")
    write_practice("concept", region="region: Zeeland", draft="draft: true")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Dekking: 2 praktijken"
    assert "  Twente                                 2" in lines
    assert "  Achterhoek                             1" in lines
    assert "  Zeeland                                0" in lines  # drafts don't count
    wmo = next(line for line in lines if line.startswith("  Arbeid binnen de Wmo (wmo)"))
    assert wmo.split()[-1] == "2"
    start = lines.index("Regio's zonder praktijken (33 van 35):")
    empty = [line.strip() for line in lines[start + 1:] if line.startswith("  ")]
    assert "Twente" not in empty and "Achterhoek" not in empty and "Zeeland" in empty
    assert len(empty) == 33


def test_json_output(write_practice):
    write_practice("een", region="region: Landelijk", themes="themes: [social-return]")
    result = CliRunner().invoke(cli, ["--practices", str(write_practice.folder), "stats", "--json"])
    data = json.loads(result.output)
    assert data["total"] == 1
    assert data["region"]["Landelijk"] == 1
    assert len(data["regions_without_practices"]) == 35  # Landelijk is not one of the 35
    assert data["matrix"] == [{"region": "Landelijk", "theme": "social-return", "count": 1}]
    assert set(data["themes"]) == set(default_vocabulary().theme_ids)
