"""Lifecycle reports: figures (plotly) and the HTML / Markdown / JSON report of a system.

>>> from footprint.report import make_report
>>> rep = make_report("examples/llm.toml", samples=10_000, seed=1)   # doctest: +SKIP
>>> rep.write("report.html")                                          # doctest: +SKIP

Names are imported on first use, so that registering the ``report`` and ``compare`` commands costs the
command line nothing; plotly is imported only when figures are made.
"""

from __future__ import annotations

__all__ = ["Report", "make_report", "write_atomic", "FORMATS"]


def __getattr__(name: str):
    if name in __all__:
        from . import core

        return getattr(core, name)
    raise AttributeError(f"module 'footprint.report' has no attribute {name!r}")
