"""How the tool writes what it produces: YAML front matter, and files replaced atomically.

One writer each, so every file the tool makes (a new practice, a generated page, a manifest)
quotes its YAML the same way and is never seen half-written.
"""

from __future__ import annotations

from typing import Any

import yaml


def dump_front_matter(data: dict[str, Any]) -> str:
    """A YAML front-matter block (``---`` … ``---``), keys in the given order.

    The YAML emitter quotes every value that needs it (``yes``, ``: ``, ``#`` …); no line is
    folded, so a long title stays on one line as the contributor typed it.
    """
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return "---\n" + text + "---\n"
