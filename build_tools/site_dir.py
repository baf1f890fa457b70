"""The folder a site is built into: which folder may be replaced, the marker, the swap.

``kennisbank build --site-dir DIR`` replaces DIR with the new site. The tool deletes only what
it created itself, so it replaces a folder only when it is absent, empty, or a site this tool
built before; every site gets a small marker file (:data:`SITE_MARKER`) for that. Anything else
(the practices folder, a folder of documents, a checkout with its ``.git``) is refused with a
Dutch message before anything is built.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .errors import KennisbankError, os_reason

#: Written into the root of every site this tool builds.
SITE_MARKER = ".kennisbank-site"
MARKER_TEXT = ("Deze map is gebouwd door 'kennisbank build'. Bij de volgende build wordt de hele map "
               "vervangen; zet hier dus geen eigen bestanden neer.\n")
#: How many names of a refused folder's contents the message shows.
_SHOWN_NAMES = 3


class SiteDirError(KennisbankError):
    """The site folder may not be replaced (it holds something the tool did not create)."""


def check_replaceable(site_dir: Path, protected: Iterable[tuple[Path, str]] = ()) -> None:
    """Raise :class:`SiteDirError` unless ``site_dir`` is absent, empty or a marked site.

    ``protected``: folders (with a Dutch description) the site folder must neither be nor
    contain, such as the practices folder, even when they are empty.
    """
    path = Path(os.path.abspath(site_dir))  # the folder itself, not where a link points
    shown = str(site_dir)
    if path.is_symlink():
        raise SiteDirError(f"de sitemap {shown} is een symbolische koppeling; de kennisbank vervangt "
                           "alleen een echte map. Geef de map zelf op met --site-dir.")
    real = path.resolve()
    for folder, what in protected:
        other = Path(folder).resolve()
        if real == other or real in other.parents:
            relation = "is" if real == other else "bevat"
            raise SiteDirError(f"de sitemap {shown} {relation} {what} ({folder}); bouwen zou die "
                               "vervangen. Kies een eigen map voor de site met --site-dir.")
    if not os.path.lexists(path):
        return
    if not path.is_dir():
        raise SiteDirError(f"de sitemap {shown} is geen map maar een bestand; kies een andere plek met --site-dir.")
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        raise SiteDirError(f"kan de sitemap {shown} niet lezen: {os_reason(exc)}") from exc
    if not names:
        return
    marker = path / SITE_MARKER
    if marker.is_file() and not marker.is_symlink():
        return
    what = "een git-repository (.git)" if ".git" in names else "bestanden die niet door de kennisbank zijn gemaakt"
    sample = ", ".join(names[:_SHOWN_NAMES]) + (", …" if len(names) > _SHOWN_NAMES else "")
    raise SiteDirError(
        f"de sitemap {shown} bevat {what} (onder meer: {sample}) en is geen site die 'kennisbank build' "
        f"heeft gebouwd (het bestand {SITE_MARKER} ontbreekt). De kennisbank vervangt alleen een lege map "
        "of een eerder gebouwde site. Kies een andere map met --site-dir, of maak deze map eerst zelf leeg."
    )


def mark(site: Path) -> None:
    """Mark a freshly built site as this tool's own."""
    (Path(site) / SITE_MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False when
    the system or file system cannot, so the caller falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def swap_in(new_site: Path, site_dir: Path, token: str) -> None:
    """Replace ``site_dir`` by ``new_site`` so a web server reading it never sees a missing or
    half site: one atomic exchange where the system allows it, else two renames; then the old
    site (checked by :func:`check_replaceable` before the build) is removed."""
    if not os.path.lexists(site_dir):
        os.replace(new_site, site_dir)
        return
    if _exchange(new_site, site_dir):
        shutil.rmtree(new_site, ignore_errors=True)  # now holds the previous site
        return
    old = site_dir.parent / f"{site_dir.name}.{token}.old.tmp"
    os.replace(site_dir, old)
    try:
        os.replace(new_site, site_dir)
    except OSError:
        os.replace(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
