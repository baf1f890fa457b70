"""Rendering the generated pages: practices and vocabularies in, Markdown pages out.

Each page kind has its template in ``build_tools/templates/`` (see :mod:`build_tools.templating`
for the escaping rules). The functions here only choose and order what a page shows; the
wording and markup live in the templates. Practice bodies go through
:func:`.safety.safe_body` before they reach a template.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from ..meetings.kinds import Kinds, default_kinds
from ..meetings.model import Meeting
from ..model import Practice
from ..site_search import pagefind_meta
from ..stale import DEFAULT_MONTHS, describe_months, is_stale
from ..stats import coverage
from ..templating import render_template
from ..vocabulary import Vocabulary
from . import meetings as meeting_pages
from .regionmap import region_map
from .safety import safe_body
from .search_page import render_search_pages, search_data_files
from .tags import INDEX_PAGE, KeywordIndex, front_matter_tags, keyword_index

STATUS_LABELS = {"lopend": "Lopend", "afgerond": "Afgerond"}
NO_STATUS = "onbekend"
#: How many practices the "Nieuw" page shows.
NEW_LIMIT = 20
#: How many of the newest practices the home page shows.
HOME_RECENT = 5


@dataclass(frozen=True)
class SiteContext:
    """Everything a page needs besides the practices."""

    vocab: Vocabulary
    #: published practices, sorted by slug
    practices: Sequence[Practice]
    #: slug -> similar slugs (from the search index)
    similar: dict[str, list[str]] = field(default_factory=dict)
    repo_url: str | None = None
    #: the branch edit links point to
    branch: str = "main"
    #: path of the practices folder inside the repository, for edit links
    practices_repo_path: str = "practices"
    today: dt.date | None = None
    #: whether docs/bijdragen.md exists (so pages may link to it)
    has_contributing_page: bool = True
    #: where a reader reports an error in a region or theme page (a mailto: address), or None
    report_url: str | None = None
    #: published meetings, by date (see :mod:`.meetings`)
    meetings: Sequence[Meeting] = ()
    kinds: Kinds = field(default_factory=default_kinds)
    #: the site's public address (``site_url`` of mkdocs.yml), for the iCalendar files; or None
    site_url: str | None = None
    #: path of the meetings folder inside the repository, for edit links
    meetings_repo_path: str = "meetings"

    @property
    def today_or_now(self) -> dt.date:
        return self.today or dt.date.today()

    @functools.cached_property
    def by_slug(self) -> dict[str, Practice]:
        """slug -> practice, built once (per practice it made the page generation quadratic)."""
        return {p.slug: p for p in self.practices}

    @functools.cached_property
    def keywords(self) -> KeywordIndex:
        """The practices' keywords, spellings with one anchor merged (see :mod:`.tags`)."""
        return keyword_index(self.practices)

    def edit_url(self, repo_path: str) -> str | None:
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{repo_path}"

    def render(self, template: str, **context: object) -> str:
        """A template rendered with what every page may use plus ``context``."""
        return render_template(template, vocab=self.vocab, has_contributing_page=self.has_contributing_page,
                               status_labels=STATUS_LABELS, no_status=NO_STATUS, **context)


# --- one practice -------------------------------------------------------------------------
def render_practice(p: Practice, ctx: SiteContext) -> str:
    by_slug = ctx.by_slug
    similar = [by_slug[s] for s in ctx.similar.get(p.slug, []) if s in by_slug and s != p.slug]
    keywords = ctx.keywords.of(p)
    return ctx.render(
        "practice.md.j2", p=p, similar=similar, body=Markup(safe_body(p.body).strip()),
        meetings=meeting_pages.meetings_of_practice(p.slug, ctx),
        keywords=keywords, keyword_tags=front_matter_tags(keywords), keyword_page=f"../../{_page_url(INDEX_PAGE)}",
        pagefind=pagefind_meta(p, ctx.vocab),
        edit_url=ctx.edit_url(f"{ctx.practices_repo_path}/{p.path.name}"),
        stale=is_stale(p, months=DEFAULT_MONTHS, today=ctx.today), stale_period=describe_months(DEFAULT_MONTHS))


# --- regions and themes ---------------------------------------------------------------------
def render_region(name: str, ctx: SiteContext) -> str:
    national = ctx.vocab.national_region
    upcoming, past = meeting_pages.meetings_of_region(name, ctx)
    return ctx.render("region.md.j2", region=ctx.vocab.region(name),
                      upcoming_meetings=upcoming, past_meetings=past,
                      practices=[p for p in ctx.practices if name in p.region],
                      national_page=national.slug if national else None,
                      edit_url="", report_url=ctx.report_url)


def render_regions_index(ctx: SiteContext) -> str:
    counts = coverage(ctx.practices, ctx.vocab).by_region
    return ctx.render("regions_index.md.j2", regions=ctx.vocab.regions, counts=counts,
                      region_map=region_map(ctx.vocab.regions, counts))


def render_theme(theme_id: str, ctx: SiteContext) -> str:
    return ctx.render("theme.md.j2", theme=ctx.vocab.theme(theme_id),
                      practices=[p for p in ctx.practices if theme_id in p.themes],
                      edit_url="", report_url=ctx.report_url)


def render_themes_index(ctx: SiteContext) -> str:
    return ctx.render("themes_index.md.j2", themes=ctx.vocab.themes,
                      counts=coverage(ctx.practices, ctx.vocab).by_theme)


# --- coverage ------------------------------------------------------------------------------
def render_coverage(ctx: SiteContext) -> str:
    cov = coverage(ctx.practices, ctx.vocab)
    return ctx.render("coverage.md.j2", coverage=cov, regions=ctx.vocab.regions, themes=ctx.vocab.themes,
                      labour_market_regions=len(ctx.vocab.labour_market_regions),
                      empty=[ctx.vocab.region(name) for name in cov.empty_regions],
                      region_map=region_map(ctx.vocab.regions, cov.by_region),
                      map_data=_map_data_per_theme(ctx, cov))


def _map_data_per_theme(ctx: SiteContext, cov) -> dict:
    """The map's numbers and legend for every theme ("" = all themes), for the theme choice on
    the coverage page: {"counts": {theme: {slug: [n, level]}}, "legends": {theme: [[level, label]]},
    "themes": {id: label}}."""
    per_theme = {"": cov.by_region}
    per_theme.update({t.id: {r.name: cov.matrix.get((r.name, t.id), 0) for r in ctx.vocab.regions}
                      for t in ctx.vocab.themes})
    data: dict = {"counts": {}, "legends": {}, "themes": {t.id: t.label for t in ctx.vocab.themes}}
    for theme_id, counts in per_theme.items():
        m = region_map(ctx.vocab.regions, counts)
        data["counts"][theme_id] = {t.region.slug: [t.count, t.level] for t in m.tiles}
        data["legends"][theme_id] = [[level.css, level.label] for level in m.legend]
    return data


# --- keywords -------------------------------------------------------------------------------
def _page_url(docs_path: str) -> str:
    """The directory URL of a top-level page (``trefwoorden.md`` -> ``trefwoorden/``)."""
    return docs_path.removesuffix(".md") + "/"


def render_keywords(ctx: SiteContext) -> str:
    return ctx.render("keywords.md.j2", keywords=ctx.keywords.keywords)


# --- what's new -----------------------------------------------------------------------------
def recent_practices(ctx: SiteContext, limit: int) -> list[Practice]:
    """The practices added or updated last, newest first."""
    dated = [p for p in ctx.practices if p.last_changed is not None]
    dated.sort(key=lambda p: (p.last_changed, p.slug), reverse=True)
    return dated[:limit]


def render_new(ctx: SiteContext) -> str:
    return ctx.render("new.md.j2", recent=recent_practices(ctx, NEW_LIMIT))


# --- home ------------------------------------------------------------------------------------
def render_home(ctx: SiteContext) -> str:
    cov = coverage(ctx.practices, ctx.vocab)
    return ctx.render("home.md.j2", total=cov.total,
                      themes=[(t, cov.by_theme[t.id]) for t in ctx.vocab.themes],
                      region_map=region_map(ctx.vocab.regions, cov.by_region),
                      recent=recent_practices(ctx, HOME_RECENT),
                      upcoming_meetings=meeting_pages.home_upcoming(ctx))


def render_all(ctx: SiteContext, form_page: str) -> dict[str, str]:
    """Every generated page: docs-relative path -> content."""
    pages = render_search_pages(ctx.practices, ctx.vocab, ctx.render)
    pages.update(search_data_files(ctx.practices, ctx.vocab))
    for p in ctx.practices:
        pages[f"praktijken/{p.slug}.md"] = render_practice(p, ctx)
    pages["regios/index.md"] = render_regions_index(ctx)
    for region in ctx.vocab.regions:
        pages[f"regios/{region.slug}.md"] = render_region(region.name, ctx)
    pages["themas/index.md"] = render_themes_index(ctx)
    for theme_id in ctx.vocab.theme_ids:
        pages[f"themas/{theme_id}.md"] = render_theme(theme_id, ctx)
    pages["dekking.md"] = render_coverage(ctx)
    pages["nieuw.md"] = render_new(ctx)
    pages[INDEX_PAGE] = render_keywords(ctx)
    pages["index.md"] = render_home(ctx)
    pages["aanmelden.md"] = form_page
    pages.update(meeting_pages.render_meeting_pages(ctx))
    return pages
