"""Result types of a search (no Whoosh import here: the CLI formats these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The kinds of document in the index (the ``type`` of a hit, the values of ``--type``).
PRACTICE, MEETING = "praktijk", "bijeenkomst"
TYPES = (PRACTICE, MEETING)


@dataclass
class SearchHit:
    slug: str
    title: str
    description: str
    region: list[str]
    themes: list[str]
    organisations: list[str]
    year: int
    score: float
    #: HTML-ish text: matched words in ``<b>…</b>``, everything else HTML-escaped
    snippet: str
    path: str
    #: :data:`PRACTICE` or :data:`MEETING`
    type: str = PRACTICE
    #: a meeting's (first) day, ``YYYY-MM-DD``; None for a practice
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract's keys, then ``type`` (and for a meeting its ``date``); for a meeting
        ``organisations`` are its organisers and ``year`` the year of its date."""
        data = {"slug": self.slug, "title": self.title, "description": self.description,
                "region": list(self.region), "themes": list(self.themes),
                "organisations": list(self.organisations), "year": self.year,
                "score": round(self.score, 4), "snippet": self.snippet, "path": self.path,
                "type": self.type}
        if self.type == MEETING:
            data["date"] = self.date
        return data


@dataclass
class SearchResult:
    query: str
    total: int = 0
    hits: list[SearchHit] = field(default_factory=list)
    #: {"region": {name: count}, "themes": {id: count}, "type": {type: count}} over *all*
    #: matches, largest first
    facets: dict[str, dict[str, int]] = field(default_factory=lambda: {"region": {}, "themes": {}, "type": {}})
    #: corrected query when words look misspelled, else None
    suggestion: str | None = None
    #: Dutch remarks for the user (e.g. "only stop words", "query shortened")
    notes: list[str] = field(default_factory=list)
    #: the index update done before searching (an IndexReport) or None
    index_report: Any = None
    #: theme id -> label, as the index was built with them (so that showing the result needs
    #: no vocabulary files); empty when the index does not have them
    theme_labels: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command contract."""
        return {"query": self.query, "total": self.total, "results": [h.to_dict() for h in self.hits],
                "facets": {"region": dict(self.facets.get("region", {})),
                           "themes": dict(self.facets.get("themes", {})),
                           "type": dict(self.facets.get("type", {}))},
                "suggestion": self.suggestion}
