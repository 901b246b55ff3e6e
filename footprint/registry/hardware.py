"""Hardware lookups: accelerators, CPUs and node archetypes by id or unambiguous alias; data center operators'
PUE and WUE."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import AmbiguousKeyError, UnknownKeyError
from .factor import Factor, Hardware
from .keys import normalise, suggest

__all__ = ["HardwareLookups", "REFERENCE_HOST_PREFIXES"]

#: Node archetypes preferred as the host of an accelerator given without ``node``: the vendor's reference
#: systems (NVIDIA DGX, then HGX) before a cloud instance type; among equals, the first id in order.
REFERENCE_HOST_PREFIXES = ("dgx", "hgx")


class HardwareLookups:
    """Hardware lookups of :class:`~footprint.registry.FactorRegistry` (a mixin: it uses ``rows``)."""

    def resolve_id(self, kind: str, key: str, ids: Iterable[str]) -> tuple[str, str]:
        """Resolve an id or an unambiguous short name (``h100-sxm``) among ``ids`` to ``(id, note)``: the ids holding
        every token of the name, and among them those with the fewest other tokens.

        Raises :class:`AmbiguousKeyError` listing the choices when several ids match, :class:`UnknownKeyError`
        with suggestions when none does.
        """
        ids = sorted(set(ids))
        k = normalise(key)
        if k in ids:
            return k, ""
        tokens = [t for t in k.split("-") if t]
        if tokens:
            exact = [i for i in ids if set(tokens) <= set(i.split("-"))]
            if exact:  # a fully named SKU wins over its variants (a100-sxm4-80gb over a100-sxm4-80gb-500w)
                fewest = min(len(set(i.split("-")) - set(tokens)) for i in exact)
                exact = [i for i in exact if len(set(i.split("-")) - set(tokens)) == fewest]
            pool = exact or [i for i in ids if all(any(p.startswith(t) for p in i.split("-")) for t in tokens)]
            if len(pool) == 1:
                return pool[0], f"{kind} {key!r} resolved to {pool[0]!r}"
            if len(pool) > 1:
                raise AmbiguousKeyError(kind, key, pool)
        raise UnknownKeyError(kind, key, suggest(k, ids), hint=f"List them with `footprint factors list --table {kind}s`.")

    def _hardware(self, kind: str, table: str, key: str) -> Hardware:
        rows = self.rows(table)
        hid, note = self.resolve_id(kind, key, (f.keys[kind] for f in rows))
        mine = [f for f in rows if f.keys[kind] == hid]
        attrs = {k: v for f in mine for k, v in f.keys.items() if v and k != kind}
        return Hardware(kind, hid, {f.quantity: f for f in mine}, attrs, note=note)

    def accelerator(self, key: str) -> Hardware:
        """An accelerator by id (``nvidia-h100-sxm5-80gb``) or unambiguous alias (``h100-sxm``).

        Quantities: ``tdp`` [W], ``die_area`` [mm2], ``dies`` [count], ``process_node`` [nm], ``memory`` [GB]
        (``attributes["memory_type"]``), and others where published. An ambiguous alias (``a100``) raises
        :class:`AmbiguousKeyError` listing the choices.
        """
        return self._hardware("accelerator", "accelerators", key)

    def cpu(self, key: str) -> Hardware:
        """A server CPU by id or unambiguous alias: ``tdp`` [W], ``cores``, ``die_area`` [mm2] ..."""
        return self._hardware("cpu", "cpus", key)

    def node(self, key: str) -> Hardware:
        """A node archetype: node-level factors plus its components (kind, id, quantity, factor)."""
        rows = self.rows("nodes")
        nid, note = self.resolve_id("node", key, (f.keys["node"] for f in rows))
        mine = [f for f in rows if f.keys["node"] == nid]
        own = {f.quantity: f for f in mine if f.keys.get("component_kind") == "node"}
        comps = tuple((f.keys["component_kind"], f.keys.get("component", ""), f.quantity, f)
                      for f in mine if f.keys.get("component_kind") != "node")
        return Hardware("node", nid, own, components=comps, note=note)

    def nearest_process_node(self, node_nm: float, quantity: str | None = None) -> str | None:
        """The process node [nm, as manufacture.csv writes it: ``"7"``] of the logic-die rows (of ``quantity``, else
        of any) nearest to ``node_nm``, the smaller on a tie; None when the table has no such row."""
        nodes = sorted({float(f.keys["process_node"]) for f in self.rows("manufacture")
                        if f.keys.get("component") == "logic_die" and f.keys.get("process_node")
                        and (quantity is None or f.quantity == quantity)})
        return f"{min(nodes, key=lambda n: (abs(n - node_nm), n)):g}" if nodes else None

    def reference_host(self, accelerator_id: str) -> str | None:
        """The node archetype that hosts ``accelerator_id`` when a fleet names no node: among the archetypes
        built around it, a vendor reference system (:data:`REFERENCE_HOST_PREFIXES`) first; None when no
        archetype holds it."""
        matches = sorted({f.keys["node"] for f in self.rows("nodes")
                          if f.keys.get("component_kind") == "accelerator" and f.keys.get("component") == accelerator_id})
        for prefix in REFERENCE_HOST_PREFIXES:
            for m in matches:
                if m.startswith(prefix):
                    return m
        return matches[0] if matches else None

    def datacenter(self, provider: str, quantity: str) -> Factor:
        """PUE (``quantity="pue"``, [ratio]) or on-site WUE (``"wue"``, [L/kWh]) of an operator or archetype
        (``provider`` may be an alias of providers.csv: ``gcp`` -> ``google``)."""
        rows = [f for f in self.rows("datacenters") if f.quantity == quantity]
        if not rows:
            raise UnknownKeyError("data-center quantity", quantity, ["pue", "wue"])
        try:
            p, _ = self.provider(provider)
        except UnknownKeyError:
            p = normalise(provider)
        for f in rows:
            if f.keys.get("provider") == p:
                return f
        raise UnknownKeyError("data-center provider", provider, suggest(p, sorted({f.keys["provider"] for f in rows})))
