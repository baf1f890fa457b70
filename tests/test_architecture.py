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
