"""The agenda on the site: ``agenda/`` (upcoming and past meetings, filterable), a page per
meeting, the iCalendar files, and the meeting lists on practice, region and home pages.

Upcoming or past follows from the meeting's dates and the build day (``today``), never from a
field: the site is rebuilt daily, and the agenda script also hides a registration button once
the last day has passed in the reader's browser. Drafts never reach these functions (the
context holds published meetings only). Meeting bodies go through :func:`.safety.safe_body`,
the same parser and allow-list as practice bodies.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..feeds import absolute
from ..meetings import agenda
from ..meetings.ical import calendar, site_domain
from ..meetings.model import Meeting
from .safety import safe_body

if TYPE_CHECKING:
    from .render import SiteContext

AGENDA_DIR = "agenda"
#: The feed of all meetings, at the site root.
FEED_FILE = "agenda.ics"
#: How many upcoming meetings the home page shows.
HOME_UPCOMING = 3


def page_path(meeting: Meeting) -> str:
    return f"{AGENDA_DIR}/{meeting.slug}.md"


def ics_path(meeting: Meeting) -> str:
    return f"{AGENDA_DIR}/{meeting.slug}.ics"


@dataclass(frozen=True)
class MeetingLink:
    """A meeting as other pages list it (``url`` relative to the site root)."""

    url: str
    title: str
    date: dt.date
    meeting: Meeting


def page_url(meeting: Meeting) -> str:
    """A meeting's page, relative to the site root."""
    return f"{AGENDA_DIR}/{meeting.slug}/"


def _link(m: Meeting) -> MeetingLink:
    return MeetingLink(page_url(m), m.title, m.date, m)


def _page_url(ctx: SiteContext):
    site_url = ctx.site_url
    return (lambda m: absolute(site_url, page_url(m))) if site_url else (lambda m: None)


def _ics(ctx: SiteContext, meetings: Sequence[Meeting], name: str | None = None) -> str:
    extra = {"name": name} if name else {}
    return calendar(meetings, domain=site_domain(ctx.site_url), today=ctx.today_or_now, kinds=ctx.kinds,
                    page_url=_page_url(ctx), **extra)


def _facts(m: Meeting, ctx: SiteContext) -> dict:
    """What the templates show of a meeting besides its own fields."""
    return {"when": agenda.when(m), "when_short": agenda.when(m, weekday=False), "where": agenda.where(m),
            "kind_label": ctx.kinds.get(m.kind).label, "upcoming": m.is_upcoming(ctx.today_or_now),
            "has_report": m.has_report, "region_slugs": [ctx.vocab.region(r).slug for r in m.region]}


def render_meeting(m: Meeting, ctx: SiteContext) -> str:
    by_slug = ctx.by_slug
    return ctx.render(
        "meeting.md.j2", m=m, facts=_facts(m, ctx), body=Markup(safe_body(m.body).strip()),
        practices=[by_slug[s] for s in m.practices if s in by_slug],
        edit_url=ctx.edit_url(f"{ctx.meetings_repo_path}/{m.path.name}"))


def render_agenda(ctx: SiteContext) -> str:
    today = ctx.today_or_now
    upcoming = agenda.upcoming(ctx.meetings, today)
    past = agenda.past(ctx.meetings, today)
    by_year = [(year, list(items)) for year, items in itertools.groupby(past, key=lambda m: m.date.year)]
    used_regions = {r for m in ctx.meetings for r in m.region}
    used_kinds = {m.kind for m in ctx.meetings}
    return ctx.render(
        "agenda.md.j2", upcoming=[(m, _facts(m, ctx)) for m in upcoming],
        past_by_year=[(year, [(m, _facts(m, ctx)) for m in items]) for year, items in by_year],
        total=len(upcoming) + len(past),
        regions=[r for r in ctx.vocab.regions if r.name in used_regions],
        kinds=[k for k in ctx.kinds.kinds if k.id in used_kinds], feed=FEED_FILE)


def meetings_of_practice(slug: str, ctx: SiteContext) -> list[MeetingLink]:
    """The meetings where a practice was presented or discussed, oldest first."""
    return [_link(m) for m in ctx.meetings if slug in m.practices]


def meetings_of_region(name: str, ctx: SiteContext) -> tuple[list[MeetingLink], list[MeetingLink]]:
    """A region's upcoming (soonest first) and past (most recent first) meetings."""
    today = ctx.today_or_now
    mine = [m for m in ctx.meetings if name in m.region]
    return [_link(m) for m in agenda.upcoming(mine, today)], [_link(m) for m in agenda.past(mine, today)]


def home_upcoming(ctx: SiteContext) -> list[MeetingLink]:
    return [_link(m) for m in agenda.upcoming(ctx.meetings, ctx.today_or_now)[:HOME_UPCOMING]]


def render_meeting_pages(ctx: SiteContext) -> dict[str, str]:
    """The agenda page, a page and an .ics per meeting, and the feed: docs-relative path -> content."""
    pages = {f"{AGENDA_DIR}/index.md": render_agenda(ctx), FEED_FILE: _ics(ctx, ctx.meetings)}
    for m in ctx.meetings:
        pages[page_path(m)] = render_meeting(m, ctx)
        pages[ics_path(m)] = _ics(ctx, [m], name=m.title)
    return pages
