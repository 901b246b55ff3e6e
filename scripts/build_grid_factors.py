#!/usr/bin/env python3
"""First-stage rows of factors/grid_intensity.csv and factors/cloud_regions.csv (before the basis of each row).

Maintainer tool, not imported by the footprint library. It reads the package
data shipped with CodeCarbon (``pip install codecarbon==3.3.2``; a later
version works if its data files keep the same layout) and writes the two
tables in the long format described in factors/README.md.

    python scripts/build_grid_factors.py --out DIR  # writes into DIR

The tables in factors/ are written by ``scripts/factor_builders/grid/build.py``, which imports this module for these
first-stage rows and adds the basis of every row (life-cycle and direct, generation and consumption).

What comes from where
---------------------
* countries: ``data/private_infra/global_energy_mix.json`` -- Our World in
  Data's ``carbon_intensity_elec`` (Ember yearly electricity data, Energy
  Institute Statistical Review), latest year per country, gCO2e/kWh,
  life-cycle factors (Ember method).
* US states + DC: ``data/private_infra/2023/usa_emissions.json`` -- EPA eGRID2023
  state CO2e total output emission rate (field STC2ERTA), lbs/MWh.
* Canadian provinces/territories: ``data/private_infra/2023/canada_energy_mix.json``
  -- generation shares (percent) from the Canada Energy Regulator, Canada's
  Energy Future 2023 data appendices. Intensity computed the way CodeCarbon
  does (codecarbon.core.emissions.Emissions._region_energy_mix_to_emissions_rate):
  share x combustion factor for coal, petroleum, natural gas only.
* Chinese provinces: ``data/private_infra/2023/china_provincial_emissions.json``
  -- MEE/NBS announcement 2025 No. 47, provincial average factors for 2023
  (CO2 only).
* GCP regions: ``data/cloud/impact.csv`` -- Google's published location-based
  grid carbon intensity per region (region-carbon-info, 2023 data).
* AWS / Azure regions: no provider figure exists; each region is mapped to the
  grid_intensity row of the place where it is (table below) and the value is
  copied from that row.

Constants below (WORLD figure, GCP 2024 values, region locations) are facts
quoted from the sources named next to them; update them by hand when the
sources publish new editions.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sys

COLUMNS_GRID = ["factor_id", "quantity", "region", "level", "region_name", "value", "unit",
                "low", "high", "distribution", "year", "source", "url", "license", "notes"]
COLUMNS_CLOUD = ["factor_id", "quantity", "provider", "cloud_region", "location", "value", "unit",
                 "low", "high", "distribution", "year", "source", "url", "license", "notes"]

CC_VERSION_FALLBACK = "3.3.2"
LB_PER_KG = 1.0 / 0.45359237

# --- WORLD -------------------------------------------------------------------
# Ember, Global Electricity Review 2024: CO2 intensity of global power generation
# 480 gCO2/kWh in 2023 (486 in 2022). The 2023 edition, using the earlier method,
# gave 436 gCO2/kWh for 2022.
WORLD_G_PER_KWH = 480.0
WORLD_YEAR = 2023

# --- Canada --------------------------------------------------------------------
CANADA_CODES = {
    "alberta": ("CA-AB", "Alberta"),
    "british columbia": ("CA-BC", "British Columbia"),
    "manitoba": ("CA-MB", "Manitoba"),
    "new brunswick": ("CA-NB", "New Brunswick"),
    "newfoundland and labrador": ("CA-NL", "Newfoundland and Labrador"),
    "nova scotia": ("CA-NS", "Nova Scotia"),
    "northwest territories": ("CA-NT", "Northwest Territories"),
    "nunavut": ("CA-NU", "Nunavut"),
    "ontario": ("CA-ON", "Ontario"),
    "prince edward island": ("CA-PE", "Prince Edward Island"),
    "quebec": ("CA-QC", "Quebec"),
    "saskatchewan": ("CA-SK", "Saskatchewan"),
    "yukon": ("CA-YT", "Yukon"),
}
# CodeCarbon's hard-coded combustion factors (kg/kWh) for the regional mix, taken by
# CodeCarbon from github.com/responsibleproblemsolving/energy-usage.
CC_REGION_FACTORS = {"coal": 0.995725971, "petroleum": 0.8166885263, "naturalGas": 0.7438415916}
# Mapping of the Canadian mix keys onto carbon_intensity_per_source.json keys, used for the
# life-cycle variant that sets the upper bound of the range.
CA_LIFECYCLE_KEYS = {"coal": "coal", "petroleum": "petroleum", "naturalGas": "natural_gas",
                     "hydro": "hydroelectricity", "nuclear": "nuclear", "wind": "wind",
                     "solar": "solar", "biomass": "biomass", "tidal": "hydroelectricity",
                     "other": "fossil"}

# --- GCP ---------------------------------------------------------------------
# location code (grid_intensity region) of each GCP region
GCP_LOCATION = {
    "africa-south1": "ZA", "asia-east1": "TW", "asia-east2": "HK", "asia-northeast1": "JP",
    "asia-northeast2": "JP", "asia-northeast3": "KR", "asia-south1": "IN", "asia-south2": "IN",
    "asia-southeast1": "SG", "asia-southeast2": "ID", "australia-southeast1": "AU",
    "australia-southeast2": "AU", "europe-central2": "PL", "europe-north1": "FI",
    "europe-southwest1": "ES", "europe-west1": "BE", "europe-west2": "GB", "europe-west3": "DE",
    "europe-west4": "NL", "europe-west6": "CH", "europe-west8": "IT", "europe-west9": "FR",
    "europe-west10": "DE", "europe-west12": "IT", "me-central1": "QA", "me-central2": "SA",
    "me-west1": "IL", "northamerica-northeast1": "CA-QC", "northamerica-northeast2": "CA-ON",
    "southamerica-east1": "BR", "southamerica-west1": "CL", "us-central1": "US-IA",
    "us-east1": "US-SC", "us-east4": "US-VA", "us-east5": "US-OH", "us-south1": "US-TX",
    "us-west1": "US-OR", "us-west2": "US-CA", "us-west3": "US-UT", "us-west4": "US-NV",
}
# CodeCarbon 3.3.2 spells me-central1 as "me-cenrtal1".
GCP_ID_FIXES = {"me-cenrtal1": "me-central1"}
# Google region-carbon-info data/yearly/2024.csv, grid carbon intensity gCO2e/kWh.
# Used only to widen the range (2023 vs 2024 change).
GCP_2024 = {
    "africa-south1": 656.85, "asia-east1": 439.29, "asia-east2": 505.02, "asia-northeast1": 452.85,
    "asia-northeast2": 296.19, "asia-northeast3": 356.57, "asia-south1": 678.76,
    "asia-south2": 531.83, "asia-southeast1": 366.85, "asia-southeast2": 560.55,
    "australia-southeast1": 497.50, "australia-southeast2": 454.37, "europe-central2": 642.88,
    "europe-north1": 39.32, "europe-southwest1": 89.04, "europe-west1": 103.37,
    "europe-west2": 105.94, "europe-west3": 275.82, "europe-west4": 208.81, "europe-west6": 15.05,
    "europe-west8": 201.69, "europe-west9": 16.30, "europe-west10": 275.82, "europe-west12": 201.69,
    "me-central2": 382.23, "me-west1": 433.75, "northamerica-northeast1": 5.48,
    "northamerica-northeast2": 58.56, "southamerica-east1": 67.32, "southamerica-west1": 238.00,
    "us-central1": 412.72, "us-east1": 575.77, "us-east4": 323.05, "us-south1": 302.95,
    "us-west1": 79.23, "us-west2": 169.28, "us-west3": 555.17, "us-west4": 357.30,
}

# --- AWS / Azure ---------------------------------------------------------------
AWS_DOC = "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html"
AZURE_DOC = "https://learn.microsoft.com/en-us/azure/reliability/regions-list"
# region id -> (location code, place as named in the provider's documentation)
AWS_REGIONS = {
    "us-east-1": ("US-VA", "US East (N. Virginia)"),
    "us-east-2": ("US-OH", "US East (Ohio)"),
    "us-west-1": ("US-CA", "US West (N. California)"),
    "us-west-2": ("US-OR", "US West (Oregon)"),
    "ca-central-1": ("CA-QC", "Canada (Central), Montreal"),
    "ca-west-1": ("CA-AB", "Canada West (Calgary)"),
    "mx-central-1": ("MX", "Mexico (Central)"),
    "sa-east-1": ("BR", "South America (Sao Paulo)"),
    "eu-west-1": ("IE", "Europe (Ireland)"),
    "eu-west-2": ("GB", "Europe (London)"),
    "eu-west-3": ("FR", "Europe (Paris)"),
    "eu-central-1": ("DE", "Europe (Frankfurt)"),
    "eu-central-2": ("CH", "Europe (Zurich)"),
    "eu-north-1": ("SE", "Europe (Stockholm)"),
    "eu-south-1": ("IT", "Europe (Milan)"),
    "eu-south-2": ("ES", "Europe (Spain), Aragon"),
    "af-south-1": ("ZA", "Africa (Cape Town)"),
    "me-south-1": ("BH", "Middle East (Bahrain)"),
    "me-central-1": ("AE", "Middle East (UAE)"),
    "il-central-1": ("IL", "Israel (Tel Aviv)"),
    "ap-east-1": ("HK", "Asia Pacific (Hong Kong)"),
    "ap-south-1": ("IN", "Asia Pacific (Mumbai)"),
    "ap-south-2": ("IN", "Asia Pacific (Hyderabad)"),
    "ap-northeast-1": ("JP", "Asia Pacific (Tokyo)"),
    "ap-northeast-2": ("KR", "Asia Pacific (Seoul)"),
    "ap-northeast-3": ("JP", "Asia Pacific (Osaka)"),
    "ap-southeast-1": ("SG", "Asia Pacific (Singapore)"),
    "ap-southeast-2": ("AU", "Asia Pacific (Sydney)"),
    "ap-southeast-3": ("ID", "Asia Pacific (Jakarta)"),
    "ap-southeast-4": ("AU", "Asia Pacific (Melbourne)"),
    "ap-southeast-5": ("MY", "Asia Pacific (Malaysia)"),
    "ap-southeast-7": ("TH", "Asia Pacific (Thailand)"),
    "cn-north-1": ("CN-BJ", "China (Beijing), operated by Sinnet"),
    "cn-northwest-1": ("CN-NX", "China (Ningxia), operated by NWCD"),
}
AZURE_REGIONS = {
    "eastus": ("US-VA", "East US, Virginia"),
    "eastus2": ("US-VA", "East US 2, Virginia"),
    "centralus": ("US-IA", "Central US, Iowa"),
    "northcentralus": ("US-IL", "North Central US, Illinois"),
    "southcentralus": ("US-TX", "South Central US, Texas"),
    "westus": ("US-CA", "West US, California"),
    "westus2": ("US-WA", "West US 2, Washington"),
    "westus3": ("US-AZ", "West US 3, Phoenix, Arizona"),
    "westcentralus": ("US-WY", "West Central US, Wyoming"),
    "canadacentral": ("CA-ON", "Canada Central, Toronto"),
    "canadaeast": ("CA-QC", "Canada East, Quebec City"),
    "mexicocentral": ("MX", "Mexico Central, Queretaro"),
    "brazilsouth": ("BR", "Brazil South, Sao Paulo State"),
    "northeurope": ("IE", "North Europe, Ireland"),
    "westeurope": ("NL", "West Europe, Netherlands"),
    "uksouth": ("GB", "UK South, London"),
    "ukwest": ("GB", "UK West, Cardiff"),
    "francecentral": ("FR", "France Central, Paris"),
    "germanywestcentral": ("DE", "Germany West Central, Frankfurt"),
    "swedencentral": ("SE", "Sweden Central, Gavle"),
    "switzerlandnorth": ("CH", "Switzerland North, Zurich"),
    "norwayeast": ("NO", "Norway East, Oslo"),
    "polandcentral": ("PL", "Poland Central, Warsaw"),
    "italynorth": ("IT", "Italy North, Milan"),
    "spaincentral": ("ES", "Spain Central, Madrid"),
    "eastasia": ("HK", "East Asia, Hong Kong"),
    "southeastasia": ("SG", "Southeast Asia, Singapore"),
    "japaneast": ("JP", "Japan East, Tokyo/Saitama"),
    "japanwest": ("JP", "Japan West, Osaka"),
    "koreacentral": ("KR", "Korea Central, Seoul"),
    "koreasouth": ("KR", "Korea South, Busan"),
    "australiaeast": ("AU", "Australia East, New South Wales"),
    "australiasoutheast": ("AU", "Australia Southeast, Victoria"),
    "centralindia": ("IN", "Central India, Pune"),
    "southindia": ("IN", "South India, Chennai"),
    "uaenorth": ("AE", "UAE North, Dubai"),
    "qatarcentral": ("QA", "Qatar Central, Doha"),
    "israelcentral": ("IL", "Israel Central"),
    "southafricanorth": ("ZA", "South Africa North, Johannesburg"),
}


def fmt(x: float) -> str:
    """Plain decimal string, 6 significant decimals, no exponent."""
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


def lognormal_range(value: float, factor: float) -> tuple[str, str]:
    return fmt(value / factor), fmt(value * factor)


def codecarbon_data_dir() -> tuple[str, str]:
    try:
        import codecarbon  # noqa: PLC0415
    except ImportError:
        sys.exit("codecarbon is not installed: pip install codecarbon==3.3.2")
    version = getattr(codecarbon, "__version__", CC_VERSION_FALLBACK)
    return os.path.join(os.path.dirname(codecarbon.__file__), "data"), version


def iso2_of(iso3: str) -> str:
    try:
        import pycountry  # noqa: PLC0415
    except ImportError:
        sys.exit("pycountry is needed for ISO alpha-3 -> alpha-2: pip install pycountry")
    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        raise KeyError(f"no ISO 3166-1 entry for {iso3}")
    return c.alpha_2


def build_grid(data_dir: str, ccv: str) -> list[dict]:
    pi = os.path.join(data_dir, "private_infra")
    rows: list[dict] = []
    pkg = f"CodeCarbon {ccv}"

    # WORLD
    w = WORLD_G_PER_KWH / 1000
    lo, hi = lognormal_range(w, 1.1)
    rows.append(dict(
        factor_id="grid.world", quantity="grid_intensity", region="WORLD", level="world",
        region_name="World", value=fmt(w), unit="kgCO2e/kWh", low=lo, high=hi,
        distribution="lognormal", year=str(WORLD_YEAR),
        source="Ember, Global Electricity Review 2024 (world CO2 intensity of power generation, 2023)",
        url="https://ember-climate.org/insights/research/global-electricity-review-2024/",
        license="CC-BY-4.0",
        notes=("480 gCO2/kWh in 2023, down from 486 in 2022 (Ember 2024 edition, life-cycle factors). "
               "Range: lognormal, 5th/95th = value /1.1 and x1.1; the low end equals the 436 g/kWh that "
               "Ember's 2023 edition gave for 2022 with its earlier method. CodeCarbon's own fallback "
               "(carbon_intensity_per_source.json world_average) is 475 g/kWh (IEA 2019)."),
    ))

    # Countries
    with open(os.path.join(pi, "global_energy_mix.json"), encoding="utf-8") as f:
        mix = json.load(f)
    for iso3 in sorted(mix):
        d = mix[iso3]
        code = iso2_of(iso3)
        g = d.get("carbon_intensity")
        year = int(d["year"])
        total = float(d.get("total_TWh") or 0.0)
        small = total < 10.0 or year < 2022
        factor = 1.6 if small else 1.3
        why = (f"small or older-data grid (total {total:g} TWh, data year {year}): x/1.6 to x1.6"
               if small else f"grid of {total:g} TWh, data year {year}: x/1.3 to x1.3")
        common = dict(
            factor_id=f"grid.{code.lower()}", quantity="grid_intensity", region=code, level="country",
            region_name=d.get("country_name", code), unit="kgCO2e/kWh", year=str(year),
            source=(f"Ember Yearly Electricity Data / Energy Institute Statistical Review, compiled by Our "
                    f"World in Data (carbon_intensity_elec, {year}), via {pkg} "
                    f"data/private_infra/global_energy_mix.json"),
            url="https://ourworldindata.org/grapher/carbon-intensity-electricity",
            license="CC-BY-4.0",
        )
        base_note = ("Location-based, annual average, life-cycle gCO2e/kWh as published by OWID (Ember method), "
                     "converted /1000 to kg. ")
        if not g:
            rows.append(dict(common, value="0", low="0", high="0.1", distribution="triangular",
                             notes=base_note + ("OWID gives 0 for this tiny, almost all-hydro grid; a life-cycle "
                                                "figure would be about 0.02-0.03. Range: triangular 0 to 0.1 "
                                                "(stated assumption).")))
            continue
        v = float(g) / 1000
        lo, hi = lognormal_range(v, factor)
        rows.append(dict(common, value=fmt(v), low=lo, high=hi, distribution="lognormal",
                         notes=base_note + (
                             "No per-country uncertainty is published. Range (stated assumption): lognormal, "
                             + why + ". Basis: between CodeCarbon's 2022-vintage and 2023-vintage OWID files, "
                             "the 75 countries whose data year changed moved by a median 14% and a 90th "
                             "percentile 35% (year-to-year change plus Ember method revisions).")
                         + (" eGRID2023 gives 0.3497 kg/kWh for the US (combustion CO2e, generation-based)."
                            if code == "US" else "")))

    # US states
    with open(os.path.join(pi, "2023", "usa_emissions.json"), encoding="utf-8") as f:
        usa = json.load(f)
    src = usa.get("_source", {})
    year = str(src.get("year", 2023))
    for name, d in sorted(usa.items(), key=lambda kv: str(kv[1].get("regionCode", "")) if isinstance(kv[1], dict) else ""):
        if name.startswith("_") or not isinstance(d, dict) or name == "usa":
            continue
        st = d["regionCode"].upper()
        lbs = float(d["emissions"])
        v = lbs / LB_PER_KG / 1000
        importer = st in ("DC", "VT")
        factor = 2.5 if importer else 1.3
        lo, hi = lognormal_range(v, factor)
        rows.append(dict(
            factor_id=f"grid.us-{st.lower()}", quantity="grid_intensity", region=f"US-{st}",
            level="subdivision", region_name=name.title().replace(" Of ", " of "), value=fmt(v),
            unit="kgCO2e/kWh", low=lo, high=hi, distribution="lognormal", year=year,
            source=(f"US EPA eGRID{year}, state annual CO2e total output emission rate ({src.get('field', 'STC2ERTA')}), "
                    f"via {pkg} data/private_infra/2023/usa_emissions.json"),
            url="https://www.epa.gov/egrid/download-data", license="public-domain (US gov)",
            notes=(f"{lbs:g} lbs/MWh x 0.45359237/1000 = kg/kWh. eGRID rates are combustion-only (CO2+CH4+N2O, no "
                   "upstream/life-cycle) and generation-based (in-state plants; imports/exports not netted). "
                   + ("This state/district generates far less than it consumes or is atypical of its "
                      "wholesale market (DC, VT), so the consumed mix can differ a lot: lognormal x/2.5 to x2.5 "
                      "(stated assumption)." if importer else
                      "Range (stated assumption): lognormal x/1.3 to x1.3 for year-to-year change, imports "
                      "and the missing life-cycle share."))))

    # Canada
    with open(os.path.join(pi, "2023", "canada_energy_mix.json"), encoding="utf-8") as f:
        can = json.load(f)
    with open(os.path.join(pi, "carbon_intensity_per_source.json"), encoding="utf-8") as f:
        per_src = json.load(f)
    for name, d in sorted(can.items(), key=lambda kv: CANADA_CODES[kv[0]][0]):
        code, pname = CANADA_CODES[name]
        total = float(d["total"])
        v = sum(float(d.get(k, 0.0)) / total * fac for k, fac in CC_REGION_FACTORS.items())
        lc = sum(float(d.get(k, 0.0)) / total * float(per_src[CA_LIFECYCLE_KEYS[k]]) / 1000
                 for k in CA_LIFECYCLE_KEYS if k in d)
        low = v * 0.85
        high = max(v * 1.15, lc * 1.15)
        shares = ", ".join(f"{k} {d[k]:g}%" for k in ("hydro", "nuclear", "naturalGas", "coal", "petroleum",
                                                      "wind", "solar", "biomass") if float(d.get(k, 0)) > 0)
        rows.append(dict(
            factor_id=f"grid.{code.lower()}", quantity="grid_intensity", region=code, level="subdivision",
            region_name=pname, value=fmt(v), unit="kgCO2e/kWh", low=fmt(low), high=fmt(high),
            distribution="triangular", year="2023",
            source=(f"Canada Energy Regulator, Canada's Energy Future 2023 data appendices (2023 generation "
                    f"mix by province), via {pkg} data/private_infra/2023/canada_energy_mix.json; "
                    f"intensity computed as CodeCarbon does"),
            url="doi:10.35002/zjr8-8x75", license="OGL-Canada-2.0",
            notes=(f"Mix: {shares}. Value = CodeCarbon's method: sum of share x combustion factor for coal "
                   "0.9957, petroleum 0.8167, natural gas 0.7438 kg/kWh; every other source counts as 0. "
                   f"With life-cycle factors for all sources from CodeCarbon's carbon_intensity_per_source.json "
                   f"(hydro 26, nuclear 29, wind 26, solar 48, biomass 230 g/kWh; tidal as hydro) it would be "
                   f"{lc:.4f} kg/kWh. Range: triangular, low = value x0.85, high = max(value, life-cycle "
                   "variant) x1.15 (stated assumption)."),
        ))

    # China
    with open(os.path.join(pi, "2023", "china_provincial_emissions.json"), encoding="utf-8") as f:
        chn = json.load(f)
    meta = chn.get("metadata", {})
    for code, d in sorted(chn["data"].items()):
        v = float(d["emission_factor"]) / 1000
        rows.append(dict(
            factor_id=f"grid.{code.lower()}", quantity="grid_intensity", region=code, level="subdivision",
            region_name=d.get("description", code), value=fmt(v), unit="kgCO2e/kWh",
            low=fmt(v * 0.85), high=fmt(v * 1.35), distribution="triangular", year=str(d.get("year", 2023)),
            source=(f"Ministry of Ecology and Environment & National Bureau of Statistics of China, Announcement "
                    f"{meta.get('announcement', '2025 No. 47')}, Table 3 provincial average electricity CO2 "
                    f"emission factors 2023, via {pkg} data/private_infra/2023/china_provincial_emissions.json"),
            url=meta.get("source_url", "https://www.mee.gov.cn/"),
            license="public-domain (PRC official document, Copyright Law art. 5)",
            notes=("CO2 only, location-based, net of inter-provincial transfers; not life-cycle and no CH4/N2O, "
                   "so a life-cycle CO2e figure would be higher. Range: triangular, low = value x0.85, "
                   "high = value x1.35 (stated assumption covering the missing upstream share and year change). "
                   "Tibet, Hong Kong, Macao and Taiwan are not in the official table (HK, MO, TW have country rows)."),
        ))
    return rows


def build_cloud(data_dir: str, ccv: str, grid_rows: list[dict]) -> list[dict]:
    grid = {r["region"]: r for r in grid_rows}
    pkg = f"CodeCarbon {ccv}"
    rows: list[dict] = []
    with open(os.path.join(data_dir, "cloud", "impact.csv"), encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            if r["provider"] != "gcp":
                continue
            rid = GCP_ID_FIXES.get(r["region"], r["region"])
            loc = GCP_LOCATION[rid]
            if loc not in grid:
                raise KeyError(f"GCP {rid}: location {loc} missing in grid_intensity")
            g23 = float(r["impact"])
            v = g23 / 1000
            cands = [v * 0.85, v * 1.15]
            if rid in GCP_2024:
                cands.append(GCP_2024[rid] / 1000)
            fix = " CodeCarbon spells this region me-cenrtal1." if rid != r["region"] else ""
            trend = (f" Google's 2024 figure: {GCP_2024[rid]:g} g/kWh." if rid in GCP_2024
                     else " No 2024 figure published (region absent from Google's 2024 file).")
            rows.append(dict(
                factor_id=f"cloud.gcp.{rid}", quantity="grid_intensity", provider="gcp", cloud_region=rid,
                location=loc, value=fmt(v), unit="kgCO2e/kWh", low=fmt(min(cands)), high=fmt(max(cands)),
                distribution="triangular", year="2023",
                source=(f"Google Cloud, Carbon free energy for Google Cloud regions (region-carbon-info "
                        f"data/yearly/2023.csv, grid carbon intensity), via {pkg} data/cloud/impact.csv"),
                url="https://cloud.google.com/sustainability/region-carbon",
                license="CC-BY-4.0 (cloud.google.com content terms)",
                notes=(f"Google's location-based average operational gross grid intensity for the region "
                       f"({r['city']}), {g23:g} gCO2e/kWh for 2023, /1000 to kg; Google CFE% and market-based "
                       f"purchases are not applied.{trend} Range: triangular between min and max of (2023 x0.85, "
                       f"2023 x1.15, 2024 value).{fix}"),
            ))
    for provider, table, doc in (("aws", AWS_REGIONS, AWS_DOC), ("azure", AZURE_REGIONS, AZURE_DOC)):
        for rid, (loc, place) in table.items():
            if loc not in grid:
                raise KeyError(f"{provider} {rid}: location {loc} missing in grid_intensity")
            gr = grid[loc]
            rows.append(dict(
                factor_id=f"cloud.{provider}.{rid}", quantity="grid_intensity", provider=provider,
                cloud_region=rid, location=loc, value=gr["value"], unit=gr["unit"], low=gr["low"],
                high=gr["high"], distribution=gr["distribution"], year=gr["year"], source=gr["source"],
                url=gr["url"], license=gr["license"],
                notes=(f"{rid} = {place} per the provider's region documentation ({doc}). Value, range and "
                       f"source copied from {gr['factor_id']} (location-based grid average of the place); "
                       f"{provider.upper()} publishes no per-region location-based intensity. The provider's "
                       "renewable purchases (market-based) are not reflected."),
            ))
    return rows


def write(path: str, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True,
                    help="a directory for the first-stage tables (factors/ itself is written by "
                         "scripts/factor_builders/grid/build.py, which builds on these rows)")
    args = ap.parse_args()
    data_dir, ccv = codecarbon_data_dir()
    grid = build_grid(data_dir, ccv)
    cloud = build_cloud(data_dir, ccv, grid)
    ids = [r["factor_id"] for r in grid + cloud]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate factor_id")
    for r in grid + cloud:
        assert float(r["low"]) <= float(r["value"]) <= float(r["high"]), r["factor_id"]
        assert not math.isnan(float(r["value"]))
    os.makedirs(args.out, exist_ok=True)
    write(os.path.join(args.out, "grid_intensity.csv"), COLUMNS_GRID, grid)
    write(os.path.join(args.out, "cloud_regions.csv"), COLUMNS_CLOUD, cloud)
    print(f"grid_intensity.csv: {len(grid)} rows; cloud_regions.csv: {len(cloud)} rows")


if __name__ == "__main__":
    main()
