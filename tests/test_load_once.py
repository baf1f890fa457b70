"""`kennisbank build` reads and parses every practice file once; all stages share the result."""

from __future__ import annotations

from build_tools import frontmatter
from build_tools.site import build_site

from .conftest import practice_text


def test_build_parses_each_file_exactly_once(tmp_path, monkeypatch):
    practices = tmp_path / "praktijken"
    practices.mkdir()
    for word in ("fietsen", "koken", "groen"):
        (practices / f"{word}.md").write_text(practice_text(title=f"title: Werken met {word} in de wijk"),
                                              encoding="utf-8")
    parsed = []
    real = frontmatter.parse
    monkeypatch.setattr(frontmatter, "parse", lambda raw, display: parsed.append(display) or real(raw, display))
    build_site(practices, tmp_path / "index", tmp_path / "site", isolated=True)
    assert sorted(name.rsplit("/", 1)[-1] for name in parsed) == ["fietsen.md", "groen.md", "koken.md"]
    assert (tmp_path / "site" / "praktijken" / "koken" / "index.html").is_file()
