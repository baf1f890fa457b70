"""The vocabulary data files match the contract, and lookups behave as front matter needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.errors import VocabularyError
from build_tools.vocabulary import VOCABULARY_DIR, default_vocabulary, load_vocabulary

# The contract's list (as in CONTRIBUTING.md, "De 35 arbeidsmarktregio's en Landelijk"), in its order.
CONTRACT_REGIONS = [
    "Groningen", "Friesland", "Drenthe", "Noord-Holland Noord", "Zaanstreek/Waterland",
    "Zuid-Kennemerland en IJmond", "Groot Amsterdam", "Gooi en Vechtstreek", "Zuid-Holland Centraal",
    "Holland Rijnland", "Haaglanden", "Midden-Holland", "Rijnmond", "Drechtsteden", "Gorinchem",
    "Midden-Utrecht", "Amersfoort", "Food Valley", "Flevoland", "Regio Zwolle",
    "Stedendriehoek en Noordwest Veluwe", "Twente", "Achterhoek", "Midden-Gelderland",
    "Rijk van Nijmegen", "Rivierenland", "Zeeland", "West-Brabant", "Midden-Brabant",
    "Noordoost-Brabant", "Zuidoost-Brabant", "Helmond-De Peel", "Noord-Limburg", "Midden-Limburg",
    "Zuid-Limburg",
]
CONTRACT_THEMES = {
    "wmo": "Arbeid binnen de Wmo",
    "beschut-werk": "Beschut werk",
    "dagbesteding": "Dagbesteding",
    "doorlopende-lijn": "Doorlopende lijn dagbesteding en beschut werk",
    "sociaal-domein": "Samenwerking in het sociale domein",
    "regionale-samenwerking": "Regionale samenwerking",
    "werkgeversdienstverlening": "Werkgeversdienstverlening",
    "detachering": "Detachering en begeleid werken",
    "ontwikkeling": "Ontwikkeling, leren en scholing",
    "jongeren": "Jongeren en onderwijs",
    "nieuwkomers": "Statushouders en nieuwkomers",
    "innovatie": "Innovatie en nieuwe bedrijvigheid",
    "transformatie": "Transformatie van het SW-bedrijf",
    "kennisdeling": "Kennisdeling en kennisinfrastructuur",
    "inclusief-werkgeverschap": "Inclusief werkgeverschap",
    "social-return": "Social return",
}


def test_regions_are_the_35_of_the_contract_plus_landelijk():
    vocab = default_vocabulary()
    assert list(vocab.region_names) == CONTRACT_REGIONS + ["Landelijk"]
    assert all(r.description for r in vocab.regions)


def test_landelijk_is_the_national_entry_not_a_labour_market_region():
    vocab = default_vocabulary()
    assert vocab.national_region.name == "Landelijk"
    assert [r.name for r in vocab.labour_market_regions] == CONTRACT_REGIONS
    assert [r.name for r in vocab.regions if r.national] == ["Landelijk"]


def test_themes_are_those_of_the_contract():
    vocab = default_vocabulary()
    assert {t.id: t.label for t in vocab.themes} == CONTRACT_THEMES
    assert all(t.description for t in vocab.themes)


@pytest.mark.parametrize("spelling, expected", [
    ("Twente", "Twente"), ("twente", "Twente"), ("TWENTE", "Twente"),
    ("zuid limburg", "Zuid-Limburg"), ("Zaanstreek Waterland", "Zaanstreek/Waterland"),
    ("Amsterdam", "Groot Amsterdam"), ("Zwolle", "Regio Zwolle"), ("Eindhoven", "Zuidoost-Brabant"),
    ("landelijk", "Landelijk"), ("helmond-de-peel", "Helmond-De Peel"),
])
def test_region_spellings_resolve_to_canonical_names(spelling, expected):
    assert default_vocabulary().resolve_region(spelling) == expected


@pytest.mark.parametrize("spelling, expected", [
    ("beschut-werk", "beschut-werk"), ("Beschut werk", "beschut-werk"), ("BESCHUT WERK", "beschut-werk"),
    ("Arbeid binnen de Wmo", "wmo"), ("Social return", "social-return"),
    ("Ontwikkeling, leren en scholing", "ontwikkeling"),
])
def test_theme_spellings_resolve_to_ids(spelling, expected):
    assert default_vocabulary().resolve_theme(spelling) == expected


def test_unknown_values_get_close_suggestions():
    vocab = default_vocabulary()
    assert vocab.resolve_region("Twnte") is None
    assert vocab.suggest_region("Twnte")[0] == "Twente"
    assert vocab.suggest_theme("dagbesteeding")[0] == "dagbesteding"


def _write_vocab(folder: Path, regions: list[dict], themes: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "regions.yml").write_text(yaml.safe_dump(regions), encoding="utf-8")
    (folder / "themes.yml").write_text(yaml.safe_dump(themes), encoding="utf-8")
    return folder


THEME = {"id": "wmo", "label": "Arbeid binnen de Wmo", "description": "Werk in de Wmo."}


def test_an_alias_used_twice_is_refused(tmp_path):
    folder = _write_vocab(tmp_path, [
        {"name": "Twente", "slug": "twente", "description": "Enschede.", "aliases": ["Oost"]},
        {"name": "Achterhoek", "slug": "achterhoek", "description": "Doetinchem.", "aliases": ["oost"]},
    ], [THEME])
    with pytest.raises(VocabularyError, match="'oost' hoort bij zowel 'Twente' als 'Achterhoek'"):
        load_vocabulary(folder)


def test_the_national_flag_is_a_boolean_on_at_most_one_region(tmp_path):
    twente = {"name": "Twente", "slug": "twente", "description": "Enschede."}
    folder = _write_vocab(tmp_path, [twente], [THEME])
    assert load_vocabulary(folder).national_region is None
    folder = _write_vocab(tmp_path, [twente, {"name": "Heel NL", "slug": "heel-nl", "description": "x",
                                              "national": True}], [THEME])
    vocab = load_vocabulary(folder)
    assert vocab.national_region.name == "Heel NL" and [r.name for r in vocab.labour_market_regions] == ["Twente"]
    folder = _write_vocab(tmp_path, [{**twente, "national": "ja"}], [THEME])
    with pytest.raises(VocabularyError, match="'national' moet true of false zijn"):
        load_vocabulary(folder)
    folder = _write_vocab(tmp_path, [{**twente, "national": True},
                                     {"name": "Heel NL", "slug": "heel-nl", "description": "x", "national": True}],
                          [THEME])
    with pytest.raises(VocabularyError, match="maar één regio mag 'national: true' hebben"):
        load_vocabulary(folder)


def test_a_broken_vocabulary_file_gives_a_dutch_message(tmp_path):
    folder = _write_vocab(tmp_path, [{"name": "Twente"}], [THEME])
    with pytest.raises(VocabularyError, match="item 1 mist 'slug'"):
        load_vocabulary(folder)
    (folder / "themes.yml").write_text("- id: [", encoding="utf-8")
    (folder / "regions.yml").write_text(yaml.safe_dump([{"name": "Twente", "slug": "twente", "description": "x"}]))
    with pytest.raises(VocabularyError, match="geen geldige YAML"):
        load_vocabulary(folder)


def test_the_project_vocabulary_files_are_plain_lists():
    for name in ("regions.yml", "themes.yml"):
        data = yaml.safe_load((VOCABULARY_DIR / name).read_text(encoding="utf-8"))
        assert isinstance(data, list)
