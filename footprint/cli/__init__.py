"""The ``footprint`` command: one module per command group (:mod:`.factors`, :mod:`.estimate`, :mod:`.report`,
:mod:`.compare`, :mod:`.run`, :mod:`.runs`) and one shared module (:mod:`.common`: consoles, formatting with units,
progress, output paths).

Exit statuses: 0 success; 1 a check that found problems (``factors validate``); 2 bad input (an unknown id, a missing
file, an invalid spec, an option out of range), reported as one line on stderr without a traceback. Commands import
their heavy dependencies when they run, so that ``footprint run`` starts the measured command quickly.
"""

from __future__ import annotations

from typing import Optional

import click
import typer
from typer.core import TyperGroup

from .. import __version__
from ..errors import FootprintError
from ..text import printable
from . import factors, fleet, runs
from .compare import compare_cmd
from .estimate import estimate_cmd
from .report import report_cmd
from .run import CONTEXT, run_cmd

__all__ = ["app", "main"]

class FootprintGroup(TyperGroup):
    """The root command: a :class:`~footprint.errors.FootprintError` raised by any command becomes one line on
    stderr and exit status 2 (here, so that in-process callers such as tests see the same as the shell)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FootprintError as exc:
            click.echo(f"error: {printable(exc)}", err=True)  # control characters escaped
            ctx.exit(2)


app = typer.Typer(name="footprint", help="Ecological footprint of AI systems: carbon, water and materials over the "
                  "life cycle.", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
                  cls=FootprintGroup)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"footprint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Optional[bool] = typer.Option(None, "--version", callback=_version, is_eager=True,
                                                 help="Print the version and exit.")) -> None:
    """Ecological footprint of AI systems."""


app.add_typer(factors.app, name="factors")
app.command("estimate")(estimate_cmd)
app.command("report")(report_cmd)
app.command("compare")(compare_cmd)
app.command("run", options_metavar="[OPTIONS] -- CMD [ARGS]...", context_settings=CONTEXT)(run_cmd)
app.add_typer(runs.app, name="runs")
app.add_typer(fleet.app, name="fleet")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app (a FootprintError becomes one line on stderr and exit status 2)."""
    app(args=argv, standalone_mode=True)
