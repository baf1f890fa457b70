"""The committed JSON Schema matches the validator's model and accepts every example practice."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from build_tools import schema as schema_module
from build_tools.frontmatter import YAML_RE
from build_tools.load import load_file, practice_files
from build_tools.schema import SCHEMA_PATH, practice_schema, render_schema
from build_tools.settings import PROJECT_ROOT
from build_tools.validate import FIELDS, MIN_YEAR, REQUIRED, STATUSES
from build_tools.vocabulary import default_vocabulary

EXAMPLES = practice_files(PROJECT_ROOT / "practices")


def json_ready(value):
    """Front-matter data as JSON sees it: dates (from YAML) become ISO strings."""
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def front_matter(text: str) -> dict:
    return json_ready(yaml.safe_load(YAML_RE.match(text).group(1)))


def test_committed_file_is_in_sync_with_the_model():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_schema(), (
        "schema/practice.schema.json loopt achter: voer 'python -m build_tools.schema' uit")
    assert schema_module.main(["--check"]) == 0


def test_schema_follows_the_validator_constants():
    schema = practice_schema()
    assert list(schema["properties"]) == list(FIELDS)
    assert schema["required"] == list(REQUIRED)
    assert schema["additionalProperties"] is False
    assert schema["properties"]["status"]["enum"] == list(STATUSES)
    assert schema["properties"]["year"]["minimum"] == MIN_YEAR
    vocab = default_vocabulary()
    regions = schema["properties"]["region"]["anyOf"][0]["enum"]
    assert regions[: len(vocab.regions)] == list(vocab.region_names)
    for region in vocab.regions:
        assert set(region.aliases) <= set(regions)
    themes = schema["properties"]["themes"]["items"]["enum"]
    assert themes[: len(vocab.themes)] == list(vocab.theme_ids)
    assert {t.label for t in vocab.themes} <= set(themes)
    assert "YYYY-MM-DD" in schema["description"]


def test_check_mode_detects_an_outdated_file(tmp_path):
    out = tmp_path / "schema.json"
    assert schema_module.main(["--check", "--output", str(out)]) == 1
    assert schema_module.main(["--output", str(out)]) == 0
    assert schema_module.main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("Landelijk", "Nergens"), encoding="utf-8")
    assert schema_module.main(["--check", "--output", str(out)]) == 1


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_practice_validates(validator, path):
    _practice, problems = load_file(path)
    if problems:
        pytest.skip(f"{path.name} is not valid for the validator either")
    errors = [e.message for e in validator.iter_errors(front_matter(path.read_text(encoding="utf-8")))]
    assert errors == []


def test_there_are_examples():
    assert len(EXAMPLES) >= 10


BASE = {
    "title": "Een goede titel",
    "description": "Een samenvatting van minstens twintig tekens.",
    "region": "Twente",
    "themes": ["beschut-werk"],
    "organisations": ["Werkbedrijf A"],
    "year": 2018,
}


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "praktijk.md"
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\nTekst.\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("change", [
    {"regoin": "Twente"},
    {"title": "Kort"},
    {"description": "Te kort"},
    {"region": "Nergensland"},
    {"region": []},
    {"themes": "beschut-werk"},
    {"themes": []},
    {"themes": ["geen-thema"]},
    {"organisations": []},
    {"organisations": ["  "]},
    {"year": 2009},
    {"year": "2018"},
    {"status": "klaar"},
    {"contact": {"email": "a@b.nl"}},
    {"contact": {"name": "A", "email": "geen-adres"}},
    {"contact": {"name": "A", "telefoon": "1"}},
    {"links": [{"title": "X", "url": "javascript:alert(1)"}]},
    {"links": [{"title": "X"}]},
    {"date": "1-2-2020"},
    {"draft": "ja"},
    {"tags": "los"},
])
def test_what_the_validator_rejects_the_schema_rejects(validator, tmp_path, change):
    data = {**BASE, **change}
    _practice, problems = load_file(write(tmp_path, data))
    assert problems, "the validator should reject this"
    assert list(validator.iter_errors(json_ready(data))), "the schema should reject this too"


@pytest.mark.parametrize("change", [
    {},
    {"region": ["Twente", "Landelijk"], "themes": ["Beschut werk", "wmo"]},
    {"region": "Regio Zwolle", "status": "afgerond", "funding": "Sectorplan 2015"},
    {"contact": {"name": "A", "email": "a@voorbeeld.nl", "phone": "030-1234567"}},
    {"links": [{"title": "Verslag", "url": "https://www.voorbeeld.nl/verslag"}]},
    {"date": "2019-01-02", "updated": "2020-03-04", "tags": ["x"], "draft": True},
])
def test_what_the_schema_accepts_the_validator_accepts(validator, tmp_path, change):
    data = {**BASE, **change}
    assert list(validator.iter_errors(json_ready(data))) == []
    _practice, problems = load_file(write(tmp_path, data))
    assert problems == []
