"""Rebuild material_producers.csv from the transcribed USGS MCS 2025 world-production figures.

Input : out/usgs_mcs2025_world_production.csv (one row per country figure, transcribed by hand, see
        README_section.md for where each figure was read)
Output: out/material_producers.csv (same schema and keys as factors/material_producers.csv)

Run from the repository root:  python scripts/factor_builders/mining_labour/build_producers.py

Share = country tonnage / (sum of the country rows + USGS "Other countries"); where USGS prints no
"Other countries" row, OTHER = world total (rounded) - named countries (never below 0). Using the row sum
as denominator makes each material/stage add up to 1 exactly (USGS world totals are rounded, so the
named rows do not add up to them); the notes give both.

Range = how good USGS's 2024 estimate is (uniform, relative to the share, clipped to [0, 1]):
  industrial      +-10%  USGS 2024 figures are preliminary estimates ('e') rounded to 2 significant digits;
                         e.g. cobalt 2023 was 230 kt world / 170 kt DRC in MCS 2024 and was revised in MCS 2025
                         (reference notes: 238 kt / 175 kt, +3-4%). Stated assumption.
  asm             +-35%  countries where artisanal/small-scale mining dominates or output is known to be
                         mis-attributed between neighbours (DRC/Rwanda/Burundi 3T, Nigeria, Burma tin, gold ASM):
                         USGS revised Rwanda tantalum 2023 from 520 t (MCS 2024) to 350 t (MCS 2025, -33%) and
                         Burundi from 36 t to 2 t. Stated assumption built on those revisions.
  trade_estimate  +-30%  rare-earth rows that USGS estimates from China's import data (Burma, Nigeria, Thailand,
                         Madagascar) and China's figure, a quota that excludes undocumented production.
  carried         +-20%  aluminium: tonnages carried over from the earlier factors/ table, not re-read in this pass.
  secondary       +-20%  silicon: tonnages read through a list that cites MCS 2025 (ferrosilicon + silicon metal
                         columns), not through the USGS PDF.
  other           +-50%  the "Other countries" residual.
Dysprosium mine rows use the total rare-earth-oxide split as a proxy, so their range is at least +-35%.
The ranges of one material are not jointly constrained to add up to 1 (sampling them independently slightly
breaks the sum); the model should renormalise if it samples shares.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import OUT, write_table  # noqa: E402

SRC_CSV = OUT / "usgs_mcs2025_world_production.csv"

REL = {"industrial": 0.10, "asm": 0.35, "trade_estimate": 0.30, "carried": 0.20, "secondary": 0.20, "other": 0.50}

CHAPTER = {
    "cobalt": "Cobalt", "tantalum": "Tantalum", "tin": "Tin", "tungsten": "Tungsten", "copper": "Copper",
    "gold": "Gold", "silver": "Silver", "palladium": "Platinum-group metals (palladium)",
    "platinum": "Platinum-group metals (platinum)", "nickel": "Nickel", "lithium": "Lithium",
    "gallium": "Gallium (primary low-purity production)", "indium": "Indium (refinery production)",
    "rare_earths": "Rare earths (mine production, t REO)", "aluminium": "Aluminum (primary smelter production)",
    "silicon": "Silicon (ferrosilicon + silicon metal, Si content)",
}

CHECK_NOTE = {
    "secondary_verbatim": ("Figures read through a third-party verification file that quotes the USGS table rows "
                           "verbatim (e.g. 'Congo (Kinshasa) ... 220,000'); the USGS PDF itself was not opened in "
                           "this pass."),
    "ocr_of_pdf": ("Figures read through an OCR/markdown copy of mcs2025-rare-earths.pdf (GitHub NSSAC/dpi.RAG, "
                   "data/marker/mcs2025-rare-earths.md), graded solid in the project reference notes."),
    "carried_unchecked": ("Tonnages carried over from the earlier factors/material_producers.csv (MCS 2025, "
                          "'not re-checked against the PDF'); not re-read in this pass."),
    "secondary_list": ("Figures read through the Wikipedia 'List of countries by silicon production' (2024 columns, "
                       "ref. USGS Mineral Commodity Summaries 2025: ferrosilicon + silicon metal, e.g. world "
                       "5,100 + 4,600 = 9,700 kt; China 3,500 + 3,900 = 7,400 kt); China's and the world's silicon "
                       "metal figures agree with a quotation of mcs2025-silicon.pdf, and the other rows' "
                       "ferrosilicon/metal splits with MCS 2026. The USGS PDF itself was not opened. (An earlier "
                       "table carried older tonnages: China 6,600, world 9,000, United States 310 from MCS 2023.)"),
}

CLASS_NOTE = {
    "industrial": "range +-10% relative: USGS 2024 estimate rounded to 2 significant digits (stated assumption)",
    "asm": ("range +-35% relative: artisanal/small-scale or cross-border-attributed output; USGS revisions of such "
            "rows reach -33% (Rwanda Ta 2023: 520 t -> 350 t) (stated assumption)"),
    "trade_estimate": "range +-30% relative: USGS estimate derived from China's import data or a quota (stated assumption)",
    "carried": "range +-20% relative: tonnage carried from the earlier table, not re-checked (stated assumption)",
    "secondary": "range +-20% relative: tonnage read through a secondary list citing USGS (stated assumption)",
    "other": "range +-50% relative: residual of named countries (stated assumption)",
}

SPECIAL = {
    ("rare_earths", "CN"): "USGS: production quota, does not include undocumented production.",
    ("rare_earths", "MM"): "USGS: estimated from China's import data.",
    ("rare_earths", "NG"): "USGS: estimated from China's import data. Nigeria is on the EU CAHRA indicative list.",
    ("rare_earths", "TH"): "USGS: estimated from China's import data.",
    ("rare_earths", "MG"): "USGS: estimated from China's import data.",
    ("tantalum", "RW"): "Rwandan output is documented to include coltan smuggled from North Kivu, DRC (UN Group of Experts S/2024/969, as cited in the verification file).",
    ("tantalum", "CD"): "Rubaya (North Kivu), ~15% of world coltan, under M23 control from 2024 (as cited in the verification file).",
    ("tin", "MM"): "Wa State (>70% of Burma's tin) suspended mining from Aug 2023 (ITA via mining.com, reference notes).",
    ("tin", "CD"): "Named explicitly (earlier table had DRC inside OTHER).",
    ("tungsten", "OTHER"): "DR Congo is not named in the MCS 2025 tungsten table: its wolframite is inside 'Other countries'.",
    ("cobalt", "CD"): "DRC suspended cobalt exports from 22 Feb 2025 and set quotas of 96,600 t/yr for 2026-27 (~44% of its 2024 output; reference notes): 2024 mine shares misstate 2025-27 traded supply.",
    ("lithium", "OTHER"): "USGS withholds U.S. production; the world total excludes it, so the U.S. is absent here.",
    ("silicon", "OTHER"): "USGS withholds U.S. production; the world total excludes it, so the U.S. is absent here.",
    ("gallium", "OTHER"): "Named rows (762 t) exceed the rounded world total (760 t): no residual.",
}

# Rare-earth separation/refining: USGS publishes no country split; carried from the earlier table (IEA).
REE_REFINERY = [
    ("CN", 0.9, 0.85, 0.95, "Share of rare-earth separation/refining (all REEs). Value as commonly quoted from IEA 2024; range +-5 points (stated). Carried unchanged from factors/material_producers.csv."),
    ("OTHER", 0.1, 0.05, 0.15, "OTHER = 1 - China share (Malaysia, Japan, Estonia, others). Carried unchanged from factors/material_producers.csv."),
]
IEA_SRC = "IEA Global Critical Minerals Outlook 2024 (China ~90% of rare-earth refining/separation)"
IEA_URL = "https://www.iea.org/reports/global-critical-minerals-outlook-2024"

USGS_URL = "doi:10.3133/mcs2025 ; data release doi:10.5066/P13XCP3R"
USGS_LIC = "public-domain (US gov)"


def read_rows():
    with SRC_CSV.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def shares_for(metal, stage, rows):
    named = [r for r in rows if r["country"] not in ("WORLD", "OTHER")]
    other = [r for r in rows if r["country"] == "OTHER"]
    world = [r for r in rows if r["country"] == "WORLD"]
    world_t = float(world[0]["production"]) if world else None
    named_sum = sum(float(r["production"]) for r in named)
    if other:
        other_t, other_how = float(other[0]["production"]), "USGS 'Other countries' row"
        other_check = other[0]["check"]
    else:
        other_t = max((world_t or named_sum) - named_sum, 0.0)
        other_how = "world total (rounded) - named countries"
        other_check = named[0]["check"]
    denom = named_sum + other_t
    unit = named[0]["unit"]
    page = named[0]["page"]
    out = []
    for r in sorted(named, key=lambda r: (-float(r["production"]), r["country"])):
        t = float(r["production"])
        out.append(dict(country=r["country"], share=round(t / denom, 6), tonnage=t, quality=r["quality"],
                        check=r["check"], row=r["usgs_row"]))
    other_share = round(1 - sum(o["share"] for o in out), 6)
    if other_share < 0:
        other_share = 0.0
    out.append(dict(country="OTHER", share=other_share, tonnage=other_t, quality="other", check=other_check,
                    row=other_how))
    return out, denom, world_t, unit, page


def make_row(material, stage, o, denom, world_t, unit, page, proxy=False):
    rel = REL[o["quality"]]
    if material == "dysprosium":
        rel = max(rel, 0.35)
    v = o["share"]
    if v == 0:
        lo = hi = 0.0
        dist = "constant"
    else:
        lo, hi = round(max(v * (1 - rel), 0.0), 6), round(min(v * (1 + rel), 1.0), 6)
        dist = "uniform"
    src_metal = "rare_earths" if proxy else material
    chap = CHAPTER[src_metal]
    page_txt = f", p.{page}" if page else ""
    carried = o["check"] == "carried_unchecked"
    source = (f"U.S. Geological Survey, Mineral Commodity Summaries 2025 (2024 estimated production), {chap}, "
              f"World {'Mine' if stage == 'mine' else 'Refinery/Smelter'} Production table{page_txt}")
    if carried:
        source += " (as transcribed in the earlier factors/material_producers.csv)"
    if o["country"] == "OTHER":
        arith = f"OTHER = 1 - sum of named shares = {v:.6f}; residual tonnage {o['tonnage']:g} ({o['row']})."
    else:
        arith = f"share = {o['tonnage']:g} / {denom:g} = {v:.6f} (USGS row '{o['row']}')."
    world_txt = f" USGS world total (rounded) {world_t:g}; country rows incl. other sum to {denom:g}." if world_t else ""
    notes = [arith, f"Units: {unit}.{world_txt}", CLASS_NOTE[o["quality"]] + ".", CHECK_NOTE[o["check"]]]
    if proxy:
        notes.append(f"{material.capitalize()} share assumed equal to the total rare-earth-oxide share (proxy)."
                     + (" Heavy REEs come mostly from ion-adsorption clays in China and Burma, so Burma's share of Dy "
                        "is understated (reference notes: Burma ~half of China's heavy-REE feed, weak)."
                        if material == "dysprosium" else ""))
    sp = SPECIAL.get((src_metal, o["country"]))
    if sp:
        notes.append(sp)
    return dict(factor_id=f"prod.{material}.{stage}.{o['country'].lower()}", quantity="share",
                material=material, country=o["country"], stage=stage, value=v, unit="fraction",
                low=lo, high=hi, distribution=dist, year=2024, source=source, url=USGS_URL,
                license=USGS_LIC, notes=" ".join(notes))


def main():
    rows = read_rows()
    groups = {}
    for r in rows:
        groups.setdefault((r["metal"], r["stage"]), []).append(r)
    out = []
    order = ["cobalt", "tantalum", "tin", "tungsten", "gallium", "indium", "rare_earths", "gold", "silver",
             "palladium", "platinum", "copper", "nickel", "aluminium", "silicon", "lithium"]
    for metal in order:
        for stage in ("mine", "refinery"):
            if (metal, stage) not in groups:
                continue
            shares, denom, world_t, unit, page = shares_for(metal, stage, groups[(metal, stage)])
            targets = ["neodymium", "dysprosium"] if metal == "rare_earths" else [metal]
            for material in targets:
                for o in shares:
                    out.append(make_row(material, stage, o, denom, world_t, unit, page,
                                        proxy=metal == "rare_earths"))
                if metal == "rare_earths":
                    for cc, v, lo, hi, note in REE_REFINERY:
                        out.append(dict(factor_id=f"prod.{material}.refinery.{cc.lower()}", quantity="share",
                                        material=material, country=cc, stage="refinery", value=v,
                                        unit="fraction", low=lo, high=hi, distribution="uniform", year=2023,
                                        source=IEA_SRC, url=IEA_URL, license="CC-BY-4.0", notes=note))
    write_table("material_producers.csv", ["material", "country", "stage"], out)


if __name__ == "__main__":
    main()
