"""How the tool writes what it produces: YAML front matter, and files replaced atomically.

One writer each, so every file the tool makes (a new practice, a generated page, an index
manifest, a lock's side file, the JSON Schema) quotes its YAML the same way and is never seen
half-written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def dump_front_matter(data: dict[str, Any]) -> str:
    """A YAML front-matter block (``---`` … ``---``), keys in the given order.

    The YAML emitter quotes every value that needs it (``yes``, ``: ``, ``#`` …); no line is
    folded, so a long title stays on one line as the contributor typed it.
    """
    import yaml  # here, not at the top: the search's cold start imports this module without YAML

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000)
    return "---\n" + text + "---\n"


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (str is written as UTF-8) so that a reader sees the old
    content or the new, never a mix: write a temporary file beside it, flush it to disk, then
    rename it over the target (``os.replace`` is atomic on POSIX and Windows)."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
