"""Rows kept for reference: factor rows that no estimate reads as a model input, and why each is kept.

Every row of ``factors/`` is either read by the model for some system a spec can describe, or matched here
(tests/test_factor_use.py holds both ways). Three kinds of reference rows:

- whole tables that are read as lookups or shown, not drawn (:data:`LOOKUP_TABLES`);
- catalogue attributes: facts about a product shown by ``footprint factors show`` (:data:`CATALOGUE`);
- single rows (:data:`REFERENCE_ROWS`): measurements a default is derived from, a published figure shown beside the
  row the model uses, the per-kg basis of a per-unit row, rows of process nodes no catalogued chip is made at, and
  generation-based grid rows of regions whose consumption-based row the model prefers.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from .factor import Factor
from .keys import workload_class

__all__ = ["LOOKUP_TABLES", "CATALOGUE", "REFERENCE_ROWS", "ReferenceLookups"]

#: Tables read whole as lookups or shown as they are: {table: why}.
LOOKUP_TABLES = {
    "accelerator_families": "lookup: the family and generation of each accelerator, for pooling measured power",
    "providers": "lookup: provider names and their aliases",
    "region_groups": "lookup: which country belongs to which shipping, e-waste or grid group",
    "material_producers": "shown: the main producing countries of each metal (materials table)",
    "equivalents": "shown: everyday equivalents of a total in the report",
    "embodied_anchors": "reference: published embodied footprints the model is compared with (factors embodied)",
    "training_runs": "reference: published training runs (footprint runs compare, calibration, tests)",
    "material_risk": "lookup: the countries each risk scheme names for a metal (the risk table of an estimate)",
}

#: Catalogue attributes: (table, quantity pattern, why). The product facts ``footprint factors show`` lists.
CATALOGUE = (
    ("accelerators", "*", "catalogue: a fact about the accelerator (read where an estimate needs it)"),
    ("cpus", "*", "catalogue: a fact about the CPU (read for the CPUs of a node archetype and the fleet accounts)"),
    ("nodes", "*", "catalogue: a fact about the node archetype (read where an estimate needs it)"),
)

#: Single rows kept for reference: (table, quantity pattern, factor id pattern, why).
REFERENCE_ROWS = (
    ("labor", "pay_per_hour", "*",
     "a published pay of data work, shown for comparison: the ledger computes the pay the spec gives"),
    ("wages", "*", "wage.fr.month.*",
     "France's monthly SMIC and its hours basis: the hourly SMIC (wage.fr.hour.minimum_wage) is used"),
    ("labor", "comparisons_per_task", "*", "InstructGPT's comparisons per ranking task, for describing RLHF work"),
    ("labor", "reading_seconds_per_word", "*",
     "reading time per word, offered when a preference comparison has no published time (the spec gives it)"),
    ("mfu", "mfu", "*",
     "the step-time MFU a paper reports; device-hours use the effective MFU (published hours include restarts, "
     "evaluation and failed runs)"),
    ("inference_throughput", "energy_per_token", "*",
     "a measured energy per output token, shown beside the model's (ML.ENERGY: GPU only; MLPerf MaxQ: the system)"),
    ("inference_throughput", "tokens_per_second", "*maxq*",
     "a power-capped (MaxQ) configuration: its throughput is not a default serving throughput"),
    ("cloud_regions", "published_grid_intensity", "*",
     "the provider's own published figure, shown beside the grid intensity the model uses for the region"),
    ("datacenters", "pue", "dc.hpc.nrel-esif.pue",
     "one measured facility (NREL ESIF), shown beside the HPC typical PUE the model uses"),
    ("power_draw", "host_energy_ratio", "*",
     "a measured host share of a run's energy; the default host share (power.host.default.share) is derived from it"),
    ("manufacture", "fab_energy", "*",
     "ACT's fab electricity per cm2 of wafer, already inside the logic-die gwp row of its node"),
    ("manufacture", "*_per_kg", "mfg.psu.*",
     "the per-kg figure the per-PSU row (mfg.psu.gwp, .pe, .adpe) is derived from with the default PSU mass"),
    ("manufacture", "gwp_module", "mfg.dram.gwp_module",
     "a per-module DRAM figure (UBA 2021), a cross-check of the per-GB factor the model uses"),
    ("manufacture", "*", "mfg.hdd.*", "no catalogued node holds an HDD; read for a node row that lists one"),
    ("manufacture", "memory_density", "mfg.lpddr.*",
     "no catalogued accelerator has LPDDR; kept for the die area per GB of mobile DRAM"),
    ("end_of_life", "*", "eol.treatment.recycling.pe",
     "the end-of-life stage counts gwp only: no landfill counterpart for primary energy"),
    ("end_of_life", "*", "eol.treatment.recycling.adpe",
     "the end-of-life stage counts gwp only: no landfill counterpart for ADPe"),
    ("end_of_life", "gwp", "eol.treatment.incineration.gwp",
     "e-waste goes to recycling or landfill in the model; incineration is shown for comparison"),
    ("transport", "gwp", "transport.rail.gwp", "no route of transport.csv has a rail leg"),
    ("transport", "shipped_mass", "transport.item.*-baseboard.shipped_mass",
     "the mass of a GPU baseboard, part of its server's shipped mass (the parts' leg to a plant outside Taiwan is "
     "not modelled)"),
    ("transport", "distance", "transport.route.tw-mx.*",
     "the parts' leg from Taiwan to a Mexican assembly plant: not modelled (a fleet assembled_in MX ships from MX, "
     "with a note that this leg is left out)"),
    ("transport", "shipped_mass", "transport.item.[gc]pu_server_*.shipped_mass",
     "the class mass of a server without its own row; every catalogued node has its own"),
)


class ReferenceLookups:
    """Mixin of :class:`~footprint.registry.FactorRegistry`: :meth:`reference_only`. Uses only the registry's
    public methods (``rows``, ``nearest_process_node``)."""

    def reference_only(self, factor: Factor) -> str | None:
        """Why ``factor`` is kept although no estimate reads it as a model input, or None when it is a model input."""
        if factor.table in LOOKUP_TABLES:
            return LOOKUP_TABLES[factor.table]
        for table, quantity, why in CATALOGUE:
            if factor.table == table and fnmatchcase(factor.quantity, quantity):
                return why
        for table, quantity, pattern, why in REFERENCE_ROWS:
            if factor.table == table and fnmatchcase(factor.quantity, quantity) and fnmatchcase(factor.factor_id, pattern):
                return why
        if factor.table == "power_draw" and self._shadowed_scope(factor):
            return ("an accelerator-only measurement of a family and workload that also has host-inclusive ones (the "
                    "model pools those); it counts in the pooling prior's run-to-run variance")
        if factor.table == "grid_intensity" and self._shadowed_grid(factor):
            return ("a generation-based figure of a region whose consumption-based row (on the same basis) the model "
                    "prefers; kept to show what imports change")
        if factor.table == "manufacture" and factor.keys.get("component") == "logic_die" \
                and factor.keys.get("process_node") and factor.keys["process_node"] not in self._chip_nodes():
            return "no catalogued accelerator or CPU is made at this process node; read for chips nearest to it"
        return None

    def _shadowed_scope(self, factor: Factor) -> bool:
        if factor.quantity != "power_share":
            return False
        wl = workload_class(factor.keys.get("workload", ""))
        return any(f.quantity == "system_power_share" and f.keys.get("accelerator_family") == factor.keys.get("accelerator_family")
                   and workload_class(f.keys.get("workload", "")) == wl for f in self.rows("power_draw"))

    def _shadowed_grid(self, factor: Factor) -> bool:
        if factor.keys.get("accounting") != "generation":
            return False
        return any(f.keys.get("region") == factor.keys.get("region") and f.keys.get("basis") == factor.keys.get("basis")
                   and f.keys.get("accounting") == "consumption" for f in self.rows("grid_intensity"))

    def _chip_nodes(self) -> set:
        """The logic-die process nodes of manufacture.csv nearest to a catalogued chip's node."""
        chips = {f.value for t in ("accelerators", "cpus") if t in self.tables for f in self.rows(t)
                 if f.quantity == "process_node"}
        return {self.nearest_process_node(c) for c in chips} - {None}
