"""``kennisbank search``."""

from __future__ import annotations

import re
import sys

import click

from ..settings import Settings
from .common import pass_settings, plural
from .terminal import echo, json_text, printable

_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)


@click.command(
    # "-woord" excludes a word, so unknown options are passed on as words, and this command has
    # no one-letter options (click would read "-amsterdam" as "-a -m -s ...").
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
    help="""Zoek in de praktijken en bijeenkomsten (ook zonder internet).

Typ gewoon de woorden die je zoekt; meervouden, andere vormen en ontbrekende accenten worden
gevonden ('financiele werkgevers' vindt 'financiële werkgever'). Resultaten met meer van de
woorden staan bovenaan. Bij elk resultaat staat of het een praktijk of een bijeenkomst is;
--type praktijk of --type bijeenkomst toont alleen die soort. Concepten (draft: true) worden
nooit gevonden.

\b
Zoekvraag:
  beschut werk        praktijken met een of meer van de woorden
  "beschut werk"      precies deze woorden achter elkaar
  statushouders -amsterdam
                      zonder praktijken waarin 'amsterdam' voorkomt
  werk*               woorden die met 'werk' beginnen

Filters: --region, --theme en --type mag je herhalen (een van deze); verschillende filters
moeten allemaal kloppen. Bij een bijeenkomst tellen de organisatoren als organisaties en het
jaar van de datum als jaar. Regio's en thema's mag je schrijven zoals in de praktijken (hoofdletters,
afkortingen en thema-namen mogen).

De zoekindex wordt eerst bijgewerkt als er praktijken of bijeenkomsten zijn veranderd. Ongeldige bestanden
worden overgeslagen (met een waarschuwing); 'kennisbank validate' toont wat er mis is.

Afsluitcode 0: gezocht (met of zonder resultaten); 2: verkeerd gebruik.""")
@click.argument("query", nargs=-1, metavar="ZOEKVRAAG")
@click.option("--region", "regions", multiple=True, metavar="REGIO",
              help="Alleen praktijken in deze arbeidsmarktregio (herhaal voor meer regio's).")
@click.option("--theme", "themes", multiple=True, metavar="THEMA",
              help="Alleen praktijken met dit thema (id of naam; herhaal voor meer thema's).")
@click.option("--organisation", metavar="ORGANISATIE",
              help="Alleen praktijken van een organisatie met deze naam (of een deel ervan).")
@click.option("--year", type=click.IntRange(1900, 2200), metavar="JAAR", help="Alleen praktijken die in dit jaar zijn gestart.")
@click.option("--since", type=click.IntRange(1900, 2200), metavar="JAAR", help="Alleen praktijken die in of na dit jaar zijn gestart.")
@click.option("--type", "types", multiple=True, metavar="SOORT",
              help="Alleen deze soort: praktijk of bijeenkomst (herhaal voor beide).")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, metavar="N",
              help="Toon hoogstens N resultaten.")
@click.option("--json", "as_json", is_flag=True, help="Uitvoer als JSON (voor scripts).")
@pass_settings
def search(settings: Settings, query: tuple[str, ...], regions, themes, organisation, year, since, types,
           limit: int, as_json: bool) -> None:
    # Unknown options are let through so that "-woord" can exclude a word; a "--something"
    # that is not an option of this command is still a usage error.
    for word in query:
        if word.startswith("--") and len(word) > 2:
            raise click.UsageError(f"Onbekende optie '{word}'. Zoek je het woord zelf? Zet de zoekvraag "
                                   f"dan tussen aanhalingstekens.")
    text = " ".join(query).strip()
    if not text and not (regions or themes or organisation or year or since or types):
        raise click.UsageError("Geef een zoekvraag, bijvoorbeeld: kennisbank search \"beschut werk\".")

    import search as search_lib

    try:
        result = search_lib.search(settings.practices, settings.index, text, regions=regions,
                                   themes=themes, organisation=organisation, year=year, since=since,
                                   types=types, limit=limit, meetings=settings.meetings)
    except search_lib.UnknownFilterValueError as exc:
        option = {"region": "--region", "theme": "--theme", "organisation": "--organisation",
                  "type": "--type"}[exc.kind]
        raise click.UsageError(f"{option}: {exc}") from None

    report = result.index_report
    if report is not None:
        if report.reason:
            echo(report.reason, err=True)
        if report.skipped:
            click.echo(f"Let op: {plural(report.skipped, 'ongeldig bestand', 'ongeldige bestanden')} "
                       "overgeslagen; 'kennisbank validate' toont de problemen.", err=True)

    if as_json:
        sys.stdout.write(json_text(result.to_dict()) + "\n")
        sys.stdout.flush()
        return
    print_result(result, with_meetings=settings.meetings is not None, types=types)


# The result is printed with click's styles, not Rich: importing Rich is a third of a cold
# search (see BENCHMARKS.md, "Zoeken"). Every content value goes through ``printable`` (control
# codes made visible); click.echo drops the styles when the output is not a terminal.

def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """The contract's snippet (``<b>`` around matches, HTML-escaped) as (text, matched) parts."""
    import html

    parts = []
    pos = 0
    for match in _BOLD.finditer(snippet):
        parts.append((html.unescape(snippet[pos:match.start()]), False))
        parts.append((html.unescape(match.group(1)), True))
        pos = match.end()
    parts.append((html.unescape(snippet[pos:]), False))
    return parts


_WORD_OR_SPACE = re.compile(r"\S+|\s+")


def wrap_words(parts, width: int) -> list[list[tuple[str, object]]]:
    """Words of ``parts`` ((text, style) pairs) filled greedily into lines of at most ``width``
    characters; a longer word is cut. A word may span parts ("<b>werkgever</b>."). Each line is
    a list of (text, style), spaces included."""
    words: list[list[tuple[str, object]]] = []
    glue = False  # the next piece continues the last word
    for text, style in parts:
        for match in _WORD_OR_SPACE.finditer(printable(text)):
            piece = match.group()
            if piece[0].isspace():
                glue = False
            elif glue:
                words[-1].append((piece, style))
            else:
                words.append([(piece, style)])
                glue = True
    lines: list[list[tuple[str, object]]] = []
    line: list[tuple[str, object]] = []
    used = 0
    for word in words:
        size = sum(len(text) for text, _style in word)
        if line and used + 1 + size > width:
            lines.append(line)
            line, used = [], 0
        if line:
            line.append((" ", None))
            used += 1
        for text, style in word:
            while used + len(text) > width and used < width or len(text) > width:
                room = width - used
                line.append((text[:room], style))
                lines.append(line)
                line, used, text = [], 0, text[room:]
            if text:
                line.append((text, style))
                used += len(text)
    if line:
        lines.append(line)
    return lines


def _width() -> int:
    import shutil

    return shutil.get_terminal_size().columns  # $COLUMNS, else the terminal, else its fallback


def print_indented(parts, indent: int = 3) -> None:
    """Print (text, style) parts wrapped to the terminal, every line indented. A style is a dict
    of :func:`click.style` options (or None)."""
    for line in wrap_words(parts, max(20, _width() - indent)):
        click.echo(" " * indent + "".join(click.style(text, **style) if style else text for text, style in line))


def print_line(parts) -> None:
    """One paragraph of (text, style) parts, wrapped to the terminal."""
    print_indented(parts, indent=0)


BOLD = {"bold": True}
TITLE = {"bold": True, "fg": "cyan"}
DIM = {"dim": True}
MATCH = {"bold": True, "fg": "yellow"}


#: How each kind of hit is named (singular, plural).
TYPE_NAMES = {"praktijk": ("praktijk", "praktijken"), "bijeenkomst": ("bijeenkomst", "bijeenkomsten")}


def _found_head(result) -> str:
    """"3 praktijken gevonden", "2 bijeenkomsten gevonden" or "5 resultaten gevonden (3 praktijken,
    2 bijeenkomsten)"."""
    counts = result.facets.get("type") or {"praktijk": result.total}
    if len(counts) == 1:
        kind = next(iter(counts))
        return plural(result.total, *TYPE_NAMES.get(kind, ("resultaat", "resultaten"))) + " gevonden"
    parts = ", ".join(plural(counts[kind], *TYPE_NAMES[kind]) for kind in TYPE_NAMES if kind in counts)
    return f"{plural(result.total, 'resultaat', 'resultaten')} gevonden: {parts}"


def _nothing_found(types, with_meetings: bool) -> str:
    if set(types) == {"bijeenkomst"}:
        what = "bijeenkomsten"
    elif set(types) == {"praktijk"} or not with_meetings:
        what = "praktijken"
    else:
        what = "praktijken of bijeenkomsten"
    return f"Geen {what} gevonden. Probeer andere of minder woorden, of minder filters."


def _meta(hit, labels) -> str:
    themes = ", ".join(labels.get(t, t) for t in hit.themes)
    if hit.type == "bijeenkomst":
        import datetime as dt

        from ..meetings.agenda import dutch_date

        day = dutch_date(dt.date.fromisoformat(hit.date)) if hit.date else str(hit.year)
        return " · ".join(part for part in ("Bijeenkomst", day, ", ".join(hit.region), themes) if part)
    return " · ".join(["Praktijk", ", ".join(hit.region), themes, str(hit.year)])


def print_result(result, *, with_meetings: bool = False, types=()) -> None:
    """The result for a reader; ``with_meetings``: meetings were searched too (the wording says so)."""
    labels = result.theme_labels  # stored with the index: no vocabulary files to read
    if not labels:
        from ..vocabulary import default_vocabulary

        labels = {t.id: t.label for t in default_vocabulary().themes}
    for note in result.notes:
        print_line([(note, None)])
    if result.suggestion:
        print_line([("Bedoelde je: ", None), (result.suggestion + "?", BOLD)])
    if not result.total:
        if result.query.strip() or not result.notes:
            print_line([(_nothing_found(types, with_meetings), None)])
        return
    shown = len(result.hits)
    head = _found_head(result)
    if shown < result.total:
        head += f" (de beste {shown} getoond; meer met --limit)"
    print_line([(head + ".", BOLD)])
    for number, hit in enumerate(result.hits, start=1):
        click.echo()
        print_line([(f"{number}. ", BOLD), (hit.title, TITLE)])
        print_indented([(_meta(hit, labels), DIM)])
        print_indented([(text, MATCH if matched else None) for text, matched in snippet_parts(hit.snippet)])
        hint = f"kennisbank show {hit.slug}" if hit.type != "bijeenkomst" else hit.path
        print_indented([(hint, DIM)])
    click.echo()
    regions = ", ".join(f"{name} ({n})" for name, n in result.facets["region"].items())
    themes = ", ".join(f"{labels.get(t, t)} ({n})" for t, n in result.facets["themes"].items())
    print_line([("Per regio: ", BOLD), (regions, None)])
    print_line([("Per thema: ", BOLD), (themes, None)])
    kinds = result.facets.get("type") or {}
    if len(kinds) > 1:
        per_type = ", ".join(f"{TYPE_NAMES[kind][1]} ({kinds[kind]})" for kind in TYPE_NAMES if kind in kinds)
        print_line([("Per soort: ", BOLD), (per_type, None)])
