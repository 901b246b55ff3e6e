#!/usr/bin/env python3
"""Build factors/electricity_impacts.csv: primary energy (pe, MJ/kWh) and abiotic depletion of
elements (adpe, kgSbeq/kWh) of 1 kWh of electricity consumed, per country plus a WORLD row.

Maintainer tool. It does not use the network. It reads ONE input file, fetched beforehand:

    Boavizta boaviztapi, tag v2.4.1 (commit 15878f045bf06bc6ed685c7266c39f7e8498ab94),
    boaviztapi/data/crowdsourcing/electrical_mix.csv
    sha256 fc80e0545d26735cc5fdfe43ea61b25b3ce67dccf4d8bdbda88642e71e7439ec
    (file unchanged since boaviztapi commit c673ee6, April 2023, "adding PEF electrical impact factors")

Get it with e.g.:
    git clone https://github.com/Boavizta/boaviztapi
    git -C boaviztapi show v2.4.1:boaviztapi/data/crowdsourcing/electrical_mix.csv > electrical_mix.csv

Usage:
    python3 scripts/build_electricity_impacts.py electrical_mix.csv [-o factors/electricity_impacts.csv]
        [--boavizta-version 2.4.1]

What it takes from that file (one column per ISO 3166-1 alpha-3 code, one row per indicator; the
row key is in the 7th column, "name"):
  - row "adpe": ADEME Base IMPACTS, EF "Minerals and metal resource use" [kg Sb eq/kWh], ref. year 2011
  - row "pe":   Boavizta's primary energy estimate [MJ/kWh] = adpf / (1 - renewable share)
  - rows "adpf" (ADEME, EF "Fossil resource use", MJ/kWh, 2011) and "renewable_energy" (IRENA 2016
    via Wikipedia), only to document each pe value and to classify how reliable it is.
Region codes: WOR -> WORLD; EEE (Boavizta's Europe average) is dropped (no ISO code);
SCG ("Serbie", Serbia and Montenegro) -> RS; ANT (Netherlands Antilles, dissolved 2010) -> its
successors CW, SX, BQ (adpe only: Boavizta has no pe for ANT).

Uncertainty ranges are not in the source; the stated assumptions are in RANGE_* below and in the
notes column of every row. See factors/README.md (section "electricity_impacts").
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import sys
from pathlib import Path

EXPECTED_SHA256 = "fc80e0545d26735cc5fdfe43ea61b25b3ce67dccf4d8bdbda88642e71e7439ec"
BZ_PATH = "boaviztapi/data/crowdsourcing/electrical_mix.csv"
BZ_URL = "https://github.com/Boavizta/boaviztapi/blob/v{v}/" + BZ_PATH
BZ_DOC = "https://doc.api.boavizta.org/Explanations/usage/elec_factors/"
ADEME_URL = "https://base-impacts.ademe.fr/"

HEADER = ["factor_id", "quantity", "region", "level", "region_name", "value", "unit", "low", "high",
          "distribution", "year", "source", "url", "license", "notes"]

# Ranges (no published uncertainty in the source; stated assumptions).
RANGE_ADPE = (0.5, 2.0)        # lognormal 5th/95th percentile multipliers
RANGE_PE_LOW_RE = (0.8, 1.25)  # renewable share < 0.5: amplification 1/(1-s) < 2
RANGE_PE_MID_RE = (0.6, 1.67)  # 0.5 <= share < 0.8: amplification 2-5
PE_FLOOR = 3.6                 # MJ in 1 kWh: floor of total primary energy per kWh
PE_EU_DEFAULT = 9.0            # 2.5 x 3.6 MJ: EU default primary energy factor (Dir. 2012/27/EU Annex IV)

SPECIAL = {
    "WOR": [("WORLD", "world", "World")],
    "SCG": [("RS", "country", "Serbia")],
    "ANT": [("CW", "country", "Curaçao"), ("SX", "country", "Sint Maarten (Dutch part)"),
            ("BQ", "country", "Bonaire, Sint Eustatius and Saba")],
}
SKIP = {"EEE": "Boavizta Europe average, no ISO 3166-1 code"}

# ISO 3166-1 alpha-3 -> (alpha-2, short English name)
ISO3 = {
    "AGO": ("AO", "Angola"),
    "ALB": ("AL", "Albania"),
    "ARE": ("AE", "United Arab Emirates"),
    "ARG": ("AR", "Argentina"),
    "ARM": ("AM", "Armenia"),
    "AUS": ("AU", "Australia"),
    "AUT": ("AT", "Austria"),
    "AZE": ("AZ", "Azerbaijan"),
    "BEL": ("BE", "Belgium"),
    "BEN": ("BJ", "Benin"),
    "BGD": ("BD", "Bangladesh"),
    "BGR": ("BG", "Bulgaria"),
    "BHR": ("BH", "Bahrain"),
    "BIH": ("BA", "Bosnia and Herzegovina"),
    "BLR": ("BY", "Belarus"),
    "BOL": ("BO", "Bolivia"),
    "BRA": ("BR", "Brazil"),
    "BRN": ("BN", "Brunei"),
    "BWA": ("BW", "Botswana"),
    "CAN": ("CA", "Canada"),
    "CHE": ("CH", "Switzerland"),
    "CHL": ("CL", "Chile"),
    "CHN": ("CN", "China"),
    "CIV": ("CI", "Côte d'Ivoire"),
    "CMR": ("CM", "Cameroon"),
    "COD": ("CD", "Democratic Republic of the Congo"),
    "COG": ("CG", "Republic of the Congo"),
    "COL": ("CO", "Colombia"),
    "CRI": ("CR", "Costa Rica"),
    "CUB": ("CU", "Cuba"),
    "CYP": ("CY", "Cyprus"),
    "CZE": ("CZ", "Czechia"),
    "DEU": ("DE", "Germany"),
    "DNK": ("DK", "Denmark"),
    "DOM": ("DO", "Dominican Republic"),
    "DZA": ("DZ", "Algeria"),
    "ECU": ("EC", "Ecuador"),
    "EGY": ("EG", "Egypt"),
    "ERI": ("ER", "Eritrea"),
    "ESP": ("ES", "Spain"),
    "EST": ("EE", "Estonia"),
    "ETH": ("ET", "Ethiopia"),
    "FIN": ("FI", "Finland"),
    "FRA": ("FR", "France"),
    "GAB": ("GA", "Gabon"),
    "GBR": ("GB", "United Kingdom"),
    "GEO": ("GE", "Georgia"),
    "GHA": ("GH", "Ghana"),
    "GIB": ("GI", "Gibraltar"),
    "GRC": ("GR", "Greece"),
    "GTM": ("GT", "Guatemala"),
    "HKG": ("HK", "Hong Kong"),
    "HND": ("HN", "Honduras"),
    "HRV": ("HR", "Croatia"),
    "HTI": ("HT", "Haiti"),
    "HUN": ("HU", "Hungary"),
    "IDN": ("ID", "Indonesia"),
    "IND": ("IN", "India"),
    "IRL": ("IE", "Ireland"),
    "IRN": ("IR", "Iran"),
    "IRQ": ("IQ", "Iraq"),
    "ISL": ("IS", "Iceland"),
    "ISR": ("IL", "Israel"),
    "ITA": ("IT", "Italy"),
    "JAM": ("JM", "Jamaica"),
    "JOR": ("JO", "Jordan"),
    "JPN": ("JP", "Japan"),
    "KAZ": ("KZ", "Kazakhstan"),
    "KEN": ("KE", "Kenya"),
    "KGZ": ("KG", "Kyrgyzstan"),
    "KHM": ("KH", "Cambodia"),
    "KOR": ("KR", "South Korea"),
    "KWT": ("KW", "Kuwait"),
    "LBN": ("LB", "Lebanon"),
    "LBY": ("LY", "Libya"),
    "LKA": ("LK", "Sri Lanka"),
    "LTU": ("LT", "Lithuania"),
    "LUX": ("LU", "Luxembourg"),
    "LVA": ("LV", "Latvia"),
    "MAR": ("MA", "Morocco"),
    "MDA": ("MD", "Moldova"),
    "MEX": ("MX", "Mexico"),
    "MKD": ("MK", "North Macedonia"),
    "MLT": ("MT", "Malta"),
    "MMR": ("MM", "Myanmar"),
    "MNG": ("MN", "Mongolia"),
    "MOZ": ("MZ", "Mozambique"),
    "MYS": ("MY", "Malaysia"),
    "NAM": ("NA", "Namibia"),
    "NGA": ("NG", "Nigeria"),
    "NIC": ("NI", "Nicaragua"),
    "NLD": ("NL", "Netherlands"),
    "NOR": ("NO", "Norway"),
    "NPL": ("NP", "Nepal"),
    "NZL": ("NZ", "New Zealand"),
    "OMN": ("OM", "Oman"),
    "PAK": ("PK", "Pakistan"),
    "PAN": ("PA", "Panama"),
    "PER": ("PE", "Peru"),
    "PHL": ("PH", "Philippines"),
    "POL": ("PL", "Poland"),
    "PRK": ("KP", "North Korea"),
    "PRT": ("PT", "Portugal"),
    "PRY": ("PY", "Paraguay"),
    "QAT": ("QA", "Qatar"),
    "ROU": ("RO", "Romania"),
    "RUS": ("RU", "Russia"),
    "SAU": ("SA", "Saudi Arabia"),
    "SDN": ("SD", "Sudan"),
    "SEN": ("SN", "Senegal"),
    "SGP": ("SG", "Singapore"),
    "SLV": ("SV", "El Salvador"),
    "SVK": ("SK", "Slovakia"),
    "SVN": ("SI", "Slovenia"),
    "SWE": ("SE", "Sweden"),
    "SYR": ("SY", "Syria"),
    "TGO": ("TG", "Togo"),
    "THA": ("TH", "Thailand"),
    "TJK": ("TJ", "Tajikistan"),
    "TKM": ("TM", "Turkmenistan"),
    "TTO": ("TT", "Trinidad and Tobago"),
    "TUN": ("TN", "Tunisia"),
    "TUR": ("TR", "Türkiye"),
    "TWN": ("TW", "Taiwan"),
    "TZA": ("TZ", "Tanzania"),
    "UKR": ("UA", "Ukraine"),
    "URY": ("UY", "Uruguay"),
    "USA": ("US", "United States"),
    "UZB": ("UZ", "Uzbekistan"),
    "VEN": ("VE", "Venezuela"),
    "VNM": ("VN", "Vietnam"),
    "YEM": ("YE", "Yemen"),
    "ZAF": ("ZA", "South Africa"),
    "ZMB": ("ZM", "Zambia"),
    "ZWE": ("ZW", "Zimbabwe"),
}


def fmt(x: float) -> str:
    return f"{x:.6g}"


def read_mix(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    codes = rows[0][7:]
    table: dict[str, list[str]] = {}
    for r in rows[2:]:
        key = r[6]
        if key in ("adpe", "pe", "adpf", "renewable_energy"):
            if key in table:
                sys.exit(f"duplicate row {key!r} in {path}")
            table[key] = r[7:]
    missing = {"adpe", "pe", "adpf", "renewable_energy"} - set(table)
    if missing:
        sys.exit(f"rows missing in {path}: {sorted(missing)}")
    return codes, table


def regions_for(code: str):
    if code in SPECIAL:
        return SPECIAL[code]
    if code in ISO3:
        a2, name = ISO3[code]
        return [(a2, "country", name)]
    sys.exit(f"unknown Boavizta area code {code!r}: add it to ISO3/SPECIAL/SKIP")


def build(mix: Path, version: str) -> list[list[str]]:
    codes, t = read_mix(mix)
    via = f"via Boavizta boaviztapi {version} {BZ_PATH}"
    bz_url = BZ_URL.format(v=version)
    out = []
    for i, code in enumerate(codes):
        if code in SKIP:
            continue
        adpe_s, pe_s = t["adpe"][i].strip(), t["pe"][i].strip()
        adpf_s, re_s = t["adpf"][i].strip(), t["renewable_energy"][i].strip()
        for region, level, name in regions_for(code):
            rid = region.lower()
            succ = ""
            if code == "ANT":
                succ = ("Boavizta area ANT (Netherlands Antilles, dissolved 2010) applied to this successor "
                        "territory (assumption: same grid data). ")
            if code == "SCG":
                succ = "Boavizta area SCG ('Serbie', former Serbia and Montenegro code) mapped to RS. "
            # --- adpe ---
            if adpe_s:
                v = float(adpe_s)
                lo, hi = v * RANGE_ADPE[0], v * RANGE_ADPE[1]
                out.append([
                    f"elec.{rid}.adpe", "adpe", region, level, name, fmt(v), "kgSbeq/kWh", fmt(lo), fmt(hi),
                    "lognormal", "2011",
                    "ADEME Base IMPACTS, national electricity mix dataset, EF 'Minerals and metal "
                    f"resource use' (ADP elements), reference year 2011, {via} (row adpe, column {code})",
                    ADEME_URL,
                    "ADEME Base IMPACTS terms of use (figures quoted as facts); redistributed in boaviztapi "
                    "(AGPL-3.0)",
                    succ + f"Boavizta file: {bz_url}. Value as published (kg Sb eq per kWh). Range: lognormal, "
                    "5th/95th = x0.5/x2 (no published range; stated assumption: 2011 inventory vintage, ADPe "
                    "of electricity driven by grid/plant infrastructure metals and sensitive to the wind/PV "
                    "share that has grown since 2011; EF rates this indicator robustness level III).",
                ])
            # --- pe ---
            if not pe_s:
                continue
            v = float(pe_s)
            adpf = float(adpf_s) if adpf_s else None
            share = float(re_s.rstrip("%")) / 100 if re_s else None
            inputs = (f"Boavizta pe = ADPf / (1 - renewable share) with ADPf {adpf_s} MJ/kWh (ADEME Base "
                      f"IMPACTS 2011) and renewable share {re_s} (IRENA 2016 production share via Wikipedia). ")
            if share is None or share >= 0.8 or v < PE_FLOOR:
                lo = min(v * 0.85, PE_FLOOR)
                hi = max(v * 1.15, PE_EU_DEFAULT)
                dist = "uniform"
                why = []
                if share is not None and share >= 0.999:
                    why.append("renewable share 100% so Boavizta keeps ADPf undivided (fossil part only)")
                elif share is not None and share >= 0.8:
                    why.append(f"1/(1-share) amplifies ADPf {1 / (1 - share):.0f}x, so small errors in the "
                               "share (e.g. production vs consumption mix, 2011 vs 2016 data) swing the result")
                if v < PE_FLOOR:
                    why.append("value is below 3.6 MJ, the energy content of the kWh itself, so it cannot "
                               "be total primary energy")
                rng = ("LOW RELIABILITY: " + "; ".join(why) + ". Value kept as Boavizta publishes it "
                       "(reproduces BoaviztAPI). Range: uniform, bounds = min(0.85 x value, 3.6 MJ/kWh "
                       "[energy content of 1 kWh, physical-energy-content floor]) to max(1.15 x value, 9.0 "
                       "MJ/kWh [EU default primary energy factor 2.5, Directive 2012/27/EU Annex IV]); "
                       "stated assumption, no published range.")
            elif share >= 0.5:
                lo, hi = v * RANGE_PE_MID_RE[0], v * RANGE_PE_MID_RE[1]
                dist = "lognormal"
                rng = ("Range: lognormal, 5th/95th = x0.6/x1.67 (no published range; stated assumption: "
                       f"renewable share {share:.0%} amplifies ADPf {1 / (1 - share):.1f}x, plus 2011/2016 "
                       "data vintage).")
            else:
                lo, hi = v * RANGE_PE_LOW_RE[0], v * RANGE_PE_LOW_RE[1]
                dist = "lognormal"
                rng = ("Range: lognormal, 5th/95th = x0.8/x1.25 (no published range; stated assumption: "
                       "2011 ADPf and 2016 renewable share vs today's grid, formula approximation).")
            out.append([
                f"elec.{rid}.pe", "pe", region, level, name, fmt(v), "MJ/kWh", fmt(lo), fmt(hi), dist, "2016",
                "Boavizta estimate from ADEME Base IMPACTS 'Fossil resource use' per kWh (2011) and IRENA "
                "renewable electricity share 2016 (Wikipedia 'List of countries by renewable electricity "
                f"production'), {via} (row pe, column {code}); method: {BZ_DOC}",
                BZ_DOC,
                "boaviztapi (AGPL-3.0); inputs: ADEME Base IMPACTS terms of use (facts), Wikipedia/IRENA "
                "(CC-BY-SA-4.0)",
                succ + inputs + f"Boavizta file: {bz_url}. " + rng,
            ])
    order = {"world": 0, "country": 1}
    out.sort(key=lambda r: (order[r[3]], r[2], r[1]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mix", type=Path, help="path to a local copy of boaviztapi electrical_mix.csv")
    ap.add_argument("-o", "--out", type=Path,
                    default=Path(__file__).resolve().parent.parent / "factors" / "electricity_impacts.csv")
    ap.add_argument("--boavizta-version", default="2.4.1")
    a = ap.parse_args()
    digest = hashlib.sha256(a.mix.read_bytes()).hexdigest()
    if digest != EXPECTED_SHA256:
        print(f"warning: {a.mix} sha256 {digest} differs from the v2.4.1 file; check the version string "
              "and the region mapping", file=sys.stderr)
    rows = build(a.mix, a.boavizta_version)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {a.out}")


if __name__ == "__main__":
    main()
