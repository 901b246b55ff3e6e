"""A lifecycle report: the estimate of a system and the tables, figures and documents made from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import FootprintError
from ..files import write_atomic
from . import data

__all__ = ["Report", "make_report", "write_atomic", "FORMATS"]

#: Output formats and their file suffixes.
FORMATS = {"html": ".html", "md": ".md", "json": ".json"}


@dataclass
class Report:
    """A system's estimate and the report tables derived from it (see :func:`make_report`).

    ``tables`` holds pandas DataFrames (or None where a section does not apply): headline, equivalents,
    stages, sankey, timeline, water, materials, drivers, measured_runs, placement, assumptions, use_inputs, risk,
    labor, sci.
    """

    spec: Any
    estimate: Any
    tables: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.estimate.name

    def figures(self) -> dict:
        """The plotly figures of the report, in the order they appear, by section id."""
        from . import figures as F

        t = self.tables
        figs = {"stages": F.stages_figure(t["stages"]), "sankey": F.sankey_figure(t["sankey"])}
        if t["timeline"] is not None and len(t["timeline"]):
            figs["timeline"] = F.timeline_figure(t["timeline"])
        if len(t["materials"]):
            figs["materials"] = F.materials_figure(t["materials"])
        if len(t["risk"]):
            figs["risk"] = F.risk_figure(t["risk"])
        figs["water"] = F.water_figure(t["water"])
        if self.estimate.draws.get("gwp") is not None and self.estimate.samples > 0:
            figs["distribution"] = F.distribution_figure(self.estimate.draws, self.estimate.total)
        if t["drivers"] is not None and len(t["drivers"]):
            figs["drivers"] = F.drivers_figure(t["drivers"])
        if t["placement"] is not None and len(t["placement"]):
            figs["placement"] = F.placement_figure(t["placement"])
        return figs

    def to_html(self) -> str:
        """One self-contained HTML document (plotly.js embedded once; no network needed to open it)."""
        from .html import render_html

        return render_html(self)

    def to_markdown(self) -> str:
        """A Markdown summary for a pull request or a model card (tables, no figures)."""
        from .markdown import render_markdown

        return render_markdown(self)

    def to_json(self, **kw) -> str:
        """The estimate's JSON contract (:meth:`footprint.Estimate.to_json`), with ``sci`` when the report has it."""
        import json

        doc = self.estimate.to_dict()
        if self.tables.get("sci") is not None:
            doc["sci"] = self.tables["sci"].to_dict(orient="records")
        return json.dumps(doc, allow_nan=False, **kw)

    def render(self, fmt: str = "html") -> str:
        if fmt not in FORMATS:
            raise FootprintError(f"unknown report format {fmt!r}; valid: {', '.join(FORMATS)}")
        return {"html": self.to_html, "md": self.to_markdown, "json": lambda: self.to_json(indent=2)}[fmt]()

    def write(self, path, fmt: str | None = None) -> Path:
        """Write the report to ``path`` (format from ``fmt`` or the suffix; html by default), atomically:
        a temporary file in the same directory renamed over ``path``, so nothing is half-written."""
        p = Path(path)
        if fmt is None:
            fmt = next((k for k, s in FORMATS.items() if p.suffix.lower() == s), "html")
        return write_atomic(p, self.render(fmt))


def make_report(spec, samples: int = 10_000, seed: int | None = None, sensitivity: bool = True,
                sensitivity_samples: int = 512, registry=None, progress=None, ledger=None, grid_basis=None,
                sci_unit: str | None = None) -> Report:
    """Estimate a system and build its lifecycle report.

    Parameters
    ----------
    spec : SystemSpec, dict, or path of a TOML file
    samples : int
        Monte Carlo draws for the 90% ranges and the distribution of the total (0: point estimate only).
    seed : int, optional
        Random seed (the same seed gives the same report).
    sensitivity : bool
        Rank the factors that drive each total (Sobol total-order index); adds about a second.
    sensitivity_samples : int
        Base sample size of the Sobol estimator.
    progress : callable(done, total), optional
        Called after each Monte Carlo chunk (e.g. a rich progress bar).
    ledger : str, Path or Ledger, optional
        Where the runs named by ``run = "ID"`` are read (once, before the estimate).
    grid_basis : {"lifecycle", "direct"}, optional
        The basis of the grid intensities (default: each data center's, else life-cycle).
    sci_unit : str, optional
        A functional unit for a Software Carbon Intensity section (``request``, ``1k-tokens``, ``training-token``
        or ``UNIT=COUNT``; :func:`footprint.scores.sci`).

    Returns
    -------
    Report
    """
    from ..lifecycle import estimate
    from ..registry import load_factors
    from ..scores import sci
    from ..spec import as_spec

    sp = as_spec(spec)
    reg = registry or load_factors()
    est = estimate(sp, samples=samples, seed=seed, registry=reg, sensitivity=sensitivity,
                   sensitivity_samples=sensitivity_samples, progress=progress, ledger=ledger, grid_basis=grid_basis)
    res = est.results
    tables = {
        "headline": data.headline(est),
        "equivalents": data.equivalents(est.total, reg),
        "stages": data.stage_matrix(res),
        "sankey": data.sankey_links(res, "gwp"),
        "timeline": data.use_timeline(est.system, res),
        "water": data.water_split(est),
        "materials": data.materials_table(est.materials, reg),
        "drivers": data.drivers(est.sensitivity, "gwp") if sensitivity else None,
        "measured_runs": data.measured_runs(est.system),
        "placement": data.training_placement(est),
        "assumptions": data.assumptions_table(est.assumptions),
        "use_inputs": est.use_inputs,
        "risk": data.risk_table(est.risk),
        "labor": data.labor_table(est.labor),
        "sci": (sci(sp, sci_unit, est, samples, seed, ledger, grid_basis) if sci_unit is not None else None),
    }
    return Report(sp, est, tables)
