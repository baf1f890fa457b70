"""The GitHub issue form, pull-request template and workflow: in sync with the project."""

from __future__ import annotations

import re

import pytest
import yaml

from build_tools.settings import PROJECT_ROOT
from build_tools.validate import REQUIRED, STATUSES
from build_tools.vocabulary import default_vocabulary

GITHUB = PROJECT_ROOT / ".github"


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def issue_form():
    return load(GITHUB / "ISSUE_TEMPLATE" / "praktijk-aanmelden.yml")


def element(form, id_):
    return next(e for e in form["body"] if e.get("id") == id_)


def test_issue_form_shape(issue_form):
    assert issue_form["name"] == "Praktijk aanmelden"
    assert issue_form["description"]
    ids = [e.get("id") for e in issue_form["body"] if e["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for e in issue_form["body"]:
        assert e["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if e["type"] != "markdown":
            assert e["attributes"]["label"]
            assert re.fullmatch(r"[a-z0-9_-]+", e["id"])
    # every required field of a practice is asked for, and required
    for field in REQUIRED:
        assert element(issue_form, field)["validations"]["required"] is True, field


def test_issue_form_region_dropdown_matches_the_vocabulary(issue_form):
    region = element(issue_form, "region")
    assert region["type"] == "dropdown" and region["attributes"]["multiple"] is True
    assert region["attributes"]["options"] == list(default_vocabulary().region_names), (
        "de regio's in .github/ISSUE_TEMPLATE/praktijk-aanmelden.yml lopen niet gelijk met regions.yml")


def test_issue_form_theme_dropdown_matches_the_vocabulary(issue_form):
    themes = element(issue_form, "themes")
    assert themes["type"] == "dropdown" and themes["attributes"]["multiple"] is True
    expected = [f"{t.label} ({t.id})" for t in default_vocabulary().themes]
    assert themes["attributes"]["options"] == expected, (
        "de thema's in .github/ISSUE_TEMPLATE/praktijk-aanmelden.yml lopen niet gelijk met themes.yml")


def test_issue_form_status_matches_the_validator(issue_form):
    assert element(issue_form, "status")["attributes"]["options"] == list(STATUSES)


def test_issue_template_config():
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert isinstance(config["blank_issues_enabled"], bool)
    for link in config["contact_links"]:
        assert link["name"] and link["about"] and link["url"].startswith("https://")


def test_pull_request_template_has_a_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] .+$", text, flags=re.M)
    assert len(items) >= 5
    assert "practices/" in text and "kennisbank validate" in text


@pytest.fixture(scope="module")
def workflow():
    return load(GITHUB / "workflows" / "ci.yml")


def steps_run(job):
    return [step.get("run", "") for step in job["steps"]]


def test_workflow_triggers(workflow):
    triggers = workflow.get("on", workflow.get(True))  # PyYAML reads the key 'on' as True
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    # upcoming/past meetings and stale practices follow the build date: a nightly build keeps them true
    assert [len(entry["cron"].split()) for entry in triggers["schedule"]] == [5]


def test_workflow_checks_on_pull_requests(workflow):
    check = workflow["jobs"]["check"]
    runs = steps_run(check)
    assert ".venv/bin/kennisbank validate --format github" in runs
    assert "make test" in runs
    assert ".venv/bin/kennisbank build" in runs
    assert runs.index("make install-test") < runs.index(".venv/bin/kennisbank validate --format github")
    assert workflow["permissions"] == {"contents": "read"}


def test_workflow_deploys_main_to_pages(workflow):
    check = workflow["jobs"]["check"]
    uses = [step.get("uses", "") for step in check["steps"]]
    upload = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert "refs/heads/main" in upload["if"]
    assert any(u.startswith("actions/checkout@") for u in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert "refs/heads/main" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])


# --- CONTRIBUTING.md: the guidance the validator's messages point to ---------------------------

@pytest.fixture(scope="module")
def contributing() -> str:
    return (PROJECT_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_contributing_example_is_a_valid_practice(contributing, tmp_path):
    from build_tools.load import load_file

    example = contributing.split("```markdown\n", 1)[1].split("```\n", 1)[0]
    path = tmp_path / "circulaire-fietsenwerkplaats-zwolle.md"
    path.write_text(example, encoding="utf-8")
    practice, problems = load_file(path)
    assert problems == []
    for heading in ("Aanleiding", "Aanpak", "Resultaten", "Lessen", "Contact"):
        assert f"## {heading}" in practice.body


def test_contributing_lists_every_region_and_theme(contributing):
    vocab = default_vocabulary()
    rows = re.findall(r"^\| (.+?) \| .+ \|$", contributing, flags=re.M)
    for name in vocab.region_names:
        assert name in rows, name
    for theme in vocab.themes:
        assert f"| `{theme.id}` | {theme.label} |" in contributing
    for route in ("Praktijk aanmelden", "kennisbank new", "Create new file", "New issue"):
        assert route in contributing
