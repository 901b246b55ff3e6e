"""Lifecycle reports: figures (plotly) and the HTML / Markdown / JSON report of a system.

>>> from footprint.report import make_report
>>> rep = make_report("examples/llm.toml", samples=10_000, seed=1)   # doctest: +SKIP
>>> rep.write("report.html")                                          # doctest: +SKIP

plotly is imported only when figures are made.
"""

from __future__ import annotations

from .core import FORMATS, Report, make_report, write_atomic

__all__ = ["Report", "make_report", "write_atomic", "FORMATS"]
