"""Impact Framework manifests (Green Software Foundation, `if-run` of the npm package @grnsft/if, manifest format of
IF 1.x): a tree of children, each with time-stamped observations, and a pipeline that sums them.

Every parameter a manifest carries has ``parameter-metadata`` with an ``aggregation-method`` of ``sum`` over time and
components, so that IF adds energies and emissions up the tree instead of keeping the last value. Energies are in kWh,
emissions in gCO2e (IF's ``carbon`` convention). :func:`to_yaml` writes the small YAML subset a manifest needs (no
dependency).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence

__all__ = ["PARAMETERS", "manifest", "to_yaml"]

#: The parameters footprint writes into manifests: name -> (unit, description).
PARAMETERS = {
    "energy": ("kWh", "energy at the meter (IT energy x PUE), summed over the components"),
    "cpu/energy": ("kWh", "CPU energy measured or modelled by footprint"),
    "gpu/energy": ("kWh", "GPU energy measured or modelled by footprint"),
    "memory/energy": ("kWh", "memory energy measured or modelled by footprint"),
    "carbon-operational": ("gCO2e", "operational emissions: energy x location-based grid intensity"),
    "carbon-embodied": ("gCO2e", "the amortised share of making, shipping and disposing of the hardware"),
    "carbon": ("gCO2e", "operational + embodied emissions"),
    "water": ("L", "water consumed: on-site cooling, electricity generation, fabrication, metal extraction"),
}


def _meta(names: Sequence[str]) -> dict:
    return {n: {"unit": PARAMETERS[n][0], "description": PARAMETERS[n][1],
                "aggregation-method": {"time": "sum", "component": "sum"}} for n in names}


def manifest(name: str, description: str, children: Mapping[str, Sequence[Mapping]]) -> dict:
    """An IF manifest of ``children`` {child name: [observation, ...]}; an observation has ``timestamp`` (ISO 8601),
    ``duration`` [s] and any of :data:`PARAMETERS`. The pipeline's ``Sum`` plugins write ``energy`` from the
    component energies (when it is not given) and ``carbon`` from ``carbon-operational`` + ``carbon-embodied``; their
    ``parameter-metadata`` declares every parameter with ``sum`` aggregation, and IF aggregates ``energy``,
    ``carbon`` and ``water`` over time and up the tree."""
    used = sorted({k for obs in children.values() for o in obs for k in o if k in PARAMETERS})
    for obs in children.values():
        for o in obs:
            for k, v in o.items():
                if isinstance(v, float) and not math.isfinite(v):
                    raise ValueError(f"observation {k} = {v} is not finite")
    components = [k for k in ("cpu/energy", "gpu/energy", "memory/energy") if k in used]
    steps = []  # (plugin name, inputs, output)
    if components and "energy" not in used:
        steps.append(("sum-energy", components, "energy"))
    if "carbon-operational" in used and "carbon-embodied" in used:
        steps.append(("sum-carbon", ["carbon-operational", "carbon-embodied"], "carbon"))
    outputs = [out for _, _, out in steps]
    if not steps and used:  # nothing to compute: a plugin still declares how IF aggregates each parameter
        steps.append(("sum-energy", [used[0]], used[0]))
    plugins = {}
    for i, (plugin, inputs, output) in enumerate(steps):
        meta = {"inputs": _meta(sorted(set(used) | set(inputs)) if i == 0 else inputs), "outputs": _meta([output])}
        plugins[plugin] = {"method": "Sum", "path": "builtin",
                           "config": {"input-parameters": inputs, "output-parameter": output},
                           "parameter-metadata": meta}
    pipeline = {"compute": [p for p, _, _ in steps]} if steps else {}
    metrics = [m for m in ("energy", "carbon", "water") if m in used or m in outputs]
    tree = {"children": {c: ({"pipeline": pipeline} if pipeline else {}) | {"inputs": [dict(o) for o in obs]}
                         for c, obs in children.items()}}
    out = {"name": name, "description": description, "tags": None}
    if metrics:
        out["aggregation"] = {"metrics": metrics, "type": "both"}
    out["initialize"] = {"plugins": plugins}
    out["tree"] = tree
    return out


def _scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(float(v)) if isinstance(v, float) else str(v)
    return json.dumps(str(v))  # a JSON string is a YAML double-quoted scalar


def to_yaml(doc, indent: int = 0) -> str:
    """The YAML text of a manifest (mappings, sequences of mappings or scalars, scalars)."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(doc, Mapping):
        for k, v in doc.items():
            key = json.dumps(str(k)) if any(c in str(k) for c in ":#{}[],&*?|<>=!%@`'\"") else str(k)
            if isinstance(v, (Mapping, list, tuple)) and v:
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(v, indent + 1))
            else:
                lines.append(f"{pad}{key}: {_scalar(v) if not isinstance(v, (Mapping, list, tuple)) else ('{}' if isinstance(v, Mapping) else '[]')}")
    else:
        for item in doc:
            if isinstance(item, Mapping) and item:
                body = to_yaml(item, indent + 1).splitlines()
                lines.append(f"{pad}- {body[0].lstrip()}")
                lines += body[1:]
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)
