"""Resolve a system spec against the factor tables: every lookup done once, before any arithmetic.

:func:`resolve` turns a validated :class:`~footprint.spec.SystemSpec`, a :class:`~footprint.registry.FactorRegistry`
and the measured runs the spec names (plain data, read from the ledger beforehand by :mod:`footprint.lifecycle`)
into a frozen :class:`~footprint.model.system.System`: data centers, fleets with the embodied description of their
hardware, and phases with their work and power source. Unknown or contradictory inputs are a
:class:`~footprint.errors.SpecError` naming the field; every alias resolved and fallback used is a note.
(The split between loading data and calculating follows bw2calc's: Mutel 2017, "Brightway: an open source
framework for life cycle assessment", JOSS 2(12):236.)
"""

from __future__ import annotations

from collections.abc import Mapping

from .hardware import resolve_fleet
from .phases import resolve_inference, resolve_training
from .sites import resolve_site
from .system import MeasuredRun, System

__all__ = ["resolve"]


def resolve(spec, registry, runs: Mapping[str, MeasuredRun] | None = None, grid_basis: str | None = None) -> System:
    """The resolved description of ``spec``.

    Parameters
    ----------
    spec : SystemSpec
        A validated spec.
    registry : FactorRegistry
    runs : mapping of str to MeasuredRun, optional
        The runs named by ``run = "ID"`` in training phases, keyed by the id as the spec writes it.
    grid_basis : {"lifecycle", "direct"}, optional
        The basis of every data center's grid intensity (default: each data center's ``grid_basis``, else
        life-cycle).

    Returns
    -------
    System

    Raises
    ------
    SpecError
        A key no table holds, an ambiguous alias, a phase that cannot be evaluated, a run that was not read.
    """
    notes: list[str] = []

    def note(text: str) -> None:
        if text and text not in notes:
            notes.append(text)

    runs = dict(runs or {})
    fleets = {name: resolve_fleet(spec, registry, name, note) for name in spec.fleets}
    sites = {}
    for fl in fleets.values():
        if fl.site not in sites:
            sites[fl.site] = resolve_site(spec, registry, fl.site, note, grid_basis)
    phases = [resolve_training(spec, registry, ph, fleets[spec.fleet_of(ph)], runs, note,
                               sites[fleets[spec.fleet_of(ph)].site]) for ph in spec.training]
    phases += [resolve_inference(spec, registry, ph, fleets[spec.fleet_of(ph)], note) for ph in spec.inference]
    return System(spec.name, sites, fleets, tuple(phases), tuple(notes))
