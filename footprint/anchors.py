"""The project's bottom-up estimate of making one accelerator, beside the published ones.

Published estimates of one accelerator disagree by up to 40x because they count different things
(die only, die + memory, the full card, a share of the server) and use different memory factors.
:func:`compare_embodied` puts each published figure (factors/embodied_anchors.csv) beside the part of
the project's estimate with the same scope, and names the assumption that explains the gap: the factor
value that would reproduce the published figure if everything else stayed as it is.
"""

from __future__ import annotations

import numpy as np

from .model.evaluate import point, terms
from .model.manufacture import accelerator_cradle_to_gate, node_cradle_to_gate
from .model.montecarlo import simulate
from .registry import FactorRegistry, load_factors

__all__ = ["embodied_breakdown", "compare_embodied"]


def embodied_breakdown(accelerator: str, registry: FactorRegistry | None = None, samples: int = 20000,
                       seed: int | None = 0) -> dict:
    """Cradle-to-gate gwp of one accelerator [kgCO2e] by scope, with p5/p95 from ``samples`` draws.

    Scopes: ``die_only`` (logic dies), ``die_memory`` (+ memory), ``card`` (+ package, board, heatsink),
    ``card_server_share`` (+ the host node without accelerators / accelerators per node).
    """
    reg = registry or load_factors()
    acc = reg.accelerator(accelerator)

    notes: list[str] = []
    c2g = accelerator_cradle_to_gate(reg, acc, notes.append)["gwp"]
    host_id = reg.reference_host(acc.id)
    share, per = (), 1.0
    if host_id is not None:
        node = reg.node(host_id)
        per = next(f.value for k, _, q, f in node.components if k == "accelerator" and q == "count")
        share = node_cradle_to_gate(reg, node, notes.append)["gwp"]
    part = lambda names: tuple(t for t in c2g if t.part in names)
    memory = part({"memory"})
    die = part({"logic die"})
    wafer = float(die[0].dies * die[0].wafer_cm2_per_good_die(point)) if die else 0.0
    gb = memory[0].params[0].value if memory else 0.0

    def scopes(v):
        die, mem = terms(part({"logic die"}), v), terms(memory, v)
        card = terms(c2g, v)
        return {"die_only": die, "die_memory": die + mem, "card": card, "card_server_share": card + terms(share, v) / per,
                "_memory": mem, "_memory_gb": gb, "_die_cm2": acc["die_area"].value / 100, "_wafer_cm2": wafer}

    out = {k: {"value": float(v)} for k, v in scopes(point).items()}
    if samples:
        model = lambda src: {k: np.broadcast_to(np.asarray(v, dtype=np.float32), (src.n,)) for k, v in scopes(src).items()}
        quants, _ = simulate(model, samples, seed)
        for k, q in quants.items():
            p5, _, p95 = q.percentiles()
            out[k]["p5"], out[k]["p95"] = p5, p95
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
            wafer = ours["_wafer_cm2"]["value"]
            why = (f"logic-die yield and factor: the published figure implies {pub / die_cm2:.2f} kgCO2e per cm2 of "
                   f"die for {die_cm2:.2f} cm2; ours counts the {wafer:.1f} cm2 of wafer each good die takes (dies per "
                   f"wafer with edge loss, defect-density yield), {o['value'] / wafer:.2f} kgCO2e per cm2 of wafer "
                   f"({o['value'] / die_cm2:.2f} per cm2 of die)")
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
