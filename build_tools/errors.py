"""Exceptions raised by the library; the CLI turns them into Dutch messages and exit codes."""

from __future__ import annotations


class KennisbankError(Exception):
    """Base class: the message is Dutch and meant for the user as it is."""


class VocabularyError(KennisbankError):
    """A vocabulary data file is missing, unreadable or inconsistent."""


class PracticesFolderError(KennisbankError):
    """The practices folder does not exist or is not a folder."""


class InvalidContentError(KennisbankError):
    """Validation found problems; ``problems`` holds all of them."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} probleem/problemen in de praktijken")


class UnknownSlugError(KennisbankError):
    """No practice has this slug; ``suggestions`` holds close slugs."""

    def __init__(self, slug: str, suggestions: list[str]):
        self.slug = slug
        self.suggestions = suggestions
        super().__init__(f"Geen praktijk met slug '{slug}'.")
