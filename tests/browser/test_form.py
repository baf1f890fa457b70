"""The "Praktijk aanmelden" form in a real Chromium on the real built site.

The file the form produces is checked by the real validator (``load_file`` and
``kennisbank validate``), and what the contributor typed must come back exactly.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner

from build_tools.cli import cli
from build_tools.frontmatter import YAML_RE
from build_tools.load import load_file
from build_tools.pages import project_repo_url

from .conftest import TITLE, fill_basics, open_form, save

pytestmark = pytest.mark.browser


def make(page) -> str:
    page.click("#kb-make")
    page.wait_for_selector("#kb-result:not([hidden])")
    return page.input_value("#kb-output")


def front(text: str) -> dict:
    return yaml.safe_load(YAML_RE.match(text).group(1))


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
    assert practice.region == ("Achterhoek", "Twente")  # in the order of the list (alphabetical)
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


# --- routes without GitHub, long texts, the draft, the region filter ----------------------------

def mail_parts(href: str) -> tuple[str, dict]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    return parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}


def test_mail_route_prefills_subject_and_the_practice(page, site_url):
    from build_tools.pages import project_contact

    open_form(page, site_url)
    fill_basics(page)
    text = make(page)
    assert page.locator("#kb-route-mail").is_visible()
    href = page.get_attribute("#kb-mail", "href")
    assert len(href) <= 2000
    address, query = mail_parts(href)
    assert address == project_contact()["contact_email"]
    assert query["subject"] == f"Praktijk aanmelden: {TITLE}"
    assert query["body"].replace("\r\n", "\n").endswith(text)
    assert page.locator("#kb-mail-short").is_visible() and page.locator("#kb-mail-long").is_hidden()
    # what happens next is said plainly
    assert "bekijkt uw praktijk" in page.inner_text("#kb-next + p")


def test_long_practice_has_a_route_on_every_path(page, site_url):
    open_form(page, site_url)
    fill_basics(page)
    page.fill("#kb-body-aanpak", "Een lange beschrijving van de aanpak. " * 250)  # ≈ 9 KB
    make(page)
    # e-mail: the text does not fit in the address; attach the downloaded file
    href = page.get_attribute("#kb-mail", "href")
    assert len(href) <= 2000
    _address, query = mail_parts(href)
    assert "fietsen-repareren-in-de-wijk.md" in query["body"] and "bijlage" in query["body"]
    assert page.locator("#kb-mail-long").is_visible() and page.locator("#kb-mail-short").is_hidden()
    assert "als bijlage" in page.inner_text("#kb-mail-long")
    # GitHub: no disabled button but the upload page, with steps
    github = page.locator("#kb-github")
    assert github.get_attribute("aria-disabled") is None
    assert github.get_attribute("href") == project_repo_url().rstrip("/") + "/upload/main/practices"
    assert github.inner_text() == "Upload het bestand op GitHub"
    assert page.locator("#kb-github-long").is_visible()
    with page.expect_download() as info:
        page.locator("#kb-route-github .kb-download").click()
    assert info.value.suggested_filename == "fietsen-repareren-in-de-wijk.md"


def test_draft_is_offered_back_and_cleared_after_sending(page, site_url):
    open_form(page, site_url)
    assert page.locator("#kb-draft").is_hidden()
    fill_basics(page)
    page.fill("#kb-contact-name", "Marieke Hofstede")
    page.wait_for_function("localStorage.getItem('kennisbank-aanmelden-concept') !== null")
    page.wait_for_timeout(400)  # the last keystrokes are saved after a short pause

    page.reload()  # run_before_unload is off: Playwright leaves without the warning
    page.wait_for_selector("#kb-draft:not([hidden])")
    assert page.input_value("#kb-title") == ""
    assert "concept" in page.inner_text("#kb-draft")
    page.click("#kb-draft-restore")
    assert page.locator("#kb-draft").is_hidden()
    assert page.input_value("#kb-title") == TITLE
    assert page.input_value("#kb-contact-name") == "Marieke Hofstede"
    assert page.is_checked("#kb-region-twente") and page.is_checked("#kb-themes-beschut-werk")
    assert page.input_value("#kb-slug") == "fietsen-repareren-in-de-wijk"

    make(page)
    with page.expect_download():
        page.click("#kb-download")
    assert page.evaluate("localStorage.getItem('kennisbank-aanmelden-concept')") is None
    page.reload()
    page.wait_for_selector("#kb-form:not([hidden])")
    assert page.locator("#kb-draft").is_hidden()


def test_start_over_discards_the_draft(page, site_url):
    open_form(page, site_url)
    page.fill("#kb-title", TITLE)
    page.wait_for_function("localStorage.getItem('kennisbank-aanmelden-concept') !== null")
    page.reload()
    page.click("#kb-draft-discard")
    assert page.evaluate("localStorage.getItem('kennisbank-aanmelden-concept')") is None
    assert page.input_value("#kb-title") == ""


def test_warns_before_leaving_with_unsaved_input(page, site_url):
    dialogs = {}
    for typed in (False, True):
        other = page.context.new_page()
        other.on("dialog", lambda dialog, typed=typed: (dialogs.setdefault(typed, dialog.type), dialog.accept()))
        open_form(other, site_url)
        if typed:
            other.fill("#kb-title", TITLE)
        other.close(run_before_unload=True)
        for _ in range(50):
            if other.is_closed():
                break
            page.wait_for_timeout(100)
        assert other.is_closed()
    assert dialogs == {True: "beforeunload"}  # nothing typed: leave without a warning
    open_form(page, site_url)


def test_regions_alphabetical_with_type_to_filter(page, site_url):
    open_form(page, site_url)
    labels = page.locator("#kb-region .kb-check label").all_inner_texts()
    assert labels[0] == "Landelijk" and labels[1:] == sorted(labels[1:], key=str.casefold)
    page.fill("#kb-region-filter", "eindhov")  # an alias
    visible = page.locator("#kb-region .kb-check:visible label").all_inner_texts()
    assert visible == ["Zuidoost-Brabant"]
    assert page.inner_text("#kb-region-filter-status") == "1 regio gevonden."
    page.press("#kb-region-filter", "Enter")  # picks the only match, does not make the file
    assert page.is_checked("#kb-region-zuidoost-brabant")
    assert page.locator("#kb-summary").is_hidden()
    page.fill("#kb-region-filter", "twen")
    visible = page.locator("#kb-region .kb-check:visible label").all_inner_texts()
    assert visible == ["Twente", "Zuidoost-Brabant"]  # a chosen region stays in view
    page.fill("#kb-region-filter", "")
    assert page.locator("#kb-region .kb-check:visible").count() == len(labels)


def test_error_link_puts_the_field_below_the_sticky_header(page, site_url):
    page.set_viewport_size({"width": 375, "height": 740})
    open_form(page, site_url)
    page.click("#kb-make")
    page.locator("#kb-summary a[href='#kb-themes']").click()
    page.wait_for_timeout(300)
    header = page.locator(".md-header").bounding_box()
    legend = page.locator("#kb-themes legend").bounding_box()
    assert legend["y"] >= header["y"] + header["height"]
    assert page.evaluate("document.activeElement.id") == "kb-themes-wmo"


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


RGB = """(el, prop) => getComputedStyle(el)[prop].match(/[\\d.]+/g).map(Number)"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_error_border_has_3_to_1_contrast(page, site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_form(page, site_url)
    page.click("#kb-make")
    border = page.locator("#kb-title").evaluate(RGB, "borderTopColor")
    background = page.locator("body").evaluate(RGB, "backgroundColor")
    assert contrast(border, background) >= 3
    error_text = page.locator("#kb-title-error").evaluate(RGB, "color")
    assert contrast(error_text, background) >= 4.5
