"""Helpers shared by the subcommands: settings, loading with problem reports, errors."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from ..errors import KennisbankError
from ..settings import Settings

if TYPE_CHECKING:  # the loader imports YAML; commands that don't load practices skip it
    from ..load import LoadResult
    from ..meetings.load import MeetingsResult
    from ..model import Problem

pass_settings = click.pass_obj


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def problems_summary(result: LoadResult, meetings: MeetingsResult | None = None) -> str:
    problems = result.problems + (meetings.problems if meetings else [])
    checked = plural(result.files, 'praktijk', 'praktijken')
    if meetings is not None and meetings.files:
        checked += f" en {plural(meetings.files, 'bijeenkomst', 'bijeenkomsten')}"
    if not problems:
        return f"{checked} gecontroleerd: alles in orde."
    files = len({p.path for p in problems})
    return (f"{plural(len(problems), 'probleem', 'problemen')} in "
            f"{plural(files, 'bestand', 'bestanden')} ({checked} gecontroleerd).")


def echo_problems(problems: list[Problem], *, err: bool = False, fmt: str = "text") -> None:
    for problem in problems:
        click.echo(problem.format_github() if fmt == "github" else problem.format(), err=err)


def load_valid(settings: Settings) -> LoadResult:
    """Load the practices; on problems print them all to stderr and exit 1."""
    from ..load import load_practices

    result = load_practices(settings.practices)
    if result.problems:
        echo_problems(result.problems, err=True)
        click.echo(problems_summary(result), err=True)
        click.echo("Los de problemen op en probeer het opnieuw ('kennisbank validate' toont ze ook).", err=True)
        sys.exit(1)
    return result


def load_valid_with_meetings(settings: Settings) -> tuple[LoadResult, MeetingsResult]:
    """Load the practices and the meetings; on problems in either print them all and exit 1."""
    from ..load import load_practices
    from ..meetings.load import load_meetings_for

    result = load_practices(settings.practices)
    meetings = load_meetings_for(result, settings.meetings)
    if result.problems or meetings.problems:
        echo_problems(result.problems + meetings.problems, err=True)
        click.echo(problems_summary(result, meetings), err=True)
        click.echo("Los de problemen op en probeer het opnieuw ('kennisbank validate' toont ze ook).", err=True)
        sys.exit(1)
    return result, meetings


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library exceptions into a Dutch message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KennisbankError as exc:
            click.echo(f"Fout: {exc}", err=True)
            sys.exit(1)

    return wrapper


def checked_answer(check: Callable[[str], Any]) -> Callable[[str], Any]:
    """A click ``value_proc`` for the ``new`` commands: the validator's message becomes click's
    'Fout: ...' and the question is asked again."""
    from ..scaffold import AnswerError

    def proc(text: str) -> Any:
        try:
            return check(text)
        except AnswerError as exc:
            raise click.UsageError("; ".join(exc.messages)) from None

    return proc
