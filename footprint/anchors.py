"""The project's bottom-up estimate of making one accelerator, beside the published ones.

Published estimates of one accelerator disagree by up to 40x because they count different things
(die only, die + memory, the full card, a share of the server) and use different memory factors.
:func:`compare_embodied` puts each published figure (factors/embodied_anchors.csv) beside the part of
the project's estimate with the same scope, and names the assumption that explains the gap: the factor
value that would reproduce the published figure if everything else stayed as it is.
"""

from __future__ import annotations

import numpy as np

from .inventory import Context
from .inventory.hardware import _logic_die, _memory_component, _mfg, accelerator_cradle_to_gate, node_cradle_to_gate
from .registry import FactorRegistry, load_factors
from .uncertainty import DrawSource, PointSource

__all__ = ["embodied_breakdown", "compare_embodied"]


def embodied_breakdown(accelerator: str, registry: FactorRegistry | None = None, samples: int = 20000,
                       seed: int | None = 0) -> dict:
    """Cradle-to-gate gwp of one accelerator [kgCO2e] by scope, with p5/p95 from ``samples`` draws.

    Scopes: ``die_only`` (logic dies), ``die_memory`` (+ memory), ``card`` (+ package, board, heatsink),
    ``card_server_share`` (+ the host node without accelerators / accelerators per node).
    """
    reg = registry or load_factors()
    acc = reg.accelerator(accelerator)

    def scopes(src):
        ctx = Context(reg, src)
        die = _logic_die(ctx, ctx.f(acc["die_area"]), acc["process_node"].value).get("gwp", 0.0)
        gb = ctx.f(acc["memory"])
        mem_factor = _mfg(ctx, _memory_component(acc.attributes.get("memory_type", "")), "gwp")
        mem = gb * mem_factor
        card = accelerator_cradle_to_gate(ctx, acc)["gwp"]
        nodes = sorted({f.keys["node"] for f in reg.rows("nodes")
                        if f.keys.get("component_kind") == "accelerator" and f.keys.get("component") == acc.id})
        share = 0.0
        if nodes:
            node = reg.node(next((n for n in nodes if n.startswith(("dgx", "hgx"))), nodes[0]))
            per = next(f.value for k, _, q, f in node.components if k == "accelerator" and q == "count")
            share = node_cradle_to_gate(ctx, node)["gwp"] / per
        return {"die_only": die, "die_memory": die + mem, "card": card, "card_server_share": card + share,
                "_memory": mem, "_memory_gb": gb, "_die_cm2": acc["die_area"].value / 100}

    point = scopes(PointSource())
    out = {k: {"value": float(v)} for k, v in point.items()}
    if samples:
        draws = scopes(DrawSource(samples, np.random.default_rng(seed)))
        for k, v in draws.items():
            arr = np.broadcast_to(np.asarray(v, dtype=float), (samples,))
            out[k]["p5"], out[k]["p95"] = (float(x) for x in np.percentile(arr, (5, 95)))
    out["_accelerator"] = acc.id
    return out


def compare_embodied(accelerator: str, registry: FactorRegistry | None = None, samples: int = 20000,
                     seed: int | None = 0):
    """Published estimates beside the project's estimate of the same scope (a pandas DataFrame).

    Columns: tool, scope, published_kgco2e, ours_kgco2e, ours_p5, ours_p95, ratio (published / ours),
    within_range, explanation, source.
    """
    import pandas as pd

    reg = registry or load_factors()
    ours = embodied_breakdown(accelerator, reg, samples, seed)
    acc_id = ours["_accelerator"]
    anchors = [f for f in reg.rows("embodied_anchors") if f.keys.get("accelerator") in (acc_id, "")]
    mem_gb, die_cm2 = ours["_memory_gb"]["value"], ours["_die_cm2"]["value"]
    recs = []
    for a in anchors:
        scope = a.keys["scope"]
        o = ours[scope]
        pub = a.value
        rest = o["value"] - ours["_memory"]["value"]
        if scope == "die_only":
            why = (f"logic-die factor: the published figure implies {pub / die_cm2:.2f} kgCO2e/cm2 for "
                   f"{die_cm2:.2f} cm2 of die; ours uses {o['value'] / die_cm2:.2f} (fab grid, gas abatement and yield differ)")
        elif pub > rest and mem_gb > 0:
            implied = (pub - rest) / mem_gb
            why = (f"memory factor: with everything else as ours, the published figure implies {implied:.2f} kgCO2e/GB "
                   f"of memory ({mem_gb:g} GB); ours uses {ours['_memory']['value'] / mem_gb:.2f} kgCO2e/GB")
        else:
            why = "the published figure is below our estimate without memory: it leaves out parts we count (board, package, heatsink or memory)"
        if not a.keys.get("accelerator"):
            why = "a generic per-GPU constant, the same for every accelerator; " + why
        within = ("p5" in o) and (o["p5"] <= pub <= o["p95"])
        recs.append(dict(tool=a.keys["tool"], scope=scope, published_kgco2e=pub, ours_kgco2e=o["value"],
                         ours_p5=o.get("p5"), ours_p95=o.get("p95"), ratio=pub / o["value"] if o["value"] else np.nan,
                         within_range=within, explanation=why, source=a.source, notes=a.notes))
    return pd.DataFrame.from_records(recs), ours
