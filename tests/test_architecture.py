"""The layout holds: data flows one way, no import cycle, no private name crosses a module, no module over 400
lines (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "footprint"
MODULES = {".".join(p.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__"): p
           for p in PKG.rglob("*.py")}


def _imports(name: str, path: Path) -> list[tuple[str, list[str]]]:
    """(imported footprint module, names taken) for every import in a module, at any depth (lazy imports too)."""
    out = []
    pkg = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if not mod.startswith("footprint"):
                continue
            names = [a.name for a in node.names]
            subs = [f"{mod}.{n}" for n in names if f"{mod}.{n}" in MODULES]  # from . import core
            out += [(s, []) for s in subs] + [(mod, [n for n in names if f"{mod}.{n}" not in MODULES])]
        elif isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names if a.name.startswith("footprint")]
    return [(m, n) for m, n in out if m in MODULES and m != name]


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_no_import_cycle():
    edges = {m: {t for t, _ in deps} for m, deps in GRAPH.items()}
    # a package imports its submodules; a submodule that imports its own package's __init__ is not a cycle of code
    state, path = {}, []

    def visit(m):
        state[m] = "open"
        path.append(m)
        for t in sorted(edges[m]):
            if m.startswith(t + "."):
                continue
            if state.get(t) == "open":
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(t):] + [t]))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = "done"

    for m in sorted(edges):
        if m not in state:
            visit(m)


@pytest.mark.parametrize("low, high", [
    ("footprint.tracker", ("footprint.model", "footprint.lifecycle", "footprint.report", "footprint.scenarios",
                           "footprint.catalogue", "footprint.anchors", "footprint.cli")),
    ("footprint.model", ("footprint.tracker", "footprint.lifecycle", "footprint.report", "footprint.scenarios",
                         "footprint.catalogue", "footprint.cli")),
    ("footprint.registry", ("footprint.model", "footprint.spec", "footprint.tracker", "footprint.lifecycle",
                            "footprint.report", "footprint.scenarios", "footprint.cli")),
    ("footprint.report", ("footprint.cli", "footprint.tracker")),
])
def test_data_flows_one_way(low, high):
    """The tracker knows nothing of the model; the model knows nothing of the ledger or of reports; the registry
    knows nothing of specs; only footprint.lifecycle joins the ledger and the model."""
    for m, deps in GRAPH.items():
        if m == low or m.startswith(low + "."):
            bad = [t for t, _ in deps if any(t == h or t.startswith(h + ".") for h in high)]
            assert not bad, f"{m} imports {bad}"


def test_only_lifecycle_bridges_ledger_and_model():
    def reaches(m, prefix):
        return any(t == prefix or t.startswith(prefix + ".") for t, _ in GRAPH[m])

    both = [m for m in GRAPH if reaches(m, "footprint.tracker") and reaches(m, "footprint.model")]
    assert both == ["footprint.lifecycle"], both


def test_no_private_name_crosses_a_module():
    crossing = [(m, t, n) for m, deps in GRAPH.items() for t, names in deps for n in names
                if n.startswith("_") and not n.startswith("__")]
    assert not crossing, crossing


def test_no_module_over_400_lines():
    long = {m: n for m, p in MODULES.items() if (n := len(p.read_text().splitlines())) > 400}
    assert not long, long
