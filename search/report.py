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
    #: published meetings in the index after the update
    meetings: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def updated(self) -> bool:
        return self.rebuilt or bool(self.added or self.changed or self.removed)

    @property
    def message(self) -> str:
        parts = []
        if self.reason:
            parts.append(self.reason)
        contents = _practices(self.total)
        if self.meetings:
            contents += f" en {self.meetings} {'bijeenkomst' if self.meetings == 1 else 'bijeenkomsten'}"
        if self.rebuilt:
            parts.append(f"Zoekindex opnieuw opgebouwd: {contents}.")
        elif self.updated:
            total = f"{self.total} in totaal" if not self.meetings else f"{contents} in totaal"
            parts.append(f"Zoekindex bijgewerkt: {self.added} toegevoegd, {self.changed} gewijzigd, "
                         f"{self.removed} verwijderd ({total}).")
        else:
            parts.append(f"Zoekindex is actueel ({contents}).")
        return " ".join(parts)

    def to_dict(self) -> dict:
        return {"added": self.added, "changed": self.changed, "removed": self.removed,
                "rebuilt": self.rebuilt, "reason": self.reason, "total": self.total,
                "skipped": self.skipped, "drafts": self.drafts, "meetings": self.meetings,
                "message": self.message}
