"""What an index update did, as one small value the CLI and the site print."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from build_tools.model import Problem


def _practices(n: int) -> str:
    return f"{n} {'praktijk' if n == 1 else 'praktijken'}"


@dataclass
class IndexReport:
    """What an update did. ``message`` is a Dutch one-line summary (or an empty string)."""

    added: int = 0
    changed: int = 0
    removed: int = 0
    rebuilt: bool = False
    #: why a full rebuild happened (Dutch), e.g. a corrupt index; empty when asked for or not rebuilt
    reason: str = ""
    #: published practices in the index after the update
    total: int = 0
    #: files left out because they are invalid (only when invalid files are tolerated)
    skipped: int = 0
    #: drafts left out of the index
    drafts: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def updated(self) -> bool:
        return self.rebuilt or bool(self.added or self.changed or self.removed)

    @property
    def message(self) -> str:
        parts = []
        if self.reason:
            parts.append(self.reason)
        if self.rebuilt:
            parts.append(f"Zoekindex opnieuw opgebouwd: {_practices(self.total)}.")
        elif self.updated:
            parts.append(f"Zoekindex bijgewerkt: {self.added} toegevoegd, {self.changed} gewijzigd, "
                         f"{self.removed} verwijderd ({self.total} in totaal).")
        else:
            parts.append(f"Zoekindex is actueel ({_practices(self.total)}).")
        return " ".join(parts)

    def to_dict(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed,
                "rebuilt": self.rebuilt, "reason": self.reason, "total": self.total,
                "skipped": self.skipped, "drafts": self.drafts, "message": self.message}
