"""Compare variants of a system with the one Monte Carlo engine.

How it stays fast (10,000 scenarios in seconds): scenarios are grouped by their *structural* overrides (region,
hardware, provider, phase work ... anything that changes which factors are looked up). Each group is resolved once;
the *numeric* overrides that the resolved system takes as user inputs (PUE, WUE, grid and water intensities,
lifetime, utilisation, embodied overrides, device-hours, power, energy) become arrays with one element per scenario,
found by the parameter name of their spec field (:func:`footprint.model.system.field_name`). With draws, the
scenarios of a group share the draws of every factor (common random numbers): a second axis. A group of one
scenario is evaluated exactly as :func:`footprint.estimate` evaluates it, so the same spec and seed give the same
p5/p95 in both.
"""

from __future__ import annotations

import numpy as np

from ..errors import SpecError
from ..model import STAGES, evaluate, resolve
from ..model.estimate import draws_model
from ..model.montecarlo import CHUNK, simulate
from ..model.results import use_inputs
from ..model.system import field_name
from ..uncertainty import PointSource
from ..units import CRITERIA
from .paths import coerce, copy_data, parse_scenario, resolve_path, scenarios, set_path

__all__ = ["compare", "ScenarioSource", "VECTOR_FIELDS", "BLOCK"]

#: Numeric fields that a resolved system reads as user inputs with no control flow on their value, so that one
#: evaluation can take an array of them (one element per scenario).
VECTOR_FIELDS = {
    "datacenters": {"pue", "wue_l_per_kwh", "grid_kgco2e_per_kwh", "electricity_water_l_per_kwh"},
    "fleets": {"lifetime_years", "utilization", "embodied_kgco2e_per_accelerator", "embodied_kgco2e_per_node"},
    "training": {"device_hours", "hours", "accelerator_power_w", "power_w", "energy_kwh"},
    "inference": set(),  # days and requests feed the busy <= reserved check: one resolution per value
}

#: Largest draws x scenarios block evaluated at once [elements per quantity].
BLOCK = 1_000_000


class ScenarioSource(PointSource):
    """Answers the vectorised user inputs with one value per scenario (float64, shape ``(S,)``, or ``(1, S)`` with
    draws) and, with ``n`` draws, every uncertain factor with draws of shape ``(n, 1)`` -- drawn in the order a
    :class:`~footprint.uncertainty.DrawSource` draws them, from the same generator."""

    def __init__(self, arrays: dict, n: int = 0, rng=None):
        super().__init__()
        self.n, self.rng = n, rng
        self.arrays = {k: (np.asarray(v, dtype=np.float64)[None, :] if n else v) for k, v in arrays.items()}
        self.cache: dict = {}

    def _value(self, p):
        if p.name in self.arrays:
            return self.arrays[p.name]
        if self.n and p.uncertain:
            if p.name not in self.cache:
                self.cache[p.name] = p.draw(self.rng, self.n)[:, None]
            return self.cache[p.name]
        return p.value


def _sums(rows, shape) -> tuple[dict, dict]:
    """Totals per criterion and sums per (stage, criterion), broadcast to ``shape``."""
    tot: dict = {}
    stage: dict = {}
    for r in rows:
        v = np.broadcast_to(np.asarray(r.value, dtype=np.float64), shape)
        tot[r.criterion] = tot.get(r.criterion, 0.0) + v
        stage[(r.stage, r.criterion)] = stage.get((r.stage, r.criterion), 0.0) + v
    return tot, stage


def _ranges(system, arrays: dict, S: int, samples: int, seed) -> dict:
    """{criterion: (p5 (S,), p95 (S,))} of a group from ``samples`` draws, in blocks of scenarios; a group of one
    scenario (no arrays) through the estimate's own Monte Carlo model."""
    if not arrays:
        quants, _ = simulate(draws_model(system), samples, seed)
        return {k[1]: tuple(np.array([p]) for p in q.percentiles((5, 95))) for k, q in quants.items() if k[0] == "total"}
    per = max(1, BLOCK // min(samples, CHUNK))
    lo, hi = {}, {}
    for a in range(0, S, per):
        b = min(S, a + per)
        block = {k: v[a:b] for k, v in arrays.items()}

        def model(src, width=b - a):
            rows, _ = evaluate(system, src, metal_fates=False)
            tot, _ = _sums(rows, (src.n, width))
            return {("total", c): v for c, v in tot.items()}

        quants, _ = simulate(model, samples, seed, source=lambda n, rng, block=block: ScenarioSource(block, n, rng))
        for (_, c), q in quants.items():
            p5, _, p95 = q.percentiles()
            lo.setdefault(c, np.empty(S))[a:b] = p5
            hi.setdefault(c, np.empty(S))[a:b] = p95
    return {c: (lo[c], hi[c]) for c in lo}


def _runs_for(spec, runs: dict, ledger) -> dict:
    """The measured runs ``spec`` names, read once across all scenarios."""
    missing = [ph.run for ph in spec.training if ph.run is not None and ph.run not in runs]
    if missing:
        from ..lifecycle import read_runs

        runs.update(read_runs(spec, ledger))
    return runs


def compare(base_spec, variants, samples: int = 1000, seed: int | None = None, registry=None, figure: bool = True,
            progress=None, ledger=None, grid_basis=None):
    """Compare variants of a system.

    Parameters
    ----------
    base_spec : SystemSpec, dict, or path of a TOML file
    variants : dict {name: {dotted path: value}} or list of {dotted path: value}
        Overrides of the base spec (:mod:`footprint.scenarios.paths`). A path that is not in the spec is a
        :class:`~footprint.errors.SpecError` naming it; values are validated like the spec.
    samples : int
        Monte Carlo draws per scenario for p5/p95 (default 1,000; 0: point values only, p5 = p95 = value).
    seed : int, optional
        Random seed; every scenario sees the same draws of the factors it shares with the others.
    figure : bool
        Also return the plotly figure (grouped bars with error bars); ``None`` otherwise.
    progress : callable(done, total), optional
        Called after each group of scenarios with the number of scenarios evaluated so far.
    ledger : str, Path or Ledger, optional
        Where the runs named by ``run = "ID"`` are read (once).
    grid_basis : {"lifecycle", "direct"}, optional
        The basis of the grid intensities of every scenario (default: each data center's, else life-cycle).

    Returns
    -------
    df : pandas.DataFrame
        One row per scenario and criterion: scenario, one column per varied path, criterion, value, p5, p95, unit,
        and the point value of each stage (extraction ... end_of_life) [criterion's unit].
    fig : plotly Figure or None
    """
    import pandas as pd

    from ..registry import load_factors
    from ..spec import as_spec
    from .figure import compare_figure

    if samples < 0:
        raise SpecError(f"samples must be >= 0, got {samples}")
    base = as_spec(base_spec)
    reg = registry or load_factors()
    scen = scenarios(variants)
    if not scen:
        raise SpecError("no scenario: give at least one variant")
    paths = list(dict.fromkeys(p for _, ov in scen for p in ov))
    info = {}
    for p in paths:
        keys, tp = resolve_path(base, p)
        vec = keys[-1] in VECTOR_FIELDS.get(keys[0], set())
        owner = getattr(base, keys[0])[keys[1]].name if keys[0] in ("training", "inference") else keys[1]
        info[p] = (keys, tp, field_name(keys[0], owner, keys[-1]) if vec else None)
    data = base.model_dump(exclude_none=True)
    values = [{p: coerce(p, info[p][1], v) for p, v in ov.items()} for _, ov in scen]

    def spec_of(i: int, overrides: dict):
        d = copy_data(data)
        for p, v in overrides.items():
            set_path(d, info[p][0], v)
        return parse_scenario(scen[i][0], d)

    S_all = len(scen)
    crits = list(CRITERIA)
    value = {c: np.zeros(S_all) for c in crits}
    p5 = {c: np.zeros(S_all) for c in crits}
    p95 = {c: np.zeros(S_all) for c in crits}
    stages = {(s, c): np.zeros(S_all) for s in STAGES for c in crits}
    runs: dict = {}
    base_inputs = _inputs(use_inputs(resolve(base, reg, _runs_for(base, runs, ledger), grid_basis)))
    inputs: list[dict] = [{} for _ in range(S_all)]
    implicit: list[str] = []
    pending = [(tuple(p for p in paths if info[p][2] is None), list(range(S_all)))]
    done = 0
    while pending:
        structural, members = pending.pop(0)
        groups: dict = {}
        for i in members:
            key = (tuple(sorted((p, repr(v)) for p, v in values[i].items() if p in structural)),
                   tuple(sorted(p for p in values[i] if p not in structural)))
            groups.setdefault(key, []).append(i)
        for (_, vec_paths), idx in groups.items():
            spec = spec_of(idx[0], values[idx[0]])
            for p in vec_paths:  # each distinct value of a vectorised path is validated like the spec
                for v in {repr(values[i][p]): values[i][p] for i in idx}.values():
                    spec_of(idx[0], {**values[idx[0]], p: v})
            system = resolve(spec, reg, _runs_for(spec, runs, ledger), grid_basis)
            asked = PointSource()
            evaluate(system, asked)
            missing = [p for p in vec_paths if info[p][2] not in asked.params]
            if missing and len(idx) > 1:  # the resolved system does not read them as inputs: resolve per value
                pending.append((tuple(structural) + tuple(missing), idx))
                continue
            arrays = {} if len(idx) == 1 else {info[p][2]: np.array([float(values[i][p]) for i in idx]) for p in vec_paths}
            group_inputs = _inputs(use_inputs(system))
            implicit += _implicit(group_inputs, base_inputs, values[idx[0]], info, [scen[i][0] for i in idx])
            for i in idx:
                inputs[i] = {k: v["value"] for k, v in group_inputs.items()}
                inputs[i].update(_given_inputs(values[i], info))
            rows, _ = evaluate(system, ScenarioSource(arrays), metal_fates=False)
            tot, stage = _sums(rows, (len(idx),))
            ranges = _ranges(system, arrays, len(idx), samples, seed) if samples else {}
            ix = np.asarray(idx)
            for c in crits:
                value[c][ix] = tot.get(c, 0.0)
                p5[c][ix], p95[c][ix] = ranges.get(c, (value[c][ix], value[c][ix]))
            for (s, c), arr in stage.items():
                stages[(s, c)][ix] = arr
            done += len(idx)
            if progress:
                progress(done, S_all)
    input_cols = list(dict.fromkeys(k for ins in inputs for k in ins))
    recs = {"scenario": [], **{p: [] for p in paths}, "criterion": [], "value": [], "p5": [], "p95": [], "unit": [],
            **{s: [] for s in STAGES}, **{k: [] for k in input_cols}}
    for i, (name, _) in enumerate(scen):
        for c in crits:
            recs["scenario"].append(name)
            for p in paths:
                recs[p].append(values[i].get(p))
            recs["criterion"].append(c)
            recs["value"].append(value[c][i])
            recs["p5"].append(p5[c][i])
            recs["p95"].append(p95[c][i])
            recs["unit"].append(CRITERIA[c])
            for s in STAGES:
                recs[s].append(stages[(s, c)][i])
            for k in input_cols:
                recs[k].append(inputs[i].get(k))
    df = pd.DataFrame(recs)
    df.attrs["implicit_changes"] = implicit_lines(implicit)
    return df, (compare_figure(df) if figure else None)


#: The use-stage inputs a comparison reports per scenario: (input of use_inputs, column prefix, spec field).
INPUT_COLUMNS = (("PUE", "pue", "pue"), ("grid intensity", "grid_kgco2e_per_kwh", "grid_kgco2e_per_kwh"),
                 ("power per accelerator", "power_w_per_accelerator", "accelerator_power_w"),
                 ("device-hours", "device_hours", "device_hours"))


def _inputs(frame) -> dict:
    """{column: {"value", "source", "of"}} of the inputs a comparison reports, from :func:`use_inputs`."""
    out = {}
    for r in frame.itertuples():
        for label, col, _ in INPUT_COLUMNS:
            if r.input.startswith(label):
                out[f"{col}[{r.of.split('.', 1)[1]}]"] = {"value": r.value, "source": r.source, "of": r.of,
                                                        "input": r.input}
    return out


def _given_inputs(values: dict, info: dict) -> dict:
    """The reported inputs a scenario sets itself (a vectorised PUE, grid intensity or accelerator power)."""
    out = {}
    for p, v in values.items():
        keys = info[p][0]
        for _, col, fieldname in INPUT_COLUMNS:
            if keys[-1] == fieldname:
                owner = keys[1] if keys[0] == "datacenters" else p.split(".")[1]
                out[f"{col}[{owner}]"] = float(v)
    return out


#: The spec fields whose change is the intended cause of a change of an input (a varied region changes the grid
#: intensity: that is what was asked; that it also changes the operator's PUE is not).
DRIVERS = {"pue": {"pue", "provider"}, "grid_kgco2e_per_kwh": {"grid_kgco2e_per_kwh", "region", "grid_basis"},
           "power_w_per_accelerator": {"accelerator_power_w", "power_w", "energy_kwh"},
           # a phase's own fields; another accelerator changes the device-hours of a phase given by its work, and
           # the comparison says so
           "device_hours": {"device_hours", "hours", "flops", "tokens", "parameters", "active_parameters", "mfu",
                            "precision", "tokens_per_request", "requests",
                            "tokens_per_second_per_accelerator", "batch_size", "input_tokens_per_request"}}


def _basis(source: str) -> str:
    """The basis and accounting written in a grid input's source ("lifecycle, consumption-based"), or ""."""
    return source.split("(", 1)[1].split(";")[0] if "(" in source and ";" in source else ""


def _implicit(group: dict, base: dict, overrides: dict, info: dict, names: list[str]) -> list[tuple]:
    """The inputs a group's overrides changed without naming them: another operator's PUE, a grid intensity on
    another basis or accounting, another power-share row. Returns (input, new, base) tuples with the group's
    scenarios."""
    varied = {(info[p][0][1] if info[p][0][0] == "datacenters" else p.split(".")[1], info[p][0][-1]) for p in overrides}
    out = []
    for col, g in group.items():
        b = base.get(col)
        kind, owner = col.split("[")[0], col.split("[")[1].rstrip("]")
        if b is None or g["source"] == b["source"]:
            continue
        if kind == "grid_kgco2e_per_kwh":
            if _basis(g["source"]) == _basis(b["source"]) or (owner, "grid_kgco2e_per_kwh") in varied:
                continue  # another region's intensity on the same basis: what varying the region asks
        elif any((owner, f) in varied for f in DRIVERS[kind]):
            continue
        out.append((g["of"], g["input"], g["value"], g["source"], b["value"], b["source"], tuple(names)))
    return out


def implicit_lines(found: list[tuple]) -> list[str]:
    """One sentence per implicit change, with the scenarios it concerns."""
    merged: dict = {}
    for of, inp, gv, gs, bv, bs, names in found:
        merged.setdefault((of, inp, gv, gs, bv, bs), []).extend(names)
    out = []
    for (of, inp, gv, gs, bv, bs), names in merged.items():
        change = f" ({gv / bv - 1:+.0%})" if gv is not None and bv not in (None, 0) else ""
        shown = "; ".join(names[:3]) + (f"; and {len(names) - 3} more" if len(names) > 3 else "")
        out.append(f"{of} {inp}: {_num(gv)} from {gs}, instead of {_num(bv)} from {bs}{change} -- in {len(names)} "
                   f"scenario(s): {shown}")
    return out


def _num(v) -> str:
    return "-" if v is None else f"{v:.4g}"
