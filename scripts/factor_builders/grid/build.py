#!/usr/bin/env python3
"""One declared basis for every grid row (issue #11 section 2).

Writes, from the repository root::

    python scripts/factor_builders/grid/build.py

* ``factors/grid_intensity.csv`` -- the grid table with two key columns,
  ``basis`` (``lifecycle`` | ``direct``) and ``accounting`` (``generation`` | ``consumption``), a life-cycle row for
  every region and a direct (combustion-only) row for every sub-national region;
* ``factors/cloud_regions.csv`` -- the cloud regions on the same two bases, Google's published figure kept as its
  own row (``cloud.gcp.<region>.google``, quantity ``published_grid_intensity``: a cross-check, never used);
* ``scripts/factor_builders/grid/crosscheck.csv`` -- Google's published figure per GCP region beside ours.

Inputs: the rows of today's tables as ``scripts/build_grid_factors.py`` builds them from CodeCarbon 3.3.2's package
data (imported, not copied), and three transcribed tables next to this script:
``ipcc_ar5_lifecycle.csv`` (life-cycle factors per source), ``mixes_us_states.csv`` (EIA 2023 net generation by
state and fuel) and ``mixes_cn_provinces.csv`` (NBS 2023 generation by province and source, provincial
consumption). Canadian mixes are CodeCarbon's (Canada Energy Regulator 2023 shares).

Method (each rule is repeated in the notes of the rows it shapes):

1. Life-cycle value of a mix = sum over sources of share x AR5 median (``ipcc_ar5_lifecycle.csv``).
2. Fleet bounds per source (stated rule): AR5 min and max, each limited to median x/3, because AR5's min/max are
   single-plant extremes (hydro 1-2200 g/kWh) and a regional fleet average varies far less. Chinese "thermal"
   (coal with some gas and biomass, not split by NBS) uses the coal median 820 with bounds 490 (gas-CC median,
   as if all thermal were gas) to 910 (coal max).
3. Physical floor: a life-cycle figure cannot be below the combustion figure of the same electricity. Where a
   direct row on the same accounting exists, floor = direct + the AR5 life-cycle of the non-combustion sources
   (nuclear, hydro, wind, solar, geothermal). Value = max(rule 1, floor); where the floor binds the high bound is
   at least value x1.25 (fossil upstream -- mining methane, gas leakage, fuel transport -- is then missing; the
   x1.25 is a stated assumption).
4. Lifecycle rows are triangular (low, mode = value, high); bounds are sums of share x fleet bound (sources taken
   as fully correlated, a conservative choice), then widened x/1.1 for year-to-year change (the mixes are 2023).
5. Consumption (US importers VA, MD, DC, DE): no state consumption data were found, so the consumed mix is taken
   as the pooled generation of the whole-PJM states (DE, DC, MD, NJ, PA, VA, WV, OH) -- an interconnect proxy
   like eGRID's subregions, not a flow-traced mix. Direct consumption = generation-weighted eGRID state rates of
   the same pool.
6. Consumption (China): consumption > generation means imports; the imported part takes the surplus mix of the
   net-exporting provinces of the same regional grid (national exporters where the grid has none). Net
   exporters consume their own mix. Wind is January-November x 12/11 (December is not in the series).
"""

from __future__ import annotations

import csv
import importlib.util
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "factors")  # the tables are written where the package reads them

COLUMNS_GRID = ["factor_id", "quantity", "region", "level", "region_name", "basis", "accounting", "value", "unit",
                "low", "high", "distribution", "year", "source", "url", "license", "notes"]
COLUMNS_CLOUD = ["factor_id", "quantity", "provider", "cloud_region", "location", "basis", "accounting", "value",
                 "unit", "low", "high", "distribution", "year", "source", "url", "license", "notes"]
COLUMNS_CROSS = ["cloud_region", "google_location", "location", "google_2023_gco2e_per_kwh", "google_basis",
                 "ours_direct_gco2e_per_kwh", "ours_direct_factor_id", "ratio_ours_direct_to_google",
                 "ours_lifecycle_gco2e_per_kwh", "ours_lifecycle_factor_id", "ratio_ours_lifecycle_to_google",
                 "note"]

AR5_URL = "https://www.ipcc.ch/site/assets/uploads/2018/02/ipcc_wg3_ar5_annex-iii.pdf"
AR5_CITE = "IPCC AR5 WG III Annex III (Schlomer et al. 2014) Table A.III.2 life-cycle medians"
FLEET_SPREAD = 3.0          # rule 2: fleet bounds limited to median x/3
FLOOR_HIGH = 1.25           # rule 3: high bound when the combustion floor binds
YEAR_SPREAD = 1.1           # rule 4: bounds of sub-national life-cycle rows widened x/1.1 for year-to-year change
CN_THERMAL = ("coal", 490.0, 910.0)   # rule 2: China thermal -> coal median, bounds gas-CC median .. coal max
NON_COMBUSTION = {"nuclear", "hydro", "wind_onshore", "wind_offshore", "solar_pv_utility", "solar_pv_rooftop",
                  "csp", "geothermal"}

# EIA fuel -> AR5 source (mixes_us_states.csv). Not used: all_fuels_utility_scale (a total; it also nets
# pumped storage, which is storage, not a source) and small_scale_solar_pv (behind the meter).
US_FUEL = {"coal": "coal", "petroleum_liquids": "other_fossil", "petroleum_coke": "other_fossil",
           "natural_gas": "gas", "other_gases": "other_fossil", "nuclear": "nuclear",
           "conventional_hydroelectric": "hydro", "wind": "wind_onshore", "utility_scale_solar": "solar_pv_utility",
           "geothermal": "geothermal", "biomass": "biomass_dedicated", "other": "other_fossil"}
US_FUEL_LABEL = {"coal": "coal", "petroleum_liquids": "oil", "petroleum_coke": "pet. coke", "natural_gas": "gas",
                 "other_gases": "other gases", "nuclear": "nuclear", "conventional_hydroelectric": "hydro",
                 "wind": "wind", "utility_scale_solar": "solar", "geothermal": "geothermal", "biomass": "biomass",
                 "other": "other"}
PJM_POOL = ("US-DE", "US-DC", "US-MD", "US-NJ", "US-PA", "US-VA", "US-WV", "US-OH")
US_IMPORTERS = ("US-VA", "US-MD", "US-DC", "US-DE")
US_IMPORTER_NOTES = {
    "US-CA": ("California imports a large share of what it consumes (Northwest hydro, Southwest gas and coal); no "
              "consumption-based figure was found in a readable form, so both rows are generation-based. Google's "
              "us-west2 (Los Angeles) figure is 198 g/kWh against 179 g/kWh for in-state combustion."),
    "US-VT": "Vermont generates a small part of what it consumes (imports from ISO New England and Quebec); "
             "no consumption-based row was built.",
}

SOURCE_LABEL = {"coal": "coal", "gas": "gas", "other_fossil": "oil/other fossil", "nuclear": "nuclear", "hydro": "hydro",
                "wind_onshore": "wind", "solar_pv_utility": "solar", "geothermal": "geothermal",
                "biomass_dedicated": "biomass", "thermal": "thermal"}
IMPORT_EVIDENCE = {
    "US-VA": ("Virginia's net imports were about a third of its consumption (Sep 2024-Aug 2025, EIA data as summarised "
              "by lowcarbonpower.org/region/Virginia; secondary source). "),
    "US-DC": "The District generated only 172 GWh in 2023 (EIA); nearly all it consumes is imported from PJM. ",
}
CA_FUEL = {"coal": "coal", "petroleum": "other_fossil", "naturalGas": "gas", "hydro": "hydro", "tidal": "hydro",
           "nuclear": "nuclear", "wind": "wind_onshore", "solar": "solar_pv_utility", "biomass": "biomass_dedicated",
           "other": "other_fossil"}
CN_FUEL = {"thermal": "thermal", "hydro": "hydro", "nuclear": "nuclear", "wind": "wind_onshore",
           "solar": "solar_pv_utility"}
# Regional grids (approximate; whole provinces; Inner Mongolia counted in North China).
CN_GRIDS = {
    "North China": ("CN-BJ", "CN-TJ", "CN-HE", "CN-SX", "CN-SD", "CN-NM"),
    "Northeast": ("CN-LN", "CN-JL", "CN-HL"),
    "East China": ("CN-SH", "CN-JS", "CN-ZJ", "CN-AH", "CN-FJ"),
    "Central China": ("CN-HB", "CN-HN", "CN-JX", "CN-HA"),
    "Southwest": ("CN-SC", "CN-CQ"),
    "Northwest": ("CN-SN", "CN-GS", "CN-QH", "CN-NX", "CN-XJ"),
    "China Southern": ("CN-GD", "CN-GX", "CN-YN", "CN-GZ", "CN-HI"),
}
CN_GAPS = {
    "CN-SD": "The transcribed series has no nuclear output for Shandong (Haiyang and Shidaowan were operating), "
             "so the mix overstates thermal; the low bound is lowered by 5% for this (stated assumption).",
}

CN_NOTES = {
    "CN-BJ": "Beijing's in-city thermal plants are reported to be mostly gas-fired (not verified here): counting its "
             "thermal output at the coal median likely overstates both life-cycle rows; the low bound (gas-CC 490 "
             "for all thermal) covers an all-gas fleet.",
}

# ---------------------------------------------------------------------------------------------------------------


def load_base():
    """Today's rows, rebuilt by scripts/build_grid_factors.py from the installed codecarbon data."""
    sys.dont_write_bytecode = True  # leave no __pycache__ in scripts/
    spec = importlib.util.spec_from_file_location("build_grid_factors",
                                                  os.path.join(ROOT, "scripts", "build_grid_factors.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    data_dir, ccv = mod.codecarbon_data_dir()
    grid = mod.build_grid(data_dir, ccv)
    cloud = mod.build_cloud(data_dir, ccv, grid)
    return mod, data_dir, ccv, grid, cloud


def read_csv(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def fmt(x: float) -> str:
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def g(x: float) -> str:
    """gCO2e/kWh for notes, 3 significant figures."""
    return f"{x:.3g}" if x < 100 else f"{x:.0f}"


class Factors:
    def __init__(self, rows):
        self.rows = {r["source"]: r for r in rows}
        self.med, self.lo, self.hi = {}, {}, {}
        for s, r in self.rows.items():
            m, mn, mx = float(r["median"]), float(r["min"]), float(r["max"])
            self.med[s], self.lo[s], self.hi[s] = m, max(mn, m / FLEET_SPREAD), min(mx, m * FLEET_SPREAD)
        c, lo, hi = CN_THERMAL
        self.med["thermal"], self.lo["thermal"], self.hi["thermal"] = self.med[c], lo, hi

    def mix(self, shares: dict) -> tuple[float, float, float, float, float]:
        """(median, low, high, non-combustion median, non-combustion low) in kg/kWh of a {source: share} mix."""
        med = sum(v * self.med[s] for s, v in shares.items()) / 1000
        lo = sum(v * self.lo[s] for s, v in shares.items()) / 1000
        hi = sum(v * self.hi[s] for s, v in shares.items()) / 1000
        nc = sum(v * self.med[s] for s, v in shares.items() if s in NON_COMBUSTION) / 1000
        nclo = sum(v * self.lo[s] for s, v in shares.items() if s in NON_COMBUSTION) / 1000
        return med, lo, hi, nc, nclo


def shares_of(gen: dict, mapping: dict) -> dict:
    out = defaultdict(float)
    for fuel, v in gen.items():
        if fuel in mapping and v > 0:
            out[mapping[fuel]] += v
    tot = sum(out.values())
    return {s: v / tot for s, v in out.items()}, tot


def blend(a: dict, b: dict, wb: float) -> dict:
    keys = set(a) | set(b)
    return {k: (1 - wb) * a.get(k, 0.0) + wb * b.get(k, 0.0) for k in keys}


def lifecycle(fac: Factors, shares: dict, direct: float | None):
    """Rules 1-4: (value, low, high, floored, ar5_value)."""
    med, lo, hi, nc, nclo = fac.mix(shares)
    floored = False
    value, low, high = med, lo, hi
    if direct is not None:
        floor, floor_lo = direct + nc, direct + nclo
        if floor > med:
            floored = True
            value = floor
            high = max(hi, floor * FLOOR_HIGH)
        low = max(low, floor_lo)
    low = min(low, value) / YEAR_SPREAD
    high = max(high, value) * YEAR_SPREAD
    return value, low, high, floored, med


def mix_text(gen: dict, labels: dict, tot: float) -> str:
    parts = [(labels.get(k, k), v / tot) for k, v in gen.items() if k in labels and v > 0]
    parts.sort(key=lambda x: -x[1])
    return ", ".join(f"{k} {100 * s:.1f}%" for k, s in parts if s >= 0.0005)


def floor_note(floored: bool, ar5: float, direct: float | None, basis_word: str) -> str:
    if direct is None:
        return ""
    if floored:
        return (f" The plain AR5-median sum ({ar5:.4f}) is below the {basis_word} combustion figure ({direct:.4f}): "
                f"AR5's coal and gas medians describe newer plants than this fleet. Value raised to the physical "
                f"floor = combustion + AR5 life-cycle of the non-combustion sources (rule 3); it still lacks fossil "
                f"upstream emissions, so high = max(AR5 bound, value x{FLOOR_HIGH}) (stated assumption).")
    return f" Check: above the {basis_word} combustion figure ({direct:.4f}) plus non-combustion life-cycle (rule 3)."


RANGE_NOTE = ("Range: triangular, bounds = sum of share x fleet bound per source (AR5 min/max limited to median x/3, "
              "sources fully correlated), low not below the combustion floor, then x/1.1 for year-to-year change "
              "(stated rules 2-4).")


def row(base, **kw):
    r = {k: base.get(k, "") for k in COLUMNS_GRID}
    r.update(kw)
    return r


def lognorm(v, f):
    return fmt(v / f), fmt(v * f)


# ---------------------------------------------------------------------------------------------------------------


def build(mod, data_dir, ccv, base_grid, base_cloud):
    import json  # noqa: PLC0415

    fac = Factors(read_csv("ipcc_ar5_lifecycle.csv"))
    base = {r["region"]: r for r in base_grid}
    pkg = f"CodeCarbon {ccv}"

    # --- US mixes ------------------------------------------------------------------------------------------
    us_gen = defaultdict(dict)
    us_src = {}
    for r in read_csv("mixes_us_states.csv"):
        us_gen[r["region"]][r["fuel"]] = float(r["generation_gwh"])
        us_src[r["region"]] = (r["source"], r["url"])
    us_direct = {reg: float(base[reg]["value"]) for reg in us_gen}
    us_shares, us_total = {}, {}
    for reg, gen in us_gen.items():
        us_shares[reg], us_total[reg] = shares_of(gen, US_FUEL)

    # PJM pool (rule 5)
    pool_gen = defaultdict(float)
    for reg in PJM_POOL:
        for fuel, v in us_gen[reg].items():
            if fuel in US_FUEL and v > 0:
                pool_gen[fuel] += v
    pool_shares, pool_tot = shares_of(pool_gen, US_FUEL)
    pool_direct = sum(us_direct[r] * us_total[r] for r in PJM_POOL) / sum(us_total[r] for r in PJM_POOL)

    # --- China mixes ----------------------------------------------------------------------------------------
    cn_gen, cn_cons, cn_src = defaultdict(dict), {}, {}
    for r in read_csv("mixes_cn_provinces.csv"):
        v = float(r["value_gwh"])
        if r["quantity"] == "consumption":
            cn_cons[r["region"]] = v
        else:
            if r["fuel"] == "wind" and r["period"].endswith("-11"):
                v = v * 12 / 11
            cn_gen[r["region"]][r["fuel"]] = v
        cn_src[(r["region"], r["fuel"])] = r
    cn_shares, cn_total = {}, {}
    for reg, gen in cn_gen.items():
        cn_shares[reg], cn_total[reg] = shares_of(gen, CN_FUEL)
    grid_of = {p: gname for gname, ps in CN_GRIDS.items() for p in ps}

    def surplus_mix(provs):
        acc = defaultdict(float)
        for p in provs:
            s = cn_total[p] - cn_cons[p]
            if s > 0:
                for k, v in cn_shares[p].items():
                    acc[k] += s * v
        tot = sum(acc.values())
        return ({k: v / tot for k, v in acc.items()}, tot) if tot > 0 else (None, 0.0)

    national_exp, _ = surplus_mix(cn_gen.keys())

    # --- Canada mixes ----------------------------------------------------------------------------------------
    with open(os.path.join(data_dir, "private_infra", "2023", "canada_energy_mix.json"), encoding="utf-8") as f:
        can = json.load(f)
    ca_shares, ca_raw = {}, {}
    for name, d in can.items():
        code = mod.CANADA_CODES[name][0]
        gen = {k: float(d.get(k, 0.0)) for k in CA_FUEL}
        ca_shares[code], _ = shares_of(gen, CA_FUEL)
        ca_raw[code] = gen

    rows = []
    us_usa = None
    with open(os.path.join(data_dir, "private_infra", "2023", "usa_emissions.json"), encoding="utf-8") as f:
        us_usa = float(json.load(f)["usa"]["emissions"])

    for b in base_grid:
        reg = b["region"]
        if b["level"] in ("world", "country"):
            rows.append(row(b, basis="lifecycle", accounting="generation",
                            notes=b["notes"] + (" Basis: life-cycle (Ember factors), generation-based "
                                                "(domestic production; imports not counted).")))
            if reg == "US":
                v = us_usa / mod.LB_PER_KG / 1000
                lo, hi = lognorm(v, 1.2)
                rows.append(row(b, factor_id="grid.us.direct", basis="direct", accounting="generation",
                                value=fmt(v), low=lo, high=hi, distribution="lognormal", year="2023",
                                source=(f"US EPA eGRID2023, US annual CO2e total output emission rate (STC2ERTA, "
                                        f"'usa'), via {pkg} data/private_infra/2023/usa_emissions.json"),
                                url="https://www.epa.gov/egrid/download-data", license="public-domain (US gov)",
                                notes=(f"{us_usa:g} lbs/MWh x 0.45359237/1000. Combustion only (CO2+CH4+N2O, no "
                                       "upstream), generation-based: GHG Protocol location-based scope 2 basis. "
                                       "Range: lognormal x/1.2 (measured rate; covers year-to-year change and "
                                       "revisions; stated assumption).")))
            continue

        if reg.startswith("US-"):
            rows.extend(us_rows(b, fac, reg, us_gen[reg], us_shares[reg], us_total[reg], us_direct[reg],
                                us_src[reg], pool_shares, pool_direct, pool_tot))
        elif reg.startswith("CA-"):
            rows.extend(ca_rows(b, fac, reg, ca_raw[reg], ca_shares[reg], pkg))
        elif reg.startswith("CN-"):
            gname = grid_of[reg]
            imp, _ = surplus_mix([p for p in CN_GRIDS[gname] if p != reg])
            imp_from = f"net exporters of the {gname} grid"
            if imp is None:
                imp = national_exp
                imp_from = "net-exporting provinces nationally (none in its regional grid)"
            rows.extend(cn_rows(b, fac, reg, cn_gen[reg], cn_shares[reg], cn_total[reg], cn_cons[reg], imp,
                                imp_from, cn_src))
        else:
            raise SystemExit(f"unexpected region {reg}")
    return rows, fac


def us_rows(b, fac, reg, gen, shares, tot, direct, src, pool_shares, pool_direct, pool_tot):
    st = reg[3:].lower()
    importer = reg in US_IMPORTERS
    mixtxt = mix_text(gen, US_FUEL_LABEL, tot)
    source = ("Computed: US EIA, Electricity Data Browser, net generation for all sectors by state and fuel, 2023 "
              f"(mixes_us_states.csv) x {AR5_CITE}")
    lic = "public-domain (US gov) mix; fair-use (facts from publication) factors"
    out = []

    # direct, generation (today's figure)
    lo, hi = lognorm(direct, 1.2)
    d_notes = b["notes"].split(" Range")[0].split(" This state")[0]
    d_gen = row(b, factor_id=f"grid.{reg.lower()}.direct", basis="direct", accounting="generation",
                low=lo, high=hi, distribution="lognormal",
                notes=(d_notes + " Range: lognormal x/1.2 (measured rate; covers year-to-year change and "
                       "revisions; stated assumption; the life-cycle share and imports are now separate rows)."
                       + (" In-state generation is small or unlike what the state consumes: see the consumption rows."
                          if importer or reg == "US-VT" else "")))
    out.append(d_gen)

    v, low, high, floored, ar5 = lifecycle(fac, shares, direct)
    gen_id = f"grid.{reg.lower()}.generation" if importer else f"grid.{reg.lower()}"
    extra = US_IMPORTER_NOTES.get(reg, "")
    lc_gen = row(b, factor_id=gen_id, basis="lifecycle", accounting="generation", value=fmt(v), low=fmt(low),
                 high=fmt(high), distribution="triangular", year="2023", source=source, url=src[1], license=lic,
                 notes=(f"Life-cycle, generation-based (in-state plants; imports not counted). 2023 net generation "
                        f"{tot:,.0f} GWh (utility scale, pumped storage and small-scale PV excluded): {mixtxt}. "
                        f"Value = sum of share x AR5 median (coal 820, gas-CC 490, oil/other fossil 700 (Ember), "
                        f"nuclear 12, hydro 24, wind 11, solar 48, geothermal 38, biomass 230 g/kWh; AR5 url "
                        f"{AR5_URL})." + floor_note(floored, ar5, direct, "eGRID2023 generation-based")
                        + " " + RANGE_NOTE + (" " + extra if extra else "")
                        + (" Default for this state is the consumption row." if importer else "")))
    if not importer:
        out.append(lc_gen)
        return out

    # consumption (rule 5): PJM pool
    lo, hi = lognorm(pool_direct, 1.3)
    out.append(row(b, factor_id=f"grid.{reg.lower()}.direct.consumption", basis="direct", accounting="consumption",
                   value=fmt(pool_direct), low=lo, high=hi, distribution="lognormal", year="2023",
                   source=("Computed: US EPA eGRID2023 state CO2e output emission rates (STC2ERTA, via CodeCarbon "
                           "3.3.2 usa_emissions.json) weighted by US EIA 2023 state net generation (mixes_us_states.csv)"),
                   url="https://www.epa.gov/egrid/download-data", license="public-domain (US gov)",
                   notes=(f"Interconnect proxy for the consumed mix (rule 5): generation-weighted combustion rate of "
                          f"the whole-PJM states {', '.join(PJM_POOL)} ({pool_tot:,.0f} GWh). "
                          + IMPORT_EVIDENCE.get(reg, f"{b['region_name']} is treated as a net importer within PJM "
                                                     "(issue #11; the import share is not quantified here). ")
                          + f"No state consumption data or eGRID subregion "
                          f"(SRVC/RFCE) figure was found in a readable form, so this stands in for one. Not flow-traced. "
                          f"Range: lognormal x/1.3 (the pool vs the true consumed mix; stated assumption).")))
    out.append(lc_gen)
    pv, plow, phigh, pfloored, par5 = lifecycle(fac, pool_shares, pool_direct)
    # the consumed mix lies between the state's own generation and the pool: widen to cover both
    plow, phigh = min(plow, low), max(phigh, high)
    out.append(row(b, factor_id=f"grid.{reg.lower()}", basis="lifecycle", accounting="consumption", value=fmt(pv),
                   low=fmt(plow), high=fmt(phigh), distribution="triangular", year="2023",
                   source=(f"Computed: US EIA 2023 net generation of the PJM states (mixes_us_states.csv) x {AR5_CITE}"),
                   url=src[1], license=lic,
                   notes=(f"Life-cycle, consumption-based (interconnect proxy, rule 5): pooled 2023 generation of "
                          f"{', '.join(PJM_POOL)} ({pool_tot:,.0f} GWh): "
                          f"{', '.join(f'{SOURCE_LABEL[k]} {100 * s:.1f}%' for k, s in sorted(pool_shares.items(), key=lambda x: -x[1]))}. "
                          f"Value = sum of share x AR5 median." + floor_note(pfloored, par5, pool_direct, "pooled eGRID")
                          + " Range: triangular; bounds from the per-source fleet bounds (AR5 min/max limited to "
                          "median x/3), widened to cover the state's own generation-based row, since the consumed "
                          "mix lies between the two. Default row for this state.")))
    return out


def ca_rows(b, fac, reg, raw, shares, pkg):
    direct = float(b["value"])
    mixtxt = ", ".join(f"{k} {v:g}%" for k, v in sorted(raw.items(), key=lambda x: -x[1]) if v > 0)
    d_notes = b["notes"].split(" With life-cycle")[0]
    out = [row(b, factor_id=f"grid.{reg.lower()}.direct", basis="direct", accounting="generation",
               low=fmt(direct * 0.85), high=fmt(direct * 1.15), distribution="triangular",
               notes=(d_notes + " Combustion only, generation-based. Range: triangular x0.85 to x1.15 (generic "
                      "combustion factors; stated assumption; the life-cycle variant is now its own row)."))]
    v, low, high, floored, ar5 = lifecycle(fac, shares, direct)
    out.append(row(b, factor_id=f"grid.{reg.lower()}", basis="lifecycle", accounting="generation", value=fmt(v),
                   low=fmt(low), high=fmt(high), distribution="triangular", year="2023",
                   source=(f"Computed: Canada Energy Regulator, Canada's Energy Future 2023 data appendices (2023 "
                           f"generation shares by province) via {pkg} data/private_infra/2023/canada_energy_mix.json "
                           f"x {AR5_CITE}"),
                   url="doi:10.35002/zjr8-8x75", license="OGL-Canada-2.0 mix; fair-use (facts from publication) factors",
                   notes=(f"Life-cycle, generation-based. Mix: {mixtxt}. Value = sum of share x AR5 median (hydro "
                          f"and tidal 24, nuclear 12, wind 11, solar 48, biomass 230, gas-CC 490, coal 820, "
                          f"petroleum/other 700 (Ember) g/kWh; AR5 url {AR5_URL})."
                          + floor_note(floored, ar5, direct, "CodeCarbon-method") + " " + RANGE_NOTE
                          + (" Prince Edward Island imports most of its electricity from New Brunswick; this row "
                             "describes island generation only." if reg == "CA-PE" else ""))))
    return out


def cn_rows(b, fac, reg, gen, shares, tot, cons, imp, imp_from, cn_src):
    direct = float(b["value"])
    label = {"thermal": "thermal", "hydro": "hydro", "nuclear": "nuclear", "wind": "wind", "solar": "solar"}
    mixtxt = mix_text(gen, label, tot)
    nbs = cn_src[(reg, "thermal")]
    source = ("Computed: National Bureau of Statistics of China, 2023 electricity output by province and source "
              "(above designated size; wind via Wind Information), mixes_cn_provinces.csv, x " + AR5_CITE)
    lic = "public-domain (PRC official statistics) mix; fair-use (facts from publication) factors"
    gap = " ".join(x for x in (CN_GAPS.get(reg, ""), CN_NOTES.get(reg, "")) if x)
    common = (f"2023 generation {tot:,.0f} GWh (wind Jan-Nov x12/11): {mixtxt}; consumption {cons:,.0f} GWh. "
              f"Thermal (coal, gas, biomass, not split by NBS) counted at the AR5 coal median 820 with bounds 490-910 "
              f"(rule 2); other sources at AR5 medians (url {AR5_URL}). NBS 'above designated size' output leaves out "
              f"most distributed PV, so solar is understated.")
    out = []
    d_notes = b["notes"].split(" Range:")[0]
    out.append(row(b, factor_id=f"grid.{reg.lower()}.direct", basis="direct", accounting="consumption",
                   low=fmt(direct * 0.9), high=fmt(direct * 1.1), distribution="triangular",
                   notes=(d_notes + " Direct (combustion CO2 only; CH4 and N2O, about 1%, are missing), "
                          "consumption-based (net of inter-provincial transfers, as MEE publishes it). Range: "
                          "triangular x0.9 to x1.1 (year-to-year change and the missing non-CO2 gases; stated "
                          "assumption; the life-cycle share is now its own row).")))
    importer = cons > tot
    m = (cons - tot) / cons if importer else 0.0
    # generation row: floor only for exporters (their consumed mix is their own generation)
    gv, glow, ghigh, gfl, gar5 = lifecycle(fac, shares, None if importer else direct)
    if reg in CN_GAPS:
        glow *= 0.95
    out.append(row(b, factor_id=f"grid.{reg.lower()}.generation", basis="lifecycle", accounting="generation",
                   value=fmt(gv), low=fmt(glow), high=fmt(ghigh), distribution="triangular", year="2023",
                   source=source, url=nbs["url"], license=lic,
                   notes=(f"Life-cycle, generation-based (plants in the province). {common}"
                          + (floor_note(gfl, gar5, direct, "MEE (CO2, consumption)") if not importer else "")
                          + " " + RANGE_NOTE + (" " + gap if gap else ""))))
    cshares = blend(shares, imp, m) if importer else shares
    cv, clow, chigh, cfl, car5 = lifecycle(fac, cshares, direct)
    if reg in CN_GAPS:
        clow *= 0.95
    clow, chigh = min(clow, glow, cv), max(chigh, ghigh if importer else chigh, cv)
    imptxt = (f"Imports = consumption - generation = {100 * m:.1f}% of consumption, taken at the surplus mix of the "
              f"{imp_from} ({', '.join(f'{SOURCE_LABEL[k]} {100 * s:.0f}%' for k, s in sorted(imp.items(), key=lambda x: -x[1]))}; "
              f"rule 6). " if importer else "Net exporter: consumes its own generation mix (rule 6). ")
    out.append(row(b, factor_id=f"grid.{reg.lower()}", basis="lifecycle", accounting="consumption", value=fmt(cv),
                   low=fmt(clow), high=fmt(chigh), distribution="triangular", year="2023", source=source,
                   url=nbs["url"], license=lic,
                   notes=(f"Life-cycle, consumption-based; default row, on the same accounting as the MEE direct row. "
                          f"{imptxt}{common}" + floor_note(cfl, car5, direct, "MEE (CO2, consumption)")
                          + " " + RANGE_NOTE + (" Widened to cover the generation-based row." if importer else "")
                          + (" " + gap if gap else ""))))
    return out


# ---------------------------------------------------------------------------------------------------------------


def order_key(r):
    # per region: direct rows first, then life-cycle generation, then life-cycle consumption, so that a lookup
    # keyed on region alone that keeps the LAST row (footprint.registry.regions._region_codes today) gets the
    # default life-cycle row.
    rank = {("direct", "generation"): 0, ("direct", "consumption"): 1, ("lifecycle", "generation"): 2,
            ("lifecycle", "consumption"): 3}
    return rank[(r["basis"], r["accounting"])]


def build_cloud(base_cloud, grid_rows):
    by_region = defaultdict(list)
    for r in grid_rows:
        by_region[r["region"]].append(r)

    def pick(loc, basis):
        cands = [r for r in by_region[loc] if r["basis"] == basis]
        if not cands:
            return None
        cons = [r for r in cands if r["accounting"] == "consumption"]
        return cons[0] if cons else cands[0]

    out, cross = [], []
    for c in base_cloud:
        prov, rid, loc = c["provider"], c["cloud_region"], c["location"]
        place = c["notes"].split(" per the provider")[0] if prov != "gcp" else rid
        lc, dr = pick(loc, "lifecycle"), pick(loc, "direct")
        for gr, suffix in ((lc, ""), (dr, ".direct")):
            if gr is None:
                continue
            out.append(dict(
                factor_id=f"cloud.{prov}.{rid}{suffix}", quantity="grid_intensity", provider=prov, cloud_region=rid,
                location=loc, basis=gr["basis"], accounting=gr["accounting"], value=gr["value"], unit=gr["unit"],
                low=gr["low"], high=gr["high"], distribution=gr["distribution"], year=gr["year"],
                source=gr["source"], url=gr["url"], license=gr["license"],
                notes=(f"{'Google Cloud ' + rid + ' (' + c['notes'].split('region (')[1].split(')')[0] + ')' if prov == 'gcp' else place}"
                       f": value, range and source copied from {gr['factor_id']} ({gr['basis']}, "
                       f"{gr['accounting'] or 'n/a'} accounting) of {loc}, where the data center draws power. "
                       "Location-based; the provider's renewable purchases (market-based) are not applied."
                       + (" Google's own figure for the region is cloud.gcp." + rid + ".google." if prov == "gcp" else ""))))
        if prov == "gcp":
            gnote = c["notes"]
            out.append(dict(c, factor_id=f"cloud.gcp.{rid}.google", quantity="published_grid_intensity",
                            basis="direct", accounting="",
                            notes=(gnote + " Basis: Google describes the figure as 'the average operational gross "
                                   "emissions per unit of energy from the grid' (region-carbon-info README), i.e. "
                                   "direct/operational, not life-cycle; generation vs consumption accounting is not "
                                   "stated there (us-east4 and us-east5 share one value, 322, which points to a "
                                   "grid-zone figure). Kept as the cross-check of the direct row.")))
            g23 = float(c["value"]) * 1000
            dval = float(dr["value"]) * 1000 if dr else None
            lval = float(lc["value"]) * 1000
            cross.append(dict(
                cloud_region=rid, google_location=gnote.split("region (")[1].split(")")[0], location=loc,
                google_2023_gco2e_per_kwh=fmt(g23), google_basis="direct (operational), accounting not stated",
                ours_direct_gco2e_per_kwh=fmt(dval) if dval is not None else "",
                ours_direct_factor_id=dr["factor_id"] if dr else "",
                ratio_ours_direct_to_google=(f"{dval / g23:.3f}" if dval is not None and g23 > 0 else ""),
                ours_lifecycle_gco2e_per_kwh=fmt(lval), ours_lifecycle_factor_id=lc["factor_id"],
                ratio_ours_lifecycle_to_google=f"{lval / g23:.3f}" if g23 > 0 else "",
                note=("same basis (direct)" if dr else
                      "no direct figure for this country in our table: only the life-cycle ratio (a different "
                      "basis, expected above 1) is given")
                     + (f"; ours is {dr['accounting']}-based" if dr else "")))
    widen_for_site(out, cross)
    return out, cross


Z95 = 1.6448536269514722


def widen_for_site(out, cross):
    """Rule 7: a cloud region in a US state or a province draws power from its grid zone (balancing authority),
    not from the average of its state. The cloud rows located in a subdivision are therefore lognormal around the
    subdivision's value, with sigma^2 = sigma_row^2 + sigma_site^2: sigma_row from the subdivision row's own range,
    sigma_site the log-sd of ours / Google over the Google regions whose figure is on our direct basis. For a Google
    region, sigma_site leaves its own cross-check out, so that the cross-check stays a check."""
    logs = {c["cloud_region"]: math.log(float(c["ratio_ours_direct_to_google"]))
            for c in cross if c["ratio_ours_direct_to_google"]}

    def sd(values):
        m = sum(values) / len(values)
        return math.sqrt(sum((x - m) ** 2 for x in values) / (len(values) - 1))

    for r in out:
        if r["quantity"] != "grid_intensity" or "-" not in r["location"]:
            continue
        others = [x for k, x in logs.items() if not (r["provider"] == "gcp" and k == r["cloud_region"])]
        s_site = sd(others)
        v, lo, hi = float(r["value"]), float(r["low"]), float(r["high"])
        s_row = math.log(hi / lo) / (2 * Z95)
        s_tot = math.sqrt(s_row ** 2 + s_site ** 2)
        r.update(low=fmt(v * math.exp(-Z95 * s_tot)), high=fmt(v * math.exp(Z95 * s_tot)), distribution="lognormal",
                 notes=r["notes"] + (f" Range widened for where the site draws power (rule 7): lognormal around the "
                                     f"location's value, sigma = sqrt({s_row:.3f}^2 + {s_site:.3f}^2) = {s_tot:.3f}, where "
                                     f"{s_site:.3f} is the log-sd of ours / Google's published figure on the direct basis "
                                     f"over {len(others)} Google regions"
                                     + (" (this region's own figure left out)" if r["provider"] == "gcp" else "")
                                     + "; a state or province average is not the grid zone of the data center."))


def write(path, columns, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in columns})


def main() -> None:
    mod, data_dir, ccv, base_grid, base_cloud = load_base()
    rows, _ = build(mod, data_dir, ccv, base_grid, base_cloud)
    # stable order: by region as today, basis/accounting order within a region
    pos = {}
    for r in base_grid:
        pos.setdefault(r["region"], len(pos))
    rows.sort(key=lambda r: (pos[r["region"]], order_key(r)))
    cloud, cross = build_cloud(base_cloud, rows)
    ids = [r["factor_id"] for r in rows + cloud]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise SystemExit(f"duplicate factor_id: {dup[:5]}")
    for r in rows + cloud:
        lo, v, hi = float(r["low"]), float(r["value"]), float(r["high"])
        assert lo <= v <= hi, r["factor_id"]
        assert not math.isnan(v)
        if r["distribution"] == "lognormal":
            assert abs(math.sqrt(lo * hi) - v) <= 1e-5 * max(v, 1e-9) + 1e-6, r["factor_id"]
    write(os.path.join(OUT, "grid_intensity.csv"), COLUMNS_GRID, rows)
    write(os.path.join(OUT, "cloud_regions.csv"), COLUMNS_CLOUD, cloud)
    write(os.path.join(HERE, "crosscheck.csv"), COLUMNS_CROSS, cross)
    print(f"grid_intensity.csv: {len(rows)} rows; cloud_regions.csv: {len(cloud)} rows; crosscheck.csv: {len(cross)} rows",
          file=sys.stderr)


if __name__ == "__main__":
    main()
