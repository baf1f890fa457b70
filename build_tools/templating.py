"""The one Jinja2 environment for everything the tool renders as a page.

Templates live in ``build_tools/templates/`` (one per page kind, shared macros in files that
start with ``_``), so the wording and markup of a page can be changed without touching Python.

Escaping is done by the engine, never by hand:

* autoescaping is on for every template, so a value printed with ``{{ value }}`` is HTML text;
* a value that lands where Markdown is read afterwards (a heading, link text, a definition
  list) goes through the ``md`` filter, the one Markdown-context escape of the project: it
  backslash-escapes exactly the characters Python-Markdown itself accepts escaped, so a title
  like ``*ster*`` shows as typed instead of turning into emphasis;
* link destinations in Markdown go through ``md_url`` (unsafe schemes become ``#``).

Generated pages are Markdown files that MkDocs renders later; links between them stay Markdown
links to ``.md`` files so ``mkdocs build --strict`` checks every one of them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

import jinja2
import markdown
from markupsafe import Markup, escape

from .writers import dump_front_matter

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")


@functools.cache
def _markdown_specials() -> re.Pattern[str]:
    # The characters Python-Markdown (with the site's table extension) lets you escape with a
    # backslash. ``<`` and ``>`` are left to HTML escaping: as entities they are never syntax.
    chars = set(markdown.Markdown(extensions=["tables"]).ESCAPED_CHARS) - {"<", ">"}
    return re.compile("([" + re.escape("".join(sorted(chars))) + "])")


def markdown_text(value: object) -> Markup:
    """A value as inline Markdown text: newlines folded, Markdown syntax backslash-escaped,
    then HTML-escaped, so it shows exactly what was typed and never turns into markup."""
    one_line = " ".join(str(value).split())
    return escape(_markdown_specials().sub(r"\\\1", one_line))


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def page_front_matter(**meta: Any) -> Markup:
    """YAML front matter of a generated page. String values are HTML-escaped because Material
    prints ``page.meta.title`` and ``description`` into the HTML without escaping them."""
    clean = {k: (str(escape(v)) if isinstance(v, str) else v) for k, v in meta.items() if v is not None}
    return Markup(dump_front_matter(clean))


@jinja2.pass_context
def _region_slug(context: jinja2.runtime.Context, name: str) -> str:
    return context["vocab"].region(name).slug


@jinja2.pass_context
def _theme_label(context: jinja2.runtime.Context, theme_id: str) -> str:
    return context["vocab"].theme(theme_id).label


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("build_tools", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Imported here: build_tools.pages imports this module, so a module-level import of
    # pages.safety would make ``import build_tools.form`` on its own a circular import.
    from .pages.safety import md_url

    env.filters.update(md=markdown_text, md_url=lambda url: Markup(md_url(url)), dutch_date=dutch_date,
                       region_slug=_region_slug, theme_label=_theme_label)
    env.globals.update(front_matter=page_front_matter, plural=plural)
    # Data for scripts (``<script type="application/json">``): compact, in the given key order.
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "separators": (",", ":")}
    return env


def render_template(name: str, **context: Any) -> str:
    """Render ``build_tools/templates/<name>`` with ``context``."""
    return environment().get_template(name).render(**context)
