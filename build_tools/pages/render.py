"""Rendering the generated pages: pure functions from practices and vocabularies to Markdown.

Every page is Markdown with a little trusted HTML (lists with data attributes, the info panel,
the coverage table). Front-matter values go through :mod:`.safety` wherever they land; practice
bodies through :func:`.safety.safe_body`. Links between pages are Markdown links to ``.md``
files, so ``mkdocs build --strict`` checks every one of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import yaml

from ..model import Practice
from ..site_search import pagefind_meta
from .search_page import render_search_pages, search_data_files


def _tmp_render(ctx):  # TEMPORARY until the shared template environment lands
    import jinja2
    from markupsafe import Markup
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(__import__("pathlib").Path(__file__).parent.parent / "templates")),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["theme_label"] = lambda t: ctx.vocab.theme(t).label
    env.globals.update(front_matter=lambda **m: Markup(front_matter(**m)), plural=plural)
    return lambda name, **kw: env.get_template(name).render(**kw)
from ..stale import is_stale
from ..stats import coverage
from ..vocabulary import Vocabulary
from .safety import attr, md_text, md_url, safe_body, text

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
STATUS_LABELS = {"lopend": "Lopend", "afgerond": "Afgerond"}
NO_STATUS = "onbekend"
#: How many practices the "Nieuw" page shows.
NEW_LIMIT = 20
STALE_MONTHS = 24


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

    def edit_url(self, repo_path: str) -> str | None:
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{repo_path}"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def dutch_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def front_matter(**meta: object) -> str:
    """YAML front matter for a generated page; string values HTML-escaped because Material
    prints ``page.meta.title`` and ``description`` unescaped into the HTML."""
    clean = {k: (text(v) if isinstance(v, str) else v) for k, v in meta.items() if v is not None}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def _region_slug(ctx: SiteContext, name: str) -> str:
    return ctx.vocab.region(name).slug


def _theme_label(ctx: SiteContext, theme_id: str) -> str:
    return ctx.vocab.theme(theme_id).label


def _join(items: Iterable[str]) -> str:
    return ", ".join(items)


def _practice_list(practices: Sequence[Practice], ctx: SiteContext, prefix: str) -> str:
    """A plain Markdown list of practices (title link, description, regions and year)."""
    lines = ['<div class="kb-practice-list" markdown>', ""]
    for p in practices:
        regions = _join(md_text(r) for r in p.region)
        lines.append(f"- [{md_text(p.title)}]({prefix}{p.slug}.md){{ data-slug=\"{attr(p.slug)}\" }}  ")
        lines.append(f"  {md_text(p.description)} *({regions}, {p.year})*")
    lines += ["", "</div>", ""]
    return "\n".join(lines)


# --- one practice -------------------------------------------------------------------------
def render_practice(p: Practice, ctx: SiteContext) -> str:
    by_slug = {q.slug: q for q in ctx.practices}
    out = [front_matter(title=p.title, description=p.description,
                        edit_url=ctx.edit_url(f"{ctx.practices_repo_path}/{p.path.name}"),
                        pagefind=pagefind_meta(p, ctx.vocab))]
    out.append(f"# {md_text(p.title)}\n")
    out.append(f'<p class="kb-lead">{text(p.description)}</p>\n')

    if is_stale(p, months=STALE_MONTHS, today=ctx.today):
        out.append(_stale_notice(p, ctx))

    out.append('<div class="kb-info" markdown>\n')
    out.append("## Gegevens { #gegevens }\n")
    rows: list[tuple[str, str]] = []
    rows.append(("Regio" if len(p.region) == 1 else "Regio's",
                 _join(f"[{md_text(r)}](../regios/{_region_slug(ctx, r)}.md)" for r in p.region)))
    rows.append(("Thema" if len(p.themes) == 1 else "Thema's",
                 _join(f"[{md_text(_theme_label(ctx, t))}](../themas/{t}.md)" for t in p.themes)))
    rows.append(("Organisatie" if len(p.organisations) == 1 else "Organisaties",
                 _join(md_text(o) for o in p.organisations)))
    rows.append(("Startjaar", str(p.year)))
    if p.status:
        rows.append(("Status", STATUS_LABELS.get(p.status, md_text(p.status))))
    if p.funding:
        rows.append(("Financiering", md_text(p.funding)))
    if p.contact:
        rows.append(("Contact", _contact(p)))
    if p.links:
        rows.append(("Links", _join(f"[{md_text(link.title)}]({md_url(link.url)})" for link in p.links)))
    if p.date:
        rows.append(("Toegevoegd", dutch_date(p.date)))
    if p.updated and p.updated != p.date:
        rows.append(("Bijgewerkt", dutch_date(p.updated)))
    if p.tags:
        rows.append(("Trefwoorden", _join(md_text(t) for t in p.tags)))
    for label, value in rows:
        out.append(f"{label}\n:   {value}\n")
    out.append("</div>\n")

    out.append(safe_body(p.body).strip() + "\n")

    similar = [by_slug[s] for s in ctx.similar.get(p.slug, []) if s in by_slug and s != p.slug]
    if similar:
        out.append("\n## Vergelijkbare praktijken { #vergelijkbare-praktijken }\n")
        out.append(_practice_list(similar, ctx, prefix=""))
    return "\n".join(out)


def _contact(p: Practice) -> str:
    c = p.contact
    assert c is not None
    parts = [md_text(c.name)]
    if c.organisation:
        parts.append(md_text(c.organisation))
    if c.email:
        parts.append(f"[{md_text(c.email)}]({md_url('mailto:' + c.email)})")
    if c.phone:
        parts.append(f"telefoon {md_text(c.phone)}")
    return ", ".join(parts)


def _stale_notice(p: Practice, ctx: SiteContext) -> str:
    changed = p.last_changed
    assert changed is not None
    when = "bijgewerkt" if p.updated else "toegevoegd"
    lines = ['!!! warning "Klopt deze praktijk nog?"', "",
             f"    Deze praktijk is voor het laatst {when} op {dutch_date(changed)}, meer dan twee jaar "
             "geleden. Misschien is er sindsdien iets veranderd."]
    if p.contact:
        lines.append(f"    Weet u hoe het nu gaat? Vraag het na bij {_contact(p)}.")
    else:
        lines.append("    Weet u hoe het nu gaat? Laat het de redactie weten.")
    edit = ctx.edit_url(f"{ctx.practices_repo_path}/{p.path.name}")
    if edit:
        lines.append(f"    Een aanvulling kunt u ook zelf [voorstellen via GitHub]({md_url(edit)}).")
    return "\n".join(lines) + "\n"


# --- overview with filter -------------------------------------------------------------------
def render_overview(ctx: SiteContext) -> str:
    practices = sorted(ctx.practices, key=lambda p: (p.title.casefold(), p.slug))
    out = [front_matter(title="Alle praktijken",
                        description="Alle goede praktijken, te filteren op regio, thema, jaar en status.",
                        hide=["toc"], search={"exclude": True}, edit_url="")]
    out.append("# Alle praktijken\n")
    out.append("Kies een regio, thema, startjaar of status om de lijst kleiner te maken. "
               "Zoekt u op een woord? Gebruik dan het zoekveld bovenaan de pagina.\n")

    region_counts = {name: 0 for name in ctx.vocab.region_names}
    theme_counts = {tid: 0 for tid in ctx.vocab.theme_ids}
    years: dict[int, int] = {}
    statuses: dict[str, int] = {}
    for p in practices:
        for r in p.region:
            region_counts[r] += 1
        for t in p.themes:
            theme_counts[t] += 1
        years[p.year] = years.get(p.year, 0) + 1
        key = p.status or NO_STATUS
        statuses[key] = statuses.get(key, 0) + 1

    def options(pairs: Iterable[tuple[str, str, int]], all_label: str) -> str:
        items = [f'<option value="">{text(all_label)}</option>']
        items += [f'<option value="{attr(v)}">{text(label)} ({n})</option>' for v, label, n in pairs if n]
        return "".join(items)

    region_opts = options(((_region_slug(ctx, r), r, n) for r, n in region_counts.items()), "Alle regio's")
    theme_opts = options(((t, _theme_label(ctx, t), n) for t, n in theme_counts.items()), "Alle thema's")
    year_opts = options(((str(y), str(y), n) for y, n in sorted(years.items(), reverse=True)), "Alle jaren")
    status_labels = {**STATUS_LABELS, NO_STATUS: "Onbekend"}
    status_opts = options(((s, status_labels.get(s, s), statuses.get(s, 0))
                           for s in ("lopend", "afgerond", NO_STATUS)), "Alle statussen")

    out.append(
        '<form id="kb-filter" class="kb-filter" role="search" aria-label="Praktijken filteren" hidden>\n'
        '<div class="kb-filter__field"><label for="kb-filter-region">Regio</label>'
        f'<select id="kb-filter-region" data-filter="regions" data-param="regio">{region_opts}</select></div>\n'
        '<div class="kb-filter__field"><label for="kb-filter-theme">Thema</label>'
        f'<select id="kb-filter-theme" data-filter="themes" data-param="thema">{theme_opts}</select></div>\n'
        '<div class="kb-filter__field"><label for="kb-filter-year">Startjaar</label>'
        f'<select id="kb-filter-year" data-filter="year" data-param="jaar">{year_opts}</select></div>\n'
        '<div class="kb-filter__field"><label for="kb-filter-status">Status</label>'
        f'<select id="kb-filter-status" data-filter="status" data-param="status">{status_opts}</select></div>\n'
        '<div class="kb-filter__field kb-filter__actions">'
        '<button type="reset" class="md-button">Alles tonen</button></div>\n'
        '</form>\n'
    )
    out.append(f'<p id="kb-count" class="kb-count" role="status" aria-live="polite">'
               f'{plural(len(practices), "praktijk", "praktijken")}</p>\n')
    out.append('<p id="kb-none" class="kb-none" hidden>Geen praktijken gevonden met deze keuze. '
               'Kies “Alles tonen” om de hele lijst te zien.</p>\n')
    out.append('<ul id="kb-practices" class="kb-list" markdown>')
    for p in practices:
        meta = " · ".join([_join(text(r) for r in p.region),
                           _join(text(_theme_label(ctx, t)) for t in p.themes),
                           str(p.year)] + ([text(STATUS_LABELS.get(p.status, p.status))] if p.status else []))
        out.append(
            f'<li class="kb-item" data-regions="{attr(" ".join(_region_slug(ctx, r) for r in p.region))}" '
            f'data-themes="{attr(" ".join(p.themes))}" data-year="{attr(p.year)}" '
            f'data-status="{attr(p.status or NO_STATUS)}" markdown="span">'
            f'[{md_text(p.title)}]({p.slug}.md){{ .kb-item__title }}'
            f'<span class="kb-item__meta">{meta}</span>'
            f'<span class="kb-item__desc">{text(p.description)}</span></li>'
        )
    out.append("</ul>\n")
    return "\n".join(out)


# --- regions and themes ---------------------------------------------------------------------
def _invitation(ctx: SiteContext, prefix: str, what: str) -> str:
    contribute = f" of lees op [Bijdragen]({prefix}bijdragen.md) hoe u een praktijk toevoegt" \
        if ctx.has_contributing_page else ""
    return (f"Er staan nog geen praktijken {what} in de kennisbank. Kent u een goed voorbeeld? "
            f"[Meld een praktijk aan]({prefix}aanmelden.md){contribute}.\n")


def _practices_or_invitation(practices: list, ctx: SiteContext, what: str) -> list[str]:
    """The list of a region or theme page, or an invitation to contribute when it is empty."""
    if practices:
        return [f'<p class="kb-count">{plural(len(practices), "praktijk", "praktijken")}</p>\n',
                _practice_list(practices, ctx, prefix="../praktijken/")]
    return ['<div class="kb-empty-note" markdown>\n', _invitation(ctx, "../", what), "</div>\n"]


def render_region(name: str, ctx: SiteContext) -> str:
    region = ctx.vocab.region(name)
    practices = [p for p in ctx.practices if name in p.region]
    out = [front_matter(title=name, description=f"Goede praktijken uit de arbeidsmarktregio {name}."
                        if name != "Landelijk" else "Goede praktijken die landelijk lopen.",
                        edit_url=ctx.edit_url("build_tools/vocabularies/regions.yml"))]
    out.append(f"# {md_text(name)}\n")
    out.append(f"{md_text(region.description)}\n")
    out.extend(_practices_or_invitation(
        practices, ctx, "uit deze regio" if name != "Landelijk" else "die landelijk lopen"))
    if name != "Landelijk":
        out.append("Zie ook de [landelijke praktijken](landelijk.md) en [alle regio's](index.md).\n"
                   if "Landelijk" in ctx.vocab.region_names else "Zie ook [alle regio's](index.md).\n")
    else:
        out.append("Zie ook [alle regio's](index.md).\n")
    return "\n".join(out)


def render_regions_index(ctx: SiteContext) -> str:
    cov = coverage(ctx.practices, ctx.vocab)
    out = [front_matter(title="Regio's", description="De goede praktijken per arbeidsmarktregio.", edit_url="")]
    out.append("# Regio's\n")
    regions = [n for n in ctx.vocab.region_names if n != "Landelijk"]
    out.append(f"De kennisbank ordent praktijken naar de {len(regions)} arbeidsmarktregio's. Praktijken die in het "
               "hele land lopen, staan onder *Landelijk*. Op de pagina [Dekking](../dekking.md) ziet u per regio "
               "en thema hoeveel praktijken er zijn.\n")
    out.append("| Regio | Praktijken |\n| --- | ---: |")
    for name in ctx.vocab.region_names:
        n = cov.by_region[name]
        label = f"[{md_text(name)}]({_region_slug(ctx, name)}.md)"
        out.append(f"| {label} | {n if n else 'nog geen'} |")
    out.append("")
    return "\n".join(out)


def render_theme(theme_id: str, ctx: SiteContext) -> str:
    theme = ctx.vocab.theme(theme_id)
    practices = [p for p in ctx.practices if theme_id in p.themes]
    out = [front_matter(title=theme.label, description=theme.description,
                        edit_url=ctx.edit_url("build_tools/vocabularies/themes.yml"))]
    out.append(f"# {md_text(theme.label)}\n")
    out.append(f'<p class="kb-lead">{text(theme.description)}</p>\n')
    out.extend(_practices_or_invitation(practices, ctx, "over dit thema"))
    out.append("Zie ook [alle thema's](index.md).\n")
    return "\n".join(out)


def render_themes_index(ctx: SiteContext) -> str:
    cov = coverage(ctx.practices, ctx.vocab)
    out = [front_matter(title="Thema's", description="De goede praktijken per thema.", edit_url="")]
    out.append("# Thema's\n")
    out.append("Elke praktijk hoort bij een of meer thema's.\n")
    for theme in ctx.vocab.themes:
        n = cov.by_theme[theme.id]
        out.append(f"- **[{md_text(theme.label)}]({theme.id}.md)** "
                   f"({plural(n, 'praktijk', 'praktijken') if n else 'nog geen praktijken'})  ")
        out.append(f"  {md_text(theme.description)}")
    out.append("")
    return "\n".join(out)


# --- coverage ------------------------------------------------------------------------------
def render_coverage(ctx: SiteContext) -> str:
    cov = coverage(ctx.practices, ctx.vocab)
    regions = [n for n in ctx.vocab.region_names if n != "Landelijk"]
    empty = cov.empty_regions
    out = [front_matter(title="Dekking", description="Hoeveel praktijken er per regio en per thema zijn.",
                        hide=["toc", "navigation"], search={"exclude": True}, edit_url="")]
    out.append("# Dekking\n")
    out.append(f"De kennisbank bevat {plural(cov.total, 'praktijk', 'praktijken')}. De tabel toont per "
               "arbeidsmarktregio en per thema hoeveel praktijken er zijn. Een praktijk met meer regio's of "
               "thema's telt in elk daarvan mee. Regio's zonder praktijken zijn gemarkeerd.\n")
    if empty:
        names = _join(f"[{md_text(n)}](regios/{_region_slug(ctx, n)}.md)" for n in empty)
        out.append(f'<div class="kb-empty-note" markdown>\n\n**{len(empty)} van de {len(regions)} regio\'s '
                   f"hebben nog geen praktijk:** {names}.\n\n"
                   "Kent u een goed voorbeeld uit een van deze regio's? [Meld een praktijk aan](aanmelden.md).\n\n"
                   "</div>\n")
    else:
        out.append(f"Alle {len(regions)} regio's hebben minstens één praktijk.\n")

    head = "".join(f'<th scope="col" markdown="span">[{md_text(t.label)}](themas/{t.id}.md)</th>'
                   for t in ctx.vocab.themes)
    rows = []
    for name in ctx.vocab.region_names:
        total = cov.by_region[name]
        is_empty = total == 0
        cells = []
        for t in ctx.vocab.themes:
            n = cov.matrix.get((name, t.id), 0)
            cells.append(f'<td class="kb-cell kb-cell--{"some" if n else "zero"}">{n if n else "·"}</td>')
        marker = ' <span class="kb-badge">geen praktijken</span>' if is_empty else ""
        rows.append(f'<tr class="{"kb-row--empty" if is_empty else "kb-row"}" markdown="1">'
                    f'<th scope="row" markdown="span">[{md_text(name)}](regios/{_region_slug(ctx, name)}.md)'
                    f'{marker}</th>{"".join(cells)}<td class="kb-total">{total}</td></tr>')
    foot = "".join(f'<td class="kb-total">{cov.by_theme[t.id]}</td>' for t in ctx.vocab.themes)
    out.append(
        '<div class="kb-matrix-wrap" role="region" aria-labelledby="kb-matrix-caption" tabindex="0" markdown="1">\n'
        '<table class="kb-matrix" markdown="1">\n'
        '<caption id="kb-matrix-caption">Aantal praktijken per regio (rijen) en thema (kolommen)</caption>\n'
        f'<thead markdown="1"><tr markdown="1"><th scope="col">Regio</th>{head}<th scope="col">Totaal</th></tr></thead>\n'
        f'<tbody markdown="1">\n{chr(10).join(rows)}\n</tbody>\n'
        f'<tfoot><tr><th scope="row">Totaal per thema</th>{foot}<td class="kb-total">{cov.total}</td></tr></tfoot>\n'
        "</table>\n</div>\n"
    )
    out.append("Een “·” betekent: nog geen praktijk. Op een telefoon kunt u de tabel opzij schuiven.\n")
    return "\n".join(out)


# --- what's new -----------------------------------------------------------------------------
def render_new(ctx: SiteContext) -> str:
    dated = [p for p in ctx.practices if p.last_changed is not None]
    dated.sort(key=lambda p: (p.last_changed, p.slug), reverse=True)
    recent = dated[:NEW_LIMIT]
    out = [front_matter(title="Nieuw", description="De laatst toegevoegde en bijgewerkte praktijken.",
                        search={"exclude": True}, edit_url="")]
    out.append("# Nieuw in de kennisbank\n")
    if not recent:
        out.append("Er zijn nog geen praktijken met een datum.\n")
        return "\n".join(out)
    out.append(f"De {plural(len(recent), 'praktijk', 'praktijken')} die het laatst zijn toegevoegd of bijgewerkt.\n")
    out.append('<div class="kb-practice-list" markdown>\n')
    for p in recent:
        what = "bijgewerkt" if p.updated and p.updated != p.date else "toegevoegd"
        out.append(f"- [{md_text(p.title)}](praktijken/{p.slug}.md){{ data-slug=\"{attr(p.slug)}\" }}  ")
        out.append(f"  *{what.capitalize()} op {dutch_date(p.last_changed)}* · "
                   f"{_join(md_text(r) for r in p.region)}  ")
        out.append(f"  {md_text(p.description)}")
    out.append("\n</div>\n")
    return "\n".join(out)


def render_all(ctx: SiteContext, form_page: str) -> dict[str, str]:
    """Every generated page: docs-relative path -> content."""
    pages: dict[str, str] = {}
    pages.update(render_search_pages(ctx.practices, ctx.vocab, _tmp_render(ctx)))
    pages.update(search_data_files(ctx.practices, ctx.vocab))
    for p in ctx.practices:
        pages[f"praktijken/{p.slug}.md"] = render_practice(p, ctx)
    pages["regios/index.md"] = render_regions_index(ctx)
    for name in ctx.vocab.region_names:
        pages[f"regios/{_region_slug(ctx, name)}.md"] = render_region(name, ctx)
    pages["themas/index.md"] = render_themes_index(ctx)
    for theme_id in ctx.vocab.theme_ids:
        pages[f"themas/{theme_id}.md"] = render_theme(theme_id, ctx)
    pages["dekking.md"] = render_coverage(ctx)
    pages["nieuw.md"] = render_new(ctx)
    pages["aanmelden.md"] = form_page
    return pages
