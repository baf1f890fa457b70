"""Helpers shared by the subcommands: settings, failures, problem reports and the prompts of
the ``new`` commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

import click

from ..settings import Settings

if TYPE_CHECKING:  # the loader imports YAML; commands that don't load practices skip it
    from ..load import LoadResult
    from ..meetings.load import MeetingsResult
    from ..model import Problem

pass_settings = click.pass_obj

#: The last line when invalid content stops a command.
RETRY = "Los de problemen op en probeer het opnieuw ('kennisbank validate' toont ze ook)."


class Failure(click.ClickException):
    """A command cannot go on: every message becomes a line 'Fout: …' on stderr, then the
    command exits with ``exit_code``. Library errors (:class:`KennisbankError`) become one of
    these in one place, :meth:`build_tools.cli.LazyGroup.invoke`."""

    def __init__(self, *messages: str, exit_code: int = 1):
        super().__init__("\n".join(messages))
        self.messages = list(messages)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        for message in self.messages:
            click.echo(f"Fout: {message}", err=True)


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def problem_count(problems: Sequence[Problem]) -> str:
    """'N problemen in M bestanden': the start of every problem summary."""
    files = len({p.path for p in problems})
    return f"{plural(len(problems), 'probleem', 'problemen')} in {plural(files, 'bestand', 'bestanden')}"


def problems_summary(result: LoadResult, meetings: MeetingsResult | None = None) -> str:
    problems = result.problems + (meetings.problems if meetings else [])
    checked = plural(result.files, 'praktijk', 'praktijken')
    if meetings is not None and meetings.files:
        checked += f" en {plural(meetings.files, 'bijeenkomst', 'bijeenkomsten')}"
    if not problems:
        return f"{checked} gecontroleerd: alles in orde."
    return f"{problem_count(problems)} ({checked} gecontroleerd)."


def echo_problems(problems: Iterable[Problem], *, err: bool = False, fmt: str = "text") -> None:
    for problem in problems:
        click.echo(problem.format_github() if fmt == "github" else problem.format(), err=err)


def stop_for_problems(problems: Sequence[Problem], *lines: str) -> NoReturn:
    """Every problem on stderr, then ``lines`` (the summary), and exit 1."""
    echo_problems(problems, err=True)
    for line in lines:
        click.echo(line, err=True)
    raise click.exceptions.Exit(1)


def load_shown(settings: Settings) -> LoadResult:
    """Load the practices, with progress on a terminal (see :mod:`build_tools.cli.progress`)."""
    from ..load import load
    from .progress import shown

    with shown() as progress:
        return load(settings.practices, progress=progress)


def load_valid(settings: Settings) -> LoadResult:
    """Load the practices; on problems print them all to stderr and exit 1."""
    result = load_shown(settings)
    if result.problems:
        stop_for_problems(result.problems, problems_summary(result), RETRY)
    return result


def load_valid_with_meetings(settings: Settings) -> tuple[LoadResult, MeetingsResult]:
    """Load the practices and the meetings; on problems in either print them all and exit 1."""
    from ..meetings.load import load_meetings_for

    result = load_shown(settings)
    meetings = load_meetings_for(result, settings.meetings)
    if result.problems or meetings.problems:
        stop_for_problems(result.problems + meetings.problems, problems_summary(result, meetings), RETRY)
    return result, meetings


# --- the questions of ``new`` and ``new-meeting`` -------------------------------------------

@dataclass(frozen=True)
class Question:
    """One question of an interactive ``new`` command: the answer for ``field``."""

    field: str
    text: str
    #: the typed text -> the clean value; raises AnswerError (shown, and the question asked again)
    check: Callable[[str], Any]
    #: an empty answer is allowed and leaves the field out (not asked at all with --yes)
    optional: bool = False
    #: a numbered list shown before the question: (heading, the shown options)
    choices: Callable[[], tuple[str, list[str]]] | None = None
    #: asked only when this holds for the answers so far
    when: Callable[[dict[str, Any]], bool] = lambda answers: True
    #: a question that asks in its own way (several prompts): called with the answers so far
    ask: Callable[[dict[str, Any]], None] | None = None


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


def show_choices(heading: str, options: list[str]) -> None:
    click.echo(heading, err=True)
    width = len(str(len(options)))
    for number, shown in enumerate(options, start=1):
        click.echo(f"  {number:>{width}}. {shown}", err=True)


def ask_missing(questions: Iterable[Question], answers: dict[str, Any], *, skip_optional: bool = False) -> None:
    """Ask every question whose field has no answer yet, in order, checking each answer as it
    is typed; a non-empty answer goes into ``answers``."""
    for question in questions:
        if question.field in answers or (question.optional and skip_optional) or not question.when(answers):
            continue
        if question.ask is not None:
            question.ask(answers)
            continue
        if question.choices is not None:
            show_choices(*question.choices())

        def check(text: str, question: Question = question) -> Any:
            if question.optional and not text.strip():
                return None
            return question.check(text)

        value = click.prompt(question.text, err=True, default="" if question.optional else None,
                             show_default=False, value_proc=checked_answer(check))
        if value not in (None, "", []):
            answers[question.field] = value


def check_options(given: dict[str, Any], check: Callable[[str, Any], Any], answers: dict[str, Any],
                  slug: str | None, check_slug: Callable[[str], str]) -> str | None:
    """The answers given as options (into ``answers``, in order: ``check`` may look at the
    earlier ones) and the slug, each checked before anything is asked: a script gets every
    problem at once (:class:`Failure`, one line per problem). Returns the checked slug."""
    from ..scaffold import AnswerError

    problems: list[str] = []
    for name, value in given.items():
        if value in (None, "", []):
            continue
        try:
            answers[name] = check(name, value)
        except AnswerError as exc:
            problems.extend(f"{name}: {m}" for m in exc.messages)
    if slug is not None:
        try:
            slug = check_slug(slug)
        except AnswerError as exc:
            problems.extend(f"slug: {m}" for m in exc.messages)
    if problems:
        raise Failure(*problems)
    return slug


def refuse_missing(missing: Iterable[str], flags: dict[str, str]) -> None:
    """With --yes every required answer must be an option: name the missing ones."""
    names = [flags.get(name, f"--{name}") for name in missing]
    if names:
        raise Failure("met --yes moeten alle verplichte antwoorden als optie worden gegeven; ontbreekt: "
                      + ", ".join(names))
