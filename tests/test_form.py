"""build_tools.form: the submission page's HTML, embedded data and escaping (no browser)."""

from __future__ import annotations

import json
import textwrap

import pytest
import yaml
from bs4 import BeautifulSoup

from build_tools.form import render_form_page
from build_tools.slugs import SLUG_MAX, SLUG_RE
from build_tools.validate import DESCRIPTION_LEN, EMAIL_RE, FIELDS, MIN_YEAR, STATUSES, TITLE_LEN
from build_tools.vocabulary import default_vocabulary, load_vocabulary

REPO = "https://github.com/cedris-kennisbank/kennisbank-goede-praktijken"


@pytest.fixture(scope="module")
def page_text() -> str:
    return render_form_page(default_vocabulary(), REPO)


@pytest.fixture(scope="module")
def soup(page_text) -> BeautifulSoup:
    return BeautifulSoup(page_text, "html.parser")


def embedded(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", id="kb-vocab").string)


def test_page_has_front_matter_title_and_assets(page_text, soup):
    meta = yaml.safe_load(page_text.split("---\n")[1])
    assert meta["title"] == "Praktijk aanmelden"
    assert "\n# Praktijk aanmelden\n" in page_text
    assert soup.find("script", src="../assets/aanmelden.js").has_attr("defer")
    assert soup.find("link", href="../assets/aanmelden.css")
    assert "(bijdragen.md)" in page_text


def test_every_region_and_theme_is_a_labelled_checkbox(soup):
    vocab = default_vocabulary()
    regions = soup.select('#kb-region input[type="checkbox"]')
    # Landelijk first, then the 35 regions alphabetically (easier to find in a long list)
    names = [box["value"] for box in regions]
    assert names[0] == "Landelijk"
    assert names[1:] == sorted(set(vocab.region_names) - {"Landelijk"}, key=str.casefold)
    themes = soup.select('#kb-themes input[type="checkbox"]')
    assert [box["value"] for box in themes] == list(vocab.theme_ids)
    for box in regions + themes:
        label = soup.find("label", attrs={"for": box["id"]})
        assert label is not None and label.get_text(strip=True)
    assert soup.select_one("#kb-themes label[for='kb-themes-beschut-werk']").get_text() == "Beschut werk"


def test_checkbox_groups_are_fieldsets_with_legend_and_linked_errors(soup):
    for group_id in ("kb-region", "kb-themes"):
        group = soup.find(id=group_id)
        assert group.name == "fieldset"
        assert group.find("legend").get_text(strip=True)
        described = group["aria-describedby"].split()
        assert f"{group_id}-error" in described
        assert soup.find(id=f"{group_id}-error") is not None


def test_every_control_has_a_label_and_an_error_link(soup):
    controls = soup.select("#kb-form input:not([type=checkbox]), #kb-form textarea, #kb-form select")
    assert len(controls) >= 15
    for control in controls:
        assert soup.find("label", attrs={"for": control["id"]}), control["id"]
        for ref in control["aria-describedby"].split():
            assert soup.find(id=ref) is not None, ref
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids must be unique"


def test_body_sections_are_the_suggested_headings(soup):
    names = [t["id"] for t in soup.select("#kb-body textarea")]
    assert names == [f"kb-body-{h}" for h in ("aanleiding", "aanpak", "resultaten", "lessen", "contact")]


def test_embedded_rules_come_from_the_validator(soup):
    data = embedded(soup)
    rules = data["rules"]
    assert rules["title"] == list(TITLE_LEN)
    assert rules["description"] == list(DESCRIPTION_LEN)
    assert rules["minYear"] == MIN_YEAR
    assert rules["statuses"] == list(STATUSES)
    assert rules["emailPattern"] == EMAIL_RE.pattern
    assert rules["slugPattern"] == SLUG_RE.pattern
    assert rules["slugMax"] == SLUG_MAX
    assert rules["fields"] == list(FIELDS)
    vocab = default_vocabulary()
    assert [r["name"] for r in data["regions"]] == list(vocab.region_names)
    assert [t["id"] for t in data["themes"]] == list(vocab.theme_ids)
    assert data["newFileUrl"] == REPO + "/new/main"
    assert data["practicesDir"] == "practices"


def test_without_repo_url_there_is_no_github_button(soup):
    page = BeautifulSoup(render_form_page(default_vocabulary(), None), "html.parser")
    assert page.find(id="kb-github") is None
    assert embedded(page)["newFileUrl"] is None
    assert soup.find(id="kb-github") is not None
    assert "issues/new?template=praktijk-aanmelden.yml" in str(soup)


def test_hostile_vocabulary_cannot_break_out(tmp_path):
    hostile = '</script><script>alert("x")</script> & "quotes" <b>'
    (tmp_path / "regions.yml").write_text(textwrap.dedent(f"""\
        - name: {json.dumps(hostile)}
          slug: boze-regio
          description: Een regio.
        - name: Landelijk
          slug: landelijk
          description: Landelijk.
        """), encoding="utf-8")
    (tmp_path / "themes.yml").write_text(textwrap.dedent(f"""\
        - id: boos
          label: {json.dumps(hostile + "'")}
          description: Een thema.
        """), encoding="utf-8")
    vocab = load_vocabulary(tmp_path)
    text = render_form_page(vocab, REPO + '"><script>alert(1)</script>')
    soup = BeautifulSoup(text, "html.parser")
    scripts = soup.find_all("script")
    assert [s.get("id") or s.get("src") for s in scripts] == ["kb-vocab", "../assets/aanmelden.js"]
    data = json.loads(soup.find("script", id="kb-vocab").string)
    assert data["regions"][0]["name"] == hostile
    assert data["themes"][0]["label"] == hostile + "'"
    box = soup.select_one("#kb-region-boze-regio")
    assert box["value"] == hostile
    assert soup.find("label", attrs={"for": box["id"]}).get_text() == hostile
    assert "<b>" not in text.split('<script type="application/json"')[0].split("kb-form")[1]
    data_block = text.split('id="kb-vocab">')[1].split("</script>")[0]
    assert "<" not in data_block and ">" not in data_block and "&" not in data_block


CONTACT = {"contact_email": "redactie@example.org", "reviewers": "de redactie", "review_time": "binnen tien werkdagen"}


def test_mail_route_and_what_happens_next_come_from_the_settings():
    soup = BeautifulSoup(render_form_page(default_vocabulary(), REPO, CONTACT), "html.parser")
    assert embedded(soup)["contactEmail"] == "redactie@example.org"
    assert soup.find(id="kb-mail")["href"] == "mailto:redactie@example.org"
    next_steps = soup.find(id="kb-next").find_next("p").get_text()
    assert next_steps.startswith("De redactie bekijkt uw praktijk binnen tien werkdagen.")
    # a long text has a route on GitHub too: upload the downloaded file
    assert embedded(soup)["uploadUrl"] == REPO + "/upload/main/practices"
    assert soup.find(id="kb-github-long") is not None


def test_without_an_address_there_is_no_mail_route(soup):
    assert soup.find(id="kb-mail") is None
    assert embedded(soup)["contactEmail"] is None
    assert soup.find(id="kb-download") is not None  # downloading always works
