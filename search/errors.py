"""Errors of the search package (messages in Dutch, like every KennisbankError)."""

from __future__ import annotations

from pathlib import Path

from build_tools.errors import KennisbankError


class IndexLockedError(KennisbankError):
    """Another process holds the index lock for longer than the timeout."""

    def __init__(self, index_dir: Path, holder: str = "", timeout: float = 0.0):
        self.index_dir = Path(index_dir)
        self.holder = holder
        in_use = f"is in gebruik (proces {holder})" if holder else "is in gebruik"
        super().__init__(
            f"De zoekindex in {index_dir} {in_use}: hij wordt al bijgewerkt door een ander proces. "
            f"Na {timeout:g} seconden wachten is dat nog niet klaar; probeer het zo opnieuw."
        )


class IndexLocationError(KennisbankError):
    """The index folder cannot be created or written (read-only, under a file, ...)."""

    def __init__(self, index_dir: Path, exc: OSError):
        from build_tools.errors import os_reason
        from build_tools.settings import INDEX_ENV

        self.index_dir = Path(index_dir)
        super().__init__(
            f"de map voor de zoekindex kan niet gebruikt worden: {index_dir} ({os_reason(exc)}). "
            f"Kies een andere map met --index MAP of ${INDEX_ENV}."
        )


class UnknownFilterValueError(KennisbankError):
    """A filter value (region, theme, organisation) matches nothing known: a usage error."""

    LABELS = {"region": "regio", "theme": "thema", "organisation": "organisatie", "type": "soort"}

    def __init__(self, kind: str, value: str, suggestions: list[str]):
        from build_tools.textutil import did_you_mean  # imported when the error happens

        self.kind = kind
        self.value = value
        self.suggestions = suggestions
        label = self.LABELS.get(kind, kind)
        super().__init__(f"onbekende {label} '{value}'{did_you_mean(suggestions)}")
