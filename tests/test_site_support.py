"""Helpers for the site tests (no tests here): a copy of the project's MkDocs setup in tmp."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_tools.pages import GENERATED_DIRS, GENERATED_FILES, MANIFEST_NAME
from build_tools.settings import PROJECT_ROOT

HOSTILE = Path(__file__).resolve().parent / "data" / "site" / "hostile"


def project_config_copy(target: Path, *, docs: Path | None = None) -> Path:
    """mkdocs.yml of the project, written to ``target/mkdocs.yml`` with its docs in ``target/docs``
    (a copy of the hand-written docs unless ``docs`` is given) so a build never touches docs/."""
    target.mkdir(parents=True, exist_ok=True)
    if docs is None:
        docs = target / "docs"
        skip = set(GENERATED_DIRS) | set(GENERATED_FILES) | {MANIFEST_NAME}
        shutil.copytree(PROJECT_ROOT / "docs", docs,
                        ignore=lambda folder, names: [n for n in names if Path(folder) == PROJECT_ROOT / "docs"
                                                      and n in skip])
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("- build_tools/mkdocs_hook.py", f"- {PROJECT_ROOT / 'build_tools' / 'mkdocs_hook.py'}")
    text = text.replace("custom_dir: docs/overrides", f"custom_dir: {PROJECT_ROOT / 'docs' / 'overrides'}")
    text = text.replace("docs_dir: docs", f"docs_dir: {docs}")
    config = target / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config
