"""The data types that flow through every stage: :class:`Practice` and :class:`Problem`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .textutil import printable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one practice file.

    ``line`` is the line of the offending key (or list item) in the file, 1-based;
    1 where no better line is known. ``field`` is the front-matter key, or a pseudo-field
    such as ``front matter``, ``bestand``, ``tekst`` or ``slug``.
    """

    path: str
    line: int
    field: str
    message: str

    def format(self) -> str:
        # A file name or unknown key may hold control characters: shown, never sent to a terminal.
        return printable(f"{self.path}:{self.line}: {self.field}: {self.message}")

    def format_github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message, and also , and : in properties.
        def esc_data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def esc_prop(text: str) -> str:
            return esc_data(text).replace(":", "%3A").replace(",", "%2C")

        return printable(
            f"::error file={esc_prop(self.path)},line={self.line}::{esc_data(self.field + ': ' + self.message)}")


@dataclass(frozen=True)
class Contact:
    name: str
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in (("name", self.name), ("organisation", self.organisation),
                                  ("email", self.email), ("phone", self.phone)) if v is not None}


@dataclass(frozen=True)
class Link:
    title: str
    url: str

    def to_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url}


@dataclass(frozen=True)
class Practice:
    """A validated good practice, with canonical values only.

    ``region`` holds canonical region names (``"Twente"``, ``"Landelijk"``), ``themes`` theme
    ids (``"beschut-werk"``), whatever alias or label the file used.
    """

    slug: str
    path: Path
    title: str
    description: str
    region: tuple[str, ...]
    themes: tuple[str, ...]
    organisations: tuple[str, ...]
    year: int
    body: str
    status: str | None = None
    funding: str | None = None
    contact: Contact | None = None
    links: tuple[Link, ...] = ()
    date: dt.date | None = None
    updated: dt.date | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    #: 1-based line in the file where the Markdown body starts
    body_line: int = field(default=1, compare=False)

    @property
    def last_changed(self) -> dt.date | None:
        """The date the practice was last added or updated, if the file says."""
        return self.updated or self.date

    def to_dict(self) -> dict[str, Any]:
        """Front-matter-shaped dict with canonical values (dates as ISO strings)."""
        data: dict[str, Any] = {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
            "region": list(self.region),
            "themes": list(self.themes),
            "organisations": list(self.organisations),
            "year": self.year,
            "status": self.status,
            "funding": self.funding,
            "contact": self.contact.to_dict() if self.contact else None,
            "links": [link.to_dict() for link in self.links],
            "date": self.date.isoformat() if self.date else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "tags": list(self.tags),
            "draft": self.draft,
        }
        return data
