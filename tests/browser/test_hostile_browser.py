"""A real Chromium on the site built from hostile practices: contributed script never runs."""

from __future__ import annotations

import threading

import pytest

from build_tools.site import build_site, static_server

from ..conftest import HOSTILE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-browser")
    site = build_site(HOSTILE, tmp / "index", tmp / "site", isolated=True).site_dir
    server = static_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("slug", ["kapotte-codeblokken", "vijandige-tekst", "vijandige-titel"])
def test_script_in_a_practice_does_not_run(browser, hostile_url, slug):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"{hostile_url}praktijken/{slug}/", wait_until="load")
        page.wait_for_timeout(300)  # an onerror handler runs after the failed image load
        assert page.evaluate("typeof window.kbGehackt") == "undefined"
        assert "GEHACKT" not in page.title()
        assert dialogs == []
        # nothing from the body covers the page: the header's search stays clickable
        assert page.evaluate("""() => {
            const el = document.elementFromPoint(innerWidth / 2, 30);
            return !!el && !!el.closest('header');
        }""")
    finally:
        context.close()
