"""Running the ``footprint`` command in-process (typer's CliRunner), with a working directory and environment."""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@contextmanager
def _cwd(path):
    old = os.getcwd()
    if path is not None:
        os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run_cli(*args, cwd=None, env=None) -> Result:
    """``footprint ARGS...`` in this process: exit status, stdout and stderr as a subprocess would give them."""
    from typer.testing import CliRunner

    from footprint.cli import app

    with _cwd(cwd):
        r = CliRunner(env=env).invoke(app, [str(a) for a in args], catch_exceptions=False)
    return Result(r.exit_code, r.stdout, r.stderr)
