"""Import Whoosh without two standard-library imports it does not need here.

``whoosh.compat`` imports ``urllib.request`` (for a download helper; pulls in http.client,
email, ssl), ``whoosh.reading`` imports the ``cached_property`` package (which imports
asyncio) for one property and ``whoosh.query`` imports English morphology tables for a query
type we do not use. Together that is about 45 ms of a 0.15-0.2 s ``kennisbank search``
process. While these Whoosh modules are imported, stand-ins are put in ``sys.modules``:
a lazy ``urlretrieve`` and a lazy ``variations`` that import the real ones when called, and
the standard library's ``functools.cached_property``. The stand-ins are removed right after, so any later
``import urllib.request`` or ``import cached_property`` gets the real modules. When the
real modules are already imported nothing is replaced.

Every module of this package that imports Whoosh imports this module first.
"""

from __future__ import annotations

import functools
import sys
import types


def _lazy_urlretrieve(*args, **kwargs):  # pragma: no cover - Whoosh never calls it in this project
    import importlib

    return importlib.import_module("urllib.request").urlretrieve(*args, **kwargs)


def _lazy_variations(word):  # pragma: no cover - only Whoosh's Variations query uses it
    import importlib

    return importlib.import_module("whoosh.lang.morph_en").variations(word)


def _import_lightly() -> None:
    if "whoosh.query" in sys.modules:
        return
    stubs: dict[str, types.ModuleType] = {}
    if "whoosh.lang.morph_en" not in sys.modules:
        # English morphology tables (dozens of regular expressions) for a query type we do not use
        stub = types.ModuleType("whoosh.lang.morph_en")
        stub.variations = _lazy_variations
        stubs["whoosh.lang.morph_en"] = stub
    if "urllib.request" not in sys.modules:
        stub = types.ModuleType("urllib.request")
        stub.urlretrieve = _lazy_urlretrieve
        stubs["urllib.request"] = stub
    if "cached_property" not in sys.modules:
        stub = types.ModuleType("cached_property")
        stub.cached_property = functools.cached_property
        stubs["cached_property"] = stub
    sys.modules.update(stubs)
    try:
        import whoosh.compat  # noqa: F401
        import whoosh.query  # noqa: F401
        import whoosh.reading  # noqa: F401
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


_import_lightly()
