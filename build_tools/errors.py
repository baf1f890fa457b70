"""Exceptions raised by the library; the CLI turns them into Dutch messages and exit codes."""

from __future__ import annotations

import errno

#: Dutch for the operating-system errors a user can run into with folders and files.
_OS_REASONS = {
    errno.EACCES: "geen toestemming om te schrijven of te lezen",
    errno.EPERM: "geen toestemming",
    errno.EROFS: "alleen-lezen bestandssysteem",
    errno.ENOENT: "bestaat niet en kan daar niet worden aangemaakt",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EISDIR: "is een map",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.ENAMETOOLONG: "de naam is te lang",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file or folder failed, in Dutch (no English from the system)."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is None:
        return f"systeemfout {errno.errorcode.get(exc.errno or 0, exc.errno)}"
    return reason


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
