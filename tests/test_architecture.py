"""Boundaries the architecture promises: Whoosh only inside search/, the CLI thin over the library."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import PROJECT


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_only_the_search_package_imports_whoosh():
    offenders = [
        path.relative_to(PROJECT).as_posix()
        for folder in ("build_tools", "benchmarks")
        for path in (PROJECT / folder).rglob("*.py")
        if any(name == "whoosh" or name.startswith("whoosh.") for name in _imports(path))
    ]
    assert offenders == []
    assert any("whoosh" in name for path in (PROJECT / "search").rglob("*.py") for name in _imports(path))


#: build_tools modules the search package may use: the model, the loading stage (of the
#: practices and of the meetings) and the progress protocol
SEARCH_MAY_USE = {"build_tools.errors", "build_tools.files", "build_tools.folderdigest", "build_tools.load",
                  "build_tools.model", "build_tools.progress", "build_tools.settings", "build_tools.textutil",
                  "build_tools.vocabulary", "build_tools.writers", "build_tools.meetings.load",
                  "build_tools.meetings.validate", "build_tools.meetings.kinds"}
#: the orchestration that uses the search package
USES_SEARCH = {"build_tools/site.py", "build_tools/pages/__init__.py"}


def _all_imports(path: Path) -> set[str]:
    """Absolute names of every import, relative ones resolved against the module's package."""
    package = path.relative_to(PROJECT).with_suffix("").parts[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names.add(module)
            if not node.module:
                names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def test_search_depends_only_on_the_model_and_loading_of_build_tools():
    used = {
        (path.relative_to(PROJECT).as_posix(), name)
        for path in (PROJECT / "search").rglob("*.py")
        for name in _all_imports(path)
        if name.startswith("build_tools") and name not in SEARCH_MAY_USE
    }
    assert used == set()


def test_only_the_orchestration_uses_search():
    users = {
        path.relative_to(PROJECT).as_posix()
        for path in (PROJECT / "build_tools").rglob("*.py")
        if any(name == "search" or name.startswith("search.") for name in _all_imports(path))
    }
    assert users - USES_SEARCH == {u for u in users if u.startswith("build_tools/cli/")}
    assert "build_tools/site.py" in users


# --- rules that live in one place ----------------------------------------------------------
def test_the_front_matter_boundary_is_mkdocs_own():
    """The validator finds the front matter exactly where MkDocs does (a copy, kept so a search
    does not import MkDocs; this test keeps the copy honest)."""
    from mkdocs.utils.meta import YAML_RE as MKDOCS_YAML_RE

    from build_tools.frontmatter import YAML_RE

    assert (YAML_RE.pattern, YAML_RE.flags) == (MKDOCS_YAML_RE.pattern, MKDOCS_YAML_RE.flags)


def test_the_slug_limit_is_written_once():
    """No module but build_tools/slugs.py spells out the slug pattern or the limit of 80."""
    import re

    offenders = [
        path.relative_to(PROJECT).as_posix()
        for folder in ("build_tools", "search")
        for path in (PROJECT / folder).rglob("*.py")
        if path.name != "slugs.py"
        and re.search(r"\b80\b|\[a-z0-9\]\+\(-\[a-z0-9\]\+\)", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    from build_tools.slugs import SLUG_MAX

    guide = " ".join((PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert f"hooguit {SLUG_MAX} tekens" in guide
