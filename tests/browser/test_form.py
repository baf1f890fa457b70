"""The "Praktijk aanmelden" form in a real Chromium on the real built site.

The file the form produces is checked by the real validator (``load_file`` and
``kennisbank validate``), and what the contributor typed must come back exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.frontmatter import YAML_RE
from build_tools.load import load_file
from build_tools.pages import project_repo_url

pytestmark = pytest.mark.browser

TITLE = "Fietsen repareren in de wijk"
DESCRIPTION = "Een werkplaats waar mensen leren fietsen te repareren en op te knappen."


def open_form(page, site_url):
    page.goto(site_url + "aanmelden/")
    page.wait_for_selector("#kb-form:not([hidden])")
    return page


def fill_basics(page, *, title=TITLE, description=DESCRIPTION, organisations="Werkbedrijf Oostrand"):
    page.fill("#kb-title", title)
    page.fill("#kb-description", description)
    page.get_by_label("Twente", exact=True).check()
    page.get_by_label("Beschut werk", exact=True).check()
    page.fill("#kb-organisations", organisations)
    page.fill("#kb-year", "2019")
    page.fill("#kb-body-aanpak", "We begonnen met één werkplaats.\n\n- stap een\n- stap twee")


def make(page) -> str:
    page.click("#kb-make")
    page.wait_for_selector("#kb-result:not([hidden])")
    return page.input_value("#kb-output")


def front(text: str) -> dict:
    return yaml.safe_load(YAML_RE.match(text).group(1))


def save(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "practices"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_form_produces_a_file_the_validator_accepts(page, site_url, tmp_path):
    open_form(page, site_url)
    fill_basics(page)
    page.get_by_label("Achterhoek", exact=True).check()
    page.get_by_label("Ontwikkeling, leren en scholing", exact=True).check()
    page.select_option("#kb-status", "lopend")
    page.fill("#kb-funding", "Sectorplan 2015")
    page.fill("#kb-contact-name", "Marieke Hofstede")
    page.fill("#kb-contact-email", "m.hofstede@oostrand.example.org")
    page.fill("#kb-contact-phone", "038-0000000")
    page.fill("#kb-link-title", "Projectverslag")
    page.fill("#kb-link-url", "https://www.example.org/verslag")
    page.fill("#kb-tags", "fietsen, circulair")
    page.fill("#kb-body-aanleiding", "Er bleven veel fietsen achter bij het station.")
    assert page.input_value("#kb-slug") == "fietsen-repareren-in-de-wijk"
    text = make(page)

    # the downloaded file is the same file
    with page.expect_download() as info:
        page.click("#kb-download")
    download = info.value
    assert download.suggested_filename == "fietsen-repareren-in-de-wijk.md"
    path = tmp_path / "practices" / download.suggested_filename
    path.parent.mkdir()
    download.save_as(path)
    assert path.read_text(encoding="utf-8") == text

    practice, problems = load_file(path)
    assert problems == []
    assert practice.title == TITLE
    assert practice.region == ("Twente", "Achterhoek")
    assert practice.themes == ("beschut-werk", "ontwikkeling")
    assert practice.status == "lopend" and practice.funding == "Sectorplan 2015"
    assert practice.contact.email == "m.hofstede@oostrand.example.org"
    assert practice.contact.phone == "038-0000000"
    assert [(link.title, link.url) for link in practice.links] == [("Projectverslag", "https://www.example.org/verslag")]
    assert practice.tags == ("fietsen", "circulair")
    assert practice.date is not None
    assert "## Aanleiding" in practice.body and "## Aanpak" in practice.body
    assert "## Resultaten" not in practice.body  # empty sections are left out

    result = CliRunner().invoke(cli, ["--practices", str(path.parent), "validate"])
    assert result.exit_code == 0, result.output
    assert page.console_errors == []
    assert page.failed_requests == []


AWKWARD = {
    "title": "\"Quotes\" & 'apostrof': #1 - test é",
    "description": "- begint met een streep: en \"quotes\", 'enkele', # hekje, é en ü\nop een nieuwe regel \\ backslash",
    "organisations": ["- Werkbedrijf: \"De Brug\" #2", "'s-Hertogenbosch Werkt", "yes", "@werk & *ster*"],
    "funding": "null",
    "contact": "Anne-Marie d'Hondt: \"AM\"",
    "tags": ["true", "2019", "[lijst]"],
}


def test_awkward_characters_round_trip_exactly(page, site_url, tmp_path):
    open_form(page, site_url)
    fill_basics(page, title=AWKWARD["title"], description=AWKWARD["description"],
                organisations="\n".join(AWKWARD["organisations"]))
    page.fill("#kb-funding", AWKWARD["funding"])
    page.fill("#kb-contact-name", AWKWARD["contact"])
    page.fill("#kb-tags", ", ".join(AWKWARD["tags"]))
    page.fill("#kb-slug", "lastige-tekens")
    text = make(page)

    data = front(text)
    assert data["title"] == AWKWARD["title"]
    assert data["description"] == AWKWARD["description"]
    assert data["organisations"] == AWKWARD["organisations"]
    assert data["funding"] == AWKWARD["funding"]
    assert data["contact"] == {"name": AWKWARD["contact"]}
    assert data["tags"] == AWKWARD["tags"]
    assert data["year"] == 2019

    practice, problems = load_file(save(tmp_path, "lastige-tekens.md", text))
    assert problems == []
    assert practice.title == AWKWARD["title"]
    assert practice.organisations == tuple(AWKWARD["organisations"])
    # the validator joins the lines of a multi-line description with a space
    assert practice.description == " ".join(AWKWARD["description"].split())


def test_yaml_strings_round_trip_for_every_character(page, site_url):
    open_form(page, site_url)
    chars = [chr(c) for c in range(1, 0x3000) if not 0xD800 <= c <= 0xDFFF]
    chars += ["\ufeff", "\ufffe", "\uffff", "\U0001F600", "\U0010FFFF"]
    samples = ["".join(chars[i:i + 48]) for i in range(0, len(chars), 48)]
    samples += ["", " ", "- x", "? x", ": x", "x: y", "x #y", "'", '"', "\\", "\\n", "~", "null", "Yes", "0x1F",
                "2019-01-01", "*a", "&a", "!tag", "%x", "@x", "`x", "|", ">", "{a: b}", "[a]", "---", "...",
                "a\r\nb", "\t\t", "\x00nul", "é\u0301"]
    quoted = page.evaluate("samples => samples.map(s => window.kbAanmelden.yamlString(s))", samples)
    for original, scalar in zip(samples, quoted, strict=True):
        assert "\n" not in scalar and "\r" not in scalar
        assert yaml.safe_load(f"k: {scalar}\n")["k"] == original, repr(original)


def test_lone_surrogate_becomes_a_replacement_character(page, site_url):
    open_form(page, site_url)
    scalar = page.evaluate("() => window.kbAanmelden.yamlString('a\\ud800b')")
    assert yaml.safe_load(f"k: {scalar}\n")["k"] == "a\ufffdb"


def test_problems_are_shown_linked_and_mirror_the_validator(page, site_url):
    open_form(page, site_url)
    page.click("#kb-make")
    summary = page.locator("#kb-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "kb-summary"
    items = summary.locator("li")
    assert items.count() == 8
    assert page.locator("#kb-result").is_hidden()
    for field in ("kb-title", "kb-description", "kb-organisations", "kb-year", "kb-slug"):
        control = page.locator(f"#{field}")
        assert control.get_attribute("aria-invalid") == "true"
        assert f"{field}-error" in control.get_attribute("aria-describedby").split()
        assert page.locator(f"#{field}-error").is_visible()
    assert "kb-region-error" in page.get_attribute("#kb-region", "aria-describedby")
    assert page.locator("#kb-region-error").inner_text() == "Kies minstens één arbeidsmarktregio (of Landelijk)."

    # the same rules and wording as the validator
    page.fill("#kb-title", "Kort")
    page.fill("#kb-year", "2009")
    page.fill("#kb-contact-email", "geen-adres")
    page.fill("#kb-link-title", "Boos")
    page.fill("#kb-link-url", "javascript:alert(1)")
    page.fill("#kb-slug", "Foute Naam")
    page.click("#kb-make")
    assert page.inner_text("#kb-title-error") == "Titel moet 5 tot 120 tekens lang zijn (nu 4)."
    assert "2009 valt buiten 2010" in page.inner_text("#kb-year-error")
    assert page.inner_text("#kb-contact-email-error") == "'geen-adres' is geen geldig e-mailadres."
    assert page.inner_text("#kb-contact-name-error").startswith("Vul de naam van de contactpersoon in")
    assert "alleen http:// of https://" in page.inner_text("#kb-link-url-error")
    assert "bijvoorbeeld 'foute-naam'" in page.inner_text("#kb-slug-error")

    # a link in the summary moves the focus to the field
    summary.get_by_role("link", name="Titel moet 5 tot 120 tekens lang zijn (nu 4).").click()
    assert page.evaluate("document.activeElement.id") == "kb-title"

    # fixing a field clears its error when leaving it
    page.fill("#kb-title", TITLE)
    page.locator("#kb-title").blur()
    assert page.locator("#kb-title-error").is_hidden()
    assert page.get_attribute("#kb-title", "aria-invalid") is None
    assert page.console_errors == []


def test_github_link_has_file_name_and_contents(page, site_url):
    open_form(page, site_url)
    fill_basics(page)
    text = make(page)
    href = page.get_attribute("#kb-github", "href")
    parts = urlsplit(href)
    repo = project_repo_url().rstrip("/")
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == repo + "/new/main"
    query = parse_qs(parts.query)
    assert query["filename"] == ["practices/fietsen-repareren-in-de-wijk.md"]
    assert query["value"] == [text]
    assert page.get_attribute("#kb-github", "target") == "_blank"


def test_copy_puts_the_file_on_the_clipboard(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_form(page, site_url)
    fill_basics(page)
    text = make(page)
    page.click("#kb-copy")
    page.wait_for_function("document.getElementById('kb-message').textContent.length > 0")
    assert page.inner_text("#kb-message") == "De tekst is gekopieerd."
    assert page.evaluate("navigator.clipboard.readText()") == text


def test_slug_follows_the_title_until_edited(page, site_url):
    open_form(page, site_url)
    page.fill("#kb-title", "Één café: 'koffie' & werk!")
    assert page.input_value("#kb-slug") == "een-cafe-koffie-werk"
    page.fill("#kb-slug", "eigen-naam")
    page.fill("#kb-title", "Andere titel")
    assert page.input_value("#kb-slug") == "eigen-naam"


def test_works_on_a_375px_phone(page, site_url, tmp_path):
    page.set_viewport_size({"width": 375, "height": 740})
    open_form(page, site_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for selector in ("#kb-title", "#kb-region-twente", "#kb-body-aanpak", "#kb-make"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, selector
    fill_basics(page)
    text = make(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    _practice, problems = load_file(save(tmp_path, "fietsen-repareren-in-de-wijk.md", text))
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_form_has_no_serious_accessibility_violations_also_with_errors(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_form(page, site_url)
    page.click("#kb-make")  # show every error
    # Only the form: the theme's own parts (search dialog, header) are the site tests' concern.
    results = Axe().run(page, context={"include": [[".kb-form-wrap"]]})
    serious = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_embedded_vocabulary_is_the_projects(page, site_url):
    from build_tools.vocabulary import default_vocabulary

    open_form(page, site_url)
    data = json.loads(page.locator("#kb-vocab").text_content())
    assert [r["name"] for r in data["regions"]] == list(default_vocabulary().region_names)
    assert page.locator("#kb-themes input[type=checkbox]").count() == len(default_vocabulary().themes)
