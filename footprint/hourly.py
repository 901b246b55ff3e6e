"""Hourly grid intensity: the shipped modelled profiles (factors/hourly/), the zone of a data center, the
overlap-weighted intensity of a job or of a measured run's checkpoint intervals (:func:`energy_weighted_ratio`),
and the Flexible Start / Pause and Resume what-ifs of fleet accounting.

The data (factors/hourly/, documented in docs/fleet.md): ``profiles_eia930_2022.csv`` gives, for 8 US balancing
authorities and two bases (life-cycle, direct), the ratio of each (calendar month, UTC hour) cell to the zone's
annual mean, derived from EIA-930 2022 hourly generation (MODELLED: a typical day per month, not a measured year);
``zones.csv`` their licence and provenance; ``zone_map.csv`` which regions and cloud regions draw on which zone.
An hour's intensity is the ratio of its cell x the data center's annual factor (the resolved site's grid
intensity, with its uncertainty), so that a flat load gets the annual factor and the profile adds the shape.

A job's intensity ratio over its run [s, s + d) [h] is overlap-weighted: (S(s + d) - S(s)) / d, with S the running
sum of the hourly ratios (each hour weighted by the part of it the job ran); a job of no duration takes its start
hour's ratio.

What-ifs (Dodge et al. 2022, "Measuring the carbon intensity of AI in cloud instances", FAccT '22, sec. 5), at
hour granularity (a job from its start hour h0 for D = max(1, round(d)) whole hours), upper bounds of what
carbon-aware scheduling could save:

- Flexible Start: the job starts at h0 + k for the best k in 0..N: ratio min_k mean(r[h0+k : h0+k+D]);
- Pause and Resume: the job runs D of the D + N hours from h0, pausing in the N dirtiest: ratio = (sum of the D
  smallest r in the window) / D.

The saving of each is the baseline ratio mean(r[h0 : h0+D]) minus the what-if's (never negative).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = ["Zone", "HourlyData", "load_hourly", "hourly_dir", "zone_of", "HourlySeries", "build_series",
           "energy_weighted_ratio"]


def hourly_dir() -> Path:
    """factors/hourly/ (footprint/_factors/hourly/ in a wheel)."""
    from .registry import default_factors_dir

    return default_factors_dir() / "hourly"


@dataclass(frozen=True)
class Zone:
    """A zone with hourly data: its code, the basis of its profile, how a data center maps to it (``via``: the
    cloud region or region code, ``confidence``), its kind (``modelled``) and provenance."""

    zone: str
    basis: str
    via: str
    confidence: str
    kind: str
    licence: str
    source: str
    note: str = ""

    def describe(self) -> str:
        return (f"{self.zone} ({self.kind} month x hour profile, {self.basis} basis; {self.via} -> {self.zone}, "
                f"{self.confidence} confidence)")


@dataclass(frozen=True)
class HourlyData:
    """The shipped tables: ``ratios`` {(zone, basis): 12 x 24 array of ratios to the annual mean}, ``zones``
    {(zone, basis): zones.csv row}, ``zone_map`` [zone_map.csv rows]."""

    ratios: dict
    zones: dict
    zone_map: tuple


@functools.lru_cache(maxsize=4)
def load_hourly(path: str | None = None) -> HourlyData:
    """Read factors/hourly/ (or ``path``)."""
    import csv

    d = Path(path) if path else hourly_dir()
    ratios: dict = {}
    with open(d / "profiles_eia930_2022.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            key = (r["zone"], r["basis"])
            ratios.setdefault(key, np.full((12, 24), np.nan))[int(r["month"]) - 1, int(r["hour_utc"])] = float(
                r["ratio_to_annual_mean"])
    ratios = {k: v for k, v in ratios.items() if np.isfinite(v).all()}
    with open(d / "zones.csv", encoding="utf-8", newline="") as fh:
        zones = {(r["zone"], r["basis"]): r for r in csv.DictReader(fh)}
    with open(d / "zone_map.csv", encoding="utf-8", newline="") as fh:
        zmap = tuple(csv.DictReader(fh))
    return HourlyData(ratios, zones, zmap)


def zone_of(site, registry, data: HourlyData | None = None) -> tuple[Zone | None, str]:
    """The zone whose hourly profile applies to a resolved data center, and a note saying why (or why none).

    A cloud region maps through its own row of zone_map.csv, else through the location it draws power from; other
    regions through their ISO code. None when the grid intensity was given in the spec (``as given``), when no zone
    holds the region, or when the zone has no profile on the data center's basis."""
    data = data or load_hourly()
    if site.grid_basis not in ("lifecycle", "direct"):
        return None, f"datacenters.{site.key}: grid intensity given in the spec: annual intensity"
    level, code, _ = registry.resolve_region(site.region)
    rows = []
    if level == "cloud_region":
        prov, _, name = code.partition(":")
        rows = [r for r in data.zone_map if r["kind"] == "cloud_region" and r["provider"] == prov and r["code"] == name]
        via = code
    if not rows:
        rows = [r for r in data.zone_map if r["kind"] == "region" and r["code"].upper() == site.location.upper()]
        via = site.location
    rows = [r for r in rows if (r["zone"], site.grid_basis) in data.ratios]
    if not rows:
        return None, (f"datacenters.{site.key}: no hourly data for {site.region} ({site.location}): annual intensity")
    order = {"high": 0, "medium": 1, "low": 2}
    r = min(rows, key=lambda r: order.get(r["confidence"], 3))
    meta = data.zones.get((r["zone"], site.grid_basis), {})
    z = Zone(r["zone"], site.grid_basis, via, r["confidence"], meta.get("kind", "modelled"), meta.get("licence", ""),
             meta.get("source", ""), r.get("note", ""))
    return z, f"datacenters.{site.key}: hourly intensity from {z.describe()}"


@dataclass(frozen=True)
class HourlySeries:
    """Hourly ratios of some zones from hour ``t0`` [hours since 1970-01-01 UTC]: ``r`` [zones x hours] and its
    running sum ``cum`` [zones x (hours + 1)], ``cum[:, i] = sum(r[:, :i])``."""

    zones: tuple[Zone, ...]
    t0: int
    r: np.ndarray
    cum: np.ndarray

    @property
    def hours(self) -> int:
        return self.r.shape[1]

    def running_sum(self, z: np.ndarray, t: np.ndarray) -> np.ndarray:
        """S(t) of zone ``z`` at ``t`` [h from t0, fractional]: cum[floor t] + (t - floor t) x r[floor t]."""
        i = np.clip(np.floor(t).astype(np.int64), 0, self.hours - 1)
        return self.cum[z, i] + (t - i) * self.r[z, i]

    def ratio(self, z: np.ndarray, start_h: np.ndarray, dur_h: np.ndarray) -> np.ndarray:
        """Overlap-weighted intensity ratio of jobs in zones ``z`` (-1: none, ratio 1) that start at ``start_h``
        [h from t0] and run ``dur_h`` [h]."""
        out = np.ones(len(z))
        ok = z >= 0
        if ok.any():
            zz, s, d = z[ok], start_h[ok], dur_h[ok]
            i = np.clip(np.floor(s).astype(np.int64), 0, self.hours - 1)
            point = self.r[zz, i]
            span = self.running_sum(zz, s + d) - self.running_sum(zz, s)
            out[ok] = np.where(d > 0, span / np.where(d > 0, d, 1.0), point)
        return out

    def whatif(self, z: np.ndarray, start_h: np.ndarray, dur_h: np.ndarray, window_h: int) -> tuple:
        """(Flexible Start saving, Pause and Resume saving) of the intensity ratio of each job (0 where ``z`` < 0),
        at hour granularity (see the module docstring)."""
        n = len(z)
        fs, pr = np.zeros(n), np.zeros(n)
        ok = np.flatnonzero(z >= 0)
        if not len(ok) or window_h <= 0:
            return fs, pr
        zz = z[ok]
        h0 = np.clip(np.floor(start_h[ok]).astype(np.int64), 0, self.hours - 1)
        d = np.maximum(1, np.floor(dur_h[ok] + 0.5).astype(np.int64))
        top = self.hours
        mean = lambda a: (self.cum[zz, np.minimum(a + d, top)] - self.cum[zz, np.minimum(a, top)]) / d
        base = mean(h0)
        best = base.copy()
        for k in range(1, window_h + 1):
            best = np.minimum(best, mean(h0 + k))
        fs[ok] = np.maximum(base - best, 0.0)
        width = d + window_h
        for w in np.unique(width):
            rows = np.flatnonzero(width == w)
            dd = int(w) - window_h
            step = max(1, 4_000_000 // int(w))
            for a in range(0, len(rows), step):
                sel = rows[a:a + step]
                idx = np.minimum(h0[sel, None] + np.arange(int(w)), top - 1)
                vals = self.r[zz[sel, None], idx]
                low = np.partition(vals, dd - 1, axis=1)[:, :dd].sum(axis=1) / dd
                pr[ok[sel]] = np.maximum(base[sel] - low, 0.0)
        return fs, pr

    def table(self):
        """An Arrow table (zone_idx, hi, cum, r) of every hour: what DuckDB joins jobs with."""
        import pyarrow as pa

        nz, nh = self.r.shape
        return pa.table({"zone_idx": np.repeat(np.arange(nz, dtype=np.int32), nh),
                         "hi": np.tile(np.arange(nh, dtype=np.int64), nz),
                         "cum": self.cum[:, :nh].ravel(), "r": self.r.ravel()})


def build_series(zones, t0_h: int, t1_h: int, data: HourlyData | None = None) -> HourlySeries:
    """The hourly ratios of ``zones`` from hour ``t0_h`` to ``t1_h`` [hours since 1970-01-01 UTC]: each hour takes
    its (month, UTC hour) cell of the zone's profile."""
    data = data or load_hourly()
    n = max(int(t1_h) - int(t0_h), 1)
    hours = np.arange(int(t0_h), int(t0_h) + n, dtype="int64").astype("datetime64[h]")
    month = hours.astype("datetime64[M]").astype(np.int64) % 12
    hod = (hours - hours.astype("datetime64[D]")).astype(np.int64)
    r = np.ones((max(len(zones), 1), n))
    for i, z in enumerate(zones):
        r[i] = data.ratios[(z.zone, z.basis)][month, hod]
    cum = np.zeros((r.shape[0], n + 1))
    np.cumsum(r, axis=1, out=cum[:, 1:])
    return HourlySeries(tuple(zones), int(t0_h), r, cum)


def energy_weighted_ratio(zone: Zone, intervals, data: HourlyData | None = None) -> float | None:
    """The intensity ratio a measured run met: sum of E_i x r_i / sum of E_i over its checkpoint intervals
    ``intervals`` [(t_start [s since 1970, UTC], t_end [s], E_i [kWh]), ...], r_i the overlap-weighted hourly ratio
    of interval i (:meth:`HourlySeries.ratio`). None without energy."""
    rows = [(float(a), float(b), float(e)) for a, b, e in intervals if e > 0 and b >= a]
    total = sum(e for _, _, e in rows)
    if not rows or total <= 0:
        return None
    t0 = int(min(a for a, _, _ in rows) // 3600)
    t1 = int(max(b for _, b, _ in rows) // 3600) + 2
    series = build_series([zone], t0, t1, data)
    start = np.array([a / 3600.0 - t0 for a, _, _ in rows])
    dur = np.array([(b - a) / 3600.0 for a, b, _ in rows])
    r = series.ratio(np.zeros(len(rows), dtype=np.int64), start, dur)
    return float(sum(e * ri for (_, _, e), ri in zip(rows, r)) / total)
