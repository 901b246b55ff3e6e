"""Phases given by their work: the device-hours of a training run from its FLOPs, the busy time of a request from
its tokens.

Training (factors/accelerators.csv peak dense FLOP/s, factors/mfu.csv):

    FLOPs        = flops, or 6 x N x D                      (Kaplan et al. 2020, arXiv:2001.08361, Sec. 2.1; N the
                                                             active parameters, D the training tokens; attention
                                                             FLOPs left out)
    device-hours = FLOPs / (peak dense FLOP/s at the precision x u x 3600)

with u the phase's ``mfu`` or else the *effective* MFU of published runs, pooled over the accelerator's family ->
generation -> vendor -> all (:mod:`.pooling`): 6ND / (published device-hours x 3600 x peak), so that restarts,
evaluation and failed runs that published hours include are in it.

Inference (factors/inference_throughput.csv), per request, in busy accelerator-seconds:

- a measured throughput of the same accelerator and precision for a model within 2x of the phase's parameters
  (MLPerf Inference, ML.ENERGY), scaled by parameters_measured / parameters (decode reads every weight once per
  token), is preferred: seconds = output tokens / tokens per second;
- else the roofline: decode is bound by memory bandwidth, seconds = output tokens x N_active x bytes per parameter /
  (bandwidth x batch efficiency), the batch efficiency (achieved / weights-only roofline) pooled from the measured
  rows; prefill is bound by FLOPs, seconds = input tokens x 2 N_active / (peak x prefill MFU).

A replica needs the accelerators that hold 1.2 x its weights at the precision, rounded up to a power of two (the
rule of EcoLogits' methodology, genai-impact/ecologits docs/methodology/llm_inference.md); a phase given fewer is an
error.
"""

from __future__ import annotations

import math

from ..errors import SpecError
from ..uncertainty import Param
from .pooling import between_variance, ladder, pool, prior_variance
from .system import Term, field_name, from_factor, given

__all__ = ["MAX_MFU", "PRECISIONS", "BYTES_PER_PARAMETER", "MEMORY_OVERHEAD", "default_precision", "training_device_hours", "mfu_estimate",
           "replica_accelerators", "request_seconds"]

#: The most an effective MFU can be [fraction]: a run cannot do more than the accelerator's peak FLOP/s.
MAX_MFU = 1.0

#: Precisions a phase may name, and the bytes of one weight at each.
BYTES_PER_PARAMETER = {"fp32": 4.0, "tf32": 4.0, "bf16": 2.0, "fp16": 2.0, "fp8": 1.0, "fp4": 0.5}
PRECISIONS = tuple(BYTES_PER_PARAMETER)

#: Memory a model takes per byte of weights (EcoLogits' 1.2: activations, KV cache, runtime).
MEMORY_OVERHEAD = 1.2


def _peak(reg, acc, precision: str, where: str) -> Param:
    key = f"peak_flops_{precision}"
    if acc.get(key) is None:
        have = sorted(k.removeprefix("peak_flops_") for k in acc.factors if k.startswith("peak_flops_"))
        raise SpecError(f"{where}.precision = {precision!r}: accelerators.csv has no peak dense FLOP/s of {acc.id} at "
                        f"{precision}" + (f"; it has {', '.join(have)}" if have else "; give device_hours or hours"))
    return from_factor(acc[key])


def mfu_estimate(reg, accelerator_id: str, exclude=()) -> Param:
    """The effective MFU [fraction] of a new run on ``accelerator_id``: the published runs of mfu.csv pooled over
    the accelerator's family ladder (lognormal); ``exclude`` leaves runs out by their ``run`` id (leave-one-out)."""
    rows = [f for f in reg.rows("mfu") if f.quantity == "effective_mfu" and f.keys.get("run") not in set(exclude)]
    groups: dict = {}
    for f in rows:
        groups.setdefault(f.keys["accelerator_family"], []).append(math.log(f.value))
    s02 = prior_variance(list(groups.values()))
    for level, group, member in ladder(reg, accelerator_id, "give device_hours, hours or mfu"):
        hit = {fam: xs for fam, xs in groups.items() if member(fam)}
        if hit:
            fams = list(hit.values()) if level != "family" else []

            p = pool(hit, level, group, s02, between_variance(fams, s02) if fams else s02)
            ids = [f.factor_id for f in rows if f.keys["accelerator_family"] in hit]
            name = f"mfu.{group.replace(' ', '-')}.effective_mfu"
            info = {"factor_id": name, "unit": "fraction", "year": None, "license": "fair-use (facts from publication)",
                    "url": "factors/mfu.csv", "fallback_level": level, "kind": "factor",
                    "source": f"pooled from {len(ids)} published run(s) in mfu.csv: " + ", ".join(ids),
                    "note": "" if level == "family" else f"no published run of the accelerator's family: {level} level",
                    "pooled": tuple(ids)}
            if p.high <= MAX_MFU:
                return Param(name, p.median, p.low, p.high, "lognormal", info)
            # an MFU cannot reach 1, and no published run comes near (0.14-0.55): the pooled lognormal is
            # truncated there (conditioned below 1), not censored (which would pile draws at an MFU of 1)
            info["note"] = "; ".join(x for x in (info["note"], f"pooled 90% {p.low:.2f}-{p.high:.2f} before the bound") if x)
            return Param(name, min(p.median, MAX_MFU), p.low, p.high, "lognormal", info, upper=MAX_MFU, truncate=True)
    raise SpecError("mfu.csv has no published effective MFU; give device_hours, hours or mfu")


def default_precision(acc, given_precision: str | None, where: str, note) -> str:
    """The phase's precision, else bf16, else fp16 on an accelerator without bf16 (V100, T4: mixed precision in
    fp16), with a note."""
    if given_precision is not None:
        return given_precision
    if acc.get("peak_flops_bf16") is None and acc.get("peak_flops_fp16") is not None:
        note(f"{where}: {acc.id} has no bf16: the work runs at fp16 (give precision to choose)")
        return "fp16"
    return "bf16"


def training_device_hours(reg, ph, acc, note, exclude=()) -> Term:
    """Device-hours [h] of one repeat of a training phase given by its work (module docstring)."""
    where = f"training.{ph.name}"
    precision = default_precision(acc, ph.precision, where, note)
    peak = _peak(reg, acc, precision, where)
    if ph.mfu is not None:
        mfu = given(field_name("training", ph.name, "mfu"), ph.mfu, "fraction")
    else:
        mfu = mfu_estimate(reg, acc.id, exclude)
        value, low, high = mfu.bounded
        note(f"{where}: effective MFU {value:.2f} ({low:.2f}-{high:.2f}) of published runs "
             f"({mfu.info['fallback_level']} level, {mfu.name}); give mfu to set it")
    if ph.flops is not None:
        return Term((given(field_name("training", ph.name, "flops"), ph.flops, "FLOP"),), 1.0 / 3600.0, "work",
                    (peak, mfu))
    n_field = "active_parameters" if ph.active_parameters is not None else "parameters"
    n = given(field_name("training", ph.name, n_field), getattr(ph, n_field), "count")
    d = given(field_name("training", ph.name, "tokens"), ph.tokens, "count")
    return Term((n, d), 6.0 / 3600.0, "work", (peak, mfu))


def replica_accelerators(parameters: float, precision: str, memory_gb: float) -> int:
    """Accelerators one replica needs: 1.2 x weights [GB] / memory per accelerator [GB], rounded up to a power of
    two (EcoLogits' rule)."""
    need = MEMORY_OVERHEAD * parameters * BYTES_PER_PARAMETER[precision] / 1e9 / memory_gb
    return 1 if need <= 1 else 2 ** math.ceil(math.log2(need))


#: The batch size from which a phase matches MLPerf's offline and server runs rather than a ``batch-N`` row: those
#: runs batch several hundred sequences (about 800 in the v4.1 Llama 2 70B results: factors/README.md).
MLPERF_BATCH = 512

#: A measured throughput of one configuration, for another serving stack on the same hardware: x/÷ this (a judgement:
#: the spread of the batch regimes of one model on one accelerator in inference_throughput.csv is far wider).
ONE_CONFIGURATION_SPREAD = 1.5


def _regime(batch: int):
    """Does a row's ``batch_or_scenario`` match a phase's batch size?"""
    return (lambda s: s.startswith("mlperf-")) if batch >= MLPERF_BATCH else (lambda s: s == f"batch-{batch}")


def _measured(reg, acc_id: str, precision: str, parameters: float, batch: int | None) -> list:
    rows = [f for f in reg.rows("inference_throughput") if f.quantity == "tokens_per_second"
            and f.keys.get("accelerator") == acc_id and f.keys.get("precision", "").removeprefix("mx") == precision
            and f.keys.get("parameters") and 0.5 <= float(f.keys["parameters"]) / parameters <= 2.0
            and "maxq" not in f.keys.get("batch_or_scenario", "")]  # power-capped runs are not a default throughput
    if batch is not None:
        rows = [f for f in rows if _regime(batch)(f.keys.get("batch_or_scenario", ""))]
    return rows


def _throughput_param(name: str, values: list[float], ids: list[str], note_text: str) -> Param:
    lo, hi = min(values), max(values)
    if hi <= lo * 1.0001:  # one configuration
        lo, hi = lo / ONE_CONFIGURATION_SPREAD, hi * ONE_CONFIGURATION_SPREAD
        note_text += f"; one configuration: range x/÷ {ONE_CONFIGURATION_SPREAD:g} (a judgement)"
    info = {"factor_id": name, "unit": "tokens/s", "year": None, "license": "fair-use (facts from publication)",
            "url": "factors/inference_throughput.csv", "fallback_level": "measured", "kind": "factor",
            "source": "measured: " + ", ".join(ids), "note": note_text, "pooled": tuple(ids)}
    return Param(name, math.sqrt(lo * hi), lo, hi, "lognormal", info)


def _batch_efficiency(reg, batch: int | None) -> Param:
    """The batch efficiency of the measured serving runs at ``batch`` (all batch sizes when none was measured at it,
    or none is given: the Param's source and note say which)."""
    every = [f for f in reg.rows("inference_throughput") if f.quantity == "batch_efficiency"]
    rows = [f for f in every if _regime(batch)(f.keys.get("batch_or_scenario", ""))] if batch is not None else []
    matched = bool(rows)
    rows = rows or every
    groups: dict = {}
    for f in rows:
        groups.setdefault(f.keys["accelerator"], []).append(math.log(f.value))
    s02 = prior_variance(list(groups.values()))

    p = pool(groups, "all", "measured serving runs", s02, between_variance(list(groups.values()), s02))
    info = {"factor_id": "infer.batch_efficiency", "unit": "ratio", "year": None,
            "license": "fair-use (facts from publication)", "url": "factors/inference_throughput.csv",
            "fallback_level": "all", "kind": "factor",
            "source": f"pooled from {len(rows)} measured serving run(s) in inference_throughput.csv"
                      + (f" at batch {batch}" if matched else " (all batch sizes)"),
            "note": "achieved decode tokens/s / the weights-only memory roofline"
                    + (f"; no measured run at batch {batch}: all batch sizes pooled" if batch and not matched else ""),
            "pooled": tuple(f.factor_id for f in rows)}
    return Param("infer.batch_efficiency" + (f".batch-{batch}" if matched else ""), p.median, p.low, p.high,
                 "lognormal", info)


def request_seconds(reg, ph, acc, note) -> tuple[Term, ...]:
    """Busy accelerator-seconds of one request of a serving phase given by its work (module docstring)."""
    where = f"inference.{ph.name}"
    precision = default_precision(acc, ph.precision, where, note)
    if precision not in BYTES_PER_PARAMETER:
        raise SpecError(f"{where}.precision = {precision!r}: give one of {', '.join(PRECISIONS)}")
    out_tokens = given(field_name("inference", ph.name, "tokens_per_request"), ph.tokens_per_request, "count")
    active = ph.active_parameters or ph.parameters
    rows = _measured(reg, acc.id, precision, ph.parameters, ph.batch_size)
    if rows:
        scale = [float(f.keys["parameters"]) / ph.parameters for f in rows]
        tps = _throughput_param(f"infer.{acc.id}.{precision}.tokens_per_second", [f.value * k for f, k in zip(rows, scale)],
                                [f.factor_id for f in rows],
                                "scaled by measured parameters / the phase's (decode reads every weight per token)")
        note(f"{where}: throughput from {len(rows)} measured run(s) of {acc.id} at {precision} "
             f"({tps.value:,.0f} tokens/s per accelerator, {tps.low:,.0f}-{tps.high:,.0f}); their prefill is inside")
        return (Term((out_tokens,), 1.0, "decode", (tps,)),)
    if acc.get("memory_bandwidth") is None:
        raise SpecError(f"{where}: accelerators.csv has no memory bandwidth of {acc.id}; give "
                        "tokens_per_second_per_accelerator or energy_wh_per_request")
    n_active = given(field_name("inference", ph.name, "active_parameters" if ph.active_parameters else "parameters"),
                     active, "count")
    eff = _batch_efficiency(reg, ph.batch_size)
    bw = from_factor(acc["memory_bandwidth"])
    bpp = BYTES_PER_PARAMETER[precision]
    terms = [Term((out_tokens, n_active), bpp / 1e9, "decode", (bw, eff))]
    note(f"{where}: throughput from the memory roofline of {acc.id} x a batch efficiency of measured serving runs "
         f"({eff.value:.3g}, {eff.low:.3g}-{eff.high:.3g}; {eff.info['note']}); give tokens_per_second_per_accelerator "
         "to set it")
    if ph.input_tokens_per_request:
        peak = _peak(reg, acc, precision, where)
        prefill = from_factor(reg.find("inference_throughput", "mfu", batch_or_scenario="prefill"))
        inp = given(field_name("inference", ph.name, "input_tokens_per_request"), ph.input_tokens_per_request, "count")
        terms.append(Term((inp, n_active), 2.0, "prefill", (peak, prefill)))
    return tuple(terms)
