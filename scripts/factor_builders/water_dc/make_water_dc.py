"""Build factors/electricity_water.csv and factors/datacenters.csv. Run from the repository root:

    python scripts/factor_builders/water_dc/make_water_dc.py                       # from inputs.csv (in the repo)
    python scripts/factor_builders/water_dc/make_water_dc.py --extract ECOLOGITS   # rebuild inputs.csv first

inputs.csv (next to this script) holds what the tables are computed from: per ISO3 country the WRI water
consumption factor as EcoLogits ships it (ecologits/data/electricity_mixes.csv, column wue, at commit 2d0a1c7 of
genai-impact/ecologits) and the hydro and total generation [TWh] of CodeCarbon's global_energy_mix.json (OWID/Ember,
codecarbon 3.3.2). ``--extract`` rebuilds it from an EcoLogits checkout and the installed codecarbon.
"""
import argparse, csv, json, os, subprocess, pycountry
HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "inputs.csv")


def extract(ecologits: str) -> None:
    """inputs.csv from an EcoLogits checkout (git) and the installed codecarbon's energy mix."""
    from importlib.resources import files

    txt = subprocess.run(["git", "-C", ecologits, "show", "2d0a1c7:ecologits/data/electricity_mixes.csv"],
                         capture_output=True, text=True, check=True).stdout
    mix = json.loads((files("codecarbon") / "data" / "private_infra" / "global_energy_mix.json").read_text())
    with open(INPUTS, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["iso3", "wue", "hydroelectricity_TWh", "total_TWh"])
        for r in csv.DictReader(txt.splitlines()):
            m = mix.get(r["name"]) or {}
            w.writerow([r["name"], r["wue"], m.get("hydroelectricity_TWh", ""), m.get("total_TWh", "")])


ap = argparse.ArgumentParser()
ap.add_argument("--extract", metavar="ECOLOGITS", help="rebuild inputs.csv from this EcoLogits checkout first")
args = ap.parse_args()
if args.extract:
    extract(args.extract)
with open(INPUTS, newline="", encoding="utf-8") as fh:
    INPUT_ROWS = list(csv.DictReader(fh))
def fmt(x): 
    s = f"{x:.6f}".rstrip("0").rstrip("."); return s
COLS_W = ["factor_id","quantity","region","level","region_name","value","unit","low","high","distribution","year","source","url","license","notes"]
rows = []
SRC = ("World Resources Institute: Reig P., Luo T., Christensen E., Sinistore J., Guidance for Calculating Water Use "
       "Embedded in Purchased Electricity, WRI working paper 2020 (country grid-average consumption factors), "
       "via EcoLogits (genai-impact/ecologits, commit 2d0a1c7) ecologits/data/electricity_mixes.csv column wue")
URL = "https://www.wri.org/research/guidance-calculating-water-use-embedded-purchased-electricity"
for r in INPUT_ROWS:
    iso3, v = r["iso3"], float(r["wue"])
    if iso3 == "WOR":
        code, level, name, hyd = "WORLD", "world", "World", None
    else:
        c = pycountry.countries.get(alpha_3=iso3); code, level, name = c.alpha_2, "country", getattr(c, "common_name", c.name)
        hyd = (float(r["hydroelectricity_TWh"]) / float(r["total_TWh"])) if r["total_TWh"] and float(r["total_TWh"]) else None
    f = 3.0 if (hyd is not None and hyd >= 0.30) else 2.0
    why = (f"hydro is {hyd:.0%} of generation (OWID/Ember via CodeCarbon), and hydro reservoir evaporation and its "
           "allocation between uses dominate this figure: lognormal x/3 to x3" if f == 3.0 else
           (f"hydro share {hyd:.0%}" if hyd is not None else "world mix") + ": lognormal x/2 to x2")
    extra = ""
    if code == "US": extra = " Li et al. 2023 (arXiv:2304.03271) use 3.14 L/kWh for the US average, consistent with this value."
    if code == "WORLD": extra = " Used as the fallback for countries without a row."
    rows.append(dict(factor_id=f"ewif.{code.lower()}", quantity="electricity_water_intensity", region=code, level=level,
        region_name=name, value=fmt(v), unit="L/kWh", low=fmt(v/f), high=fmt(v*f), distribution="lognormal", year="2020",
        source=SRC, url=URL, license="CC-BY-4.0 (WRI); EcoLogits code MPL-2.0",
        notes=("Water consumed (not withdrawn) per kWh of grid electricity, grid-average, includes hydropower "
               "evaporation per the WRI method; EcoLogits' commit 0adc8ab states the wue column comes from WRI. "
               "Figures not re-checked against the WRI appendix spreadsheet here; year = WRI publication year "
               "(underlying generation data are older). No published uncertainty; range is a stated assumption "
               "because reported EWIF for the same grid differ several-fold between methods (e.g. Macknick et al. "
               "2012 doi:10.1088/1748-9326/7/4/045802 per-technology ranges; Mekonnen et al. 2015 hydro 0.3-850000 "
               "m3/TJ): " + why + "." + extra)))
rows.sort(key=lambda r: (r["level"] != "world", r["region"]))
with open("factors/electricity_water.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, fieldnames=COLS_W, lineterminator="\n"); w.writeheader(); w.writerows(rows)
print("ewif rows", len(rows))

COLS_D = ["factor_id","quantity","provider","scope","value","unit","low","high","distribution","year","source","url","license","notes"]
P = "proprietary (facts)"
D = [
 # provider, scope, qty, value, low, high, dist, year, source, url, notes
 ("google","fleet","pue",1.10,1.08,1.16,"triangular",2023,
  "Google, 2024 Environmental Report (average annual PUE of Google-owned data centers, 2023)",
  "https://www.gstatic.com/gumdrop/sustainability/google-2024-environmental-report.pdf",
  "Fleet-wide annual average 1.10 vs industry 1.58 (as stated by Google). Range for a single Google region: triangular 1.08-1.16, stated assumption (site and year variation; per-campus figures not re-checked here)."),
 ("google","fleet","wue",1.06,0.85,1.3,"triangular",2023,
  "Derived from Google, 2024 Environmental Report: 6.1 billion US gallons of water consumed by data centers in 2023 and 24 TWh data-center electricity, PUE 1.10",
  "https://www.gstatic.com/gumdrop/sustainability/google-2024-environmental-report.pdf",
  "Google publishes no fleet WUE. Derived: 6.1e9 gal x 3.785 L/gal = 23.1e9 L; IT energy = 24e9 kWh / 1.10 = 21.8e9 kWh; 23.1/21.8 = 1.06 L per IT kWh (0.96 per facility kWh). Derived estimate, not a published WUE. Range: triangular 0.85-1.3 (stated assumption; sites range from air-cooled to evaporative)."),
 ("aws","fleet","pue",1.15,1.04,1.25,"triangular",2024,
  "Amazon, AWS sustainability pages / 2024 Amazon Sustainability Report: AWS global PUE 2024",
  "https://sustainability.aboutamazon.com/products-services/the-cloud",
  "Global PUE 1.15 in 2024 (1.14 reported for 2025). Range: low 1.04 = AWS best-performing site (Europe) 2024; high 1.25 = public-cloud industry average that AWS quotes from IDC (Doc US51911924, Jan 2025)."),
 ("aws","fleet","wue",0.18,0.12,0.25,"triangular",2023,
  "Amazon, 2023 Amazon Sustainability Report (AWS global WUE 2023)",
  "https://sustainability.aboutamazon.com/products-services/the-cloud",
  "On-site water per kWh of IT energy. 0.18 L/kWh for 2023 as reported by AWS (figure from the project brief's survey; the AWS page text here was truncated before the number). High 0.25 = AWS's first reported WUE (2021, AWS re:Invent 2022 announcement); low 0.12 stated assumption."),
 ("azure","fleet","pue",1.18,1.12,1.4,"triangular",2022,
  "Microsoft, 'How Microsoft measures datacenter water and energy use to improve Azure Cloud sustainability' (Azure blog, N. Walsh, April 2022) and Microsoft 2024 Environmental Sustainability Report",
  "https://azure.microsoft.com/en-us/blog/how-microsoft-measures-datacenter-water-and-energy-use-to-improve-azure-cloud-sustainability/",
  "Microsoft gives a design PUE of 1.12 for its newest datacenters and an operating fleet PUE about 1.18 (global figure shown as an image in the 2022 blog; not text-verified here). Range: low 1.12 = design PUE; high 1.40 = stated assumption for hot-climate sites (Microsoft says Asia Pacific operating PUE is notably higher)."),
 ("azure","fleet","wue",0.30,0.2,0.49,"triangular",2023,
  "Microsoft 2024 Environmental Sustainability Report (datacenter WUE, fiscal year 2023)",
  "https://www.microsoft.com/en-us/corporate-responsibility/sustainability/report",
  "Fleet WUE 0.30 L/kWh in FY23, a 39% improvement on the 0.49 L/kWh reported for 2021. Range: high 0.49 = FY21 published value; low 0.20 stated assumption (Microsoft reports 0.27 for 2025 in later communications; not verified here). Water for humidification and cooling per kWh IT energy."),
 ("meta","fleet","pue",1.08,1.06,1.10,"triangular",2023,
  "Meta, 2024 Sustainability Report / data index (data-center PUE 2023)",
  "https://sustainability.atmeta.com/data-centers/",
  "Fleet PUE 1.08 in 2023, unchanged from 2022 (as reported by Meta). Data-center buildings completed in 2021 reported PUE 1.09. Range: triangular 1.06-1.10 (stated assumption)."),
 ("meta","new-buildings","wue",0.26,0.18,0.4,"triangular",2021,
  "Meta, Sustainability - Data centers page (PUE and WUE of data-center buildings completed in 2021)",
  "https://sustainability.fb.com/data-centers/",
  "WUE 0.26 L/kWh for buildings completed in 2021 (no fleet-wide WUE found). Range: triangular 0.18-0.40, stated assumption."),
 ("equinix","fleet","pue",1.42,1.25,1.7,"triangular",2023,
  "Equinix, Sustainability Report 2023 (global annual average PUE; also compiled by Statista)",
  "https://sustainability.equinix.com/",
  "Colocation. Global annual average PUE 1.42 in 2023, 1.46 in 2022. Range for an individual Equinix site: triangular 1.25-1.70, stated assumption (older retail colocation sites run higher)."),
 ("qts","us-fleet","pue",1.49,1.35,1.79,"triangular",2020,
  "QTS Realty Trust, 2020 ESG report (as reported by DatacenterDynamics, 2021)",
  "https://www.datacenterdynamics.com/en/news/half-of-digital-realtys-global-data-center-portfolio-is-renewable-powered/",
  "Colocation (second operator; Digital Realty's annual PUE was not found in the sources searched). Average PUE 1.49 in the US and 1.79 in Europe (2020). Range: triangular 1.35-1.79; high = QTS Europe average, low stated assumption."),
 ("industry-average","survey","pue",1.58,1.25,2.0,"triangular",2023,
  "Uptime Institute, Global Data Center Survey 2023 (industry average annual PUE); Uptime Intelligence update 'Large data centers are mostly more efficient, analysis confirms' (2023)",
  "https://journal.uptimeinstitute.com/large-data-centers-are-mostly-more-efficient-analysis-confirms/",
  "Industry average PUE 1.58 in 2023; Uptime's average has stayed 1.55-1.59 since about 2020, and the 2024 survey reported 1.56 (as compiled by Statista). Range for a random data center: low 1.25 (Uptime notes new large builds reach about 1.3 or better), high 2.0 (stated assumption; NREL notes overall averages around 1.8)."),
 ("industry-average","us-survey","wue",0.38,0.18,1.8,"triangular",2023,
  "Shehabi A. et al., 2024 United States Data Center Energy Usage Report, Lawrence Berkeley National Laboratory, LBNL-2001637 (average on-site WUE, 2023)",
  "https://eta.lbl.gov/publications/2024-lbnl-data-center-energy-usage-report",
  "US average on-site WUE about 0.38 L/kWh in 2023 (0.36 in 2014), as summarised from the report's figure by a secondary source; not checked against the report text here. Range: triangular; low 0.18 (AWS-level fleets), high 1.8 (an often-quoted industry-average figure from earlier academic studies for evaporatively cooled sites)."),
 ("on-premise","survey","pue",1.63,1.4,2.0,"triangular",2024,
  "IDC, 2H Datacenter Trends: Sustainable Datacenter Builds and CO2 Emissions (Doc US51911924, Jan 2025), as quoted by AWS",
  "https://sustainability.aboutamazon.com/products-services/the-cloud",
  "IDC's estimate for on-premises enterprise data centers, 1.63. Server rooms and closets are usually worse. Range: triangular 1.40-2.00, stated assumption (high end ~2.0 for small server rooms)."),
 ("hpc","typical","pue",1.2,1.05,1.5,"triangular",2024,
  "NREL, High-Performance Computing Data Center Power Usage Effectiveness (ESIF web page)",
  "https://www.nrel.gov/computational-science/measuring-efficiency-pue.html",
  "NREL: data centers focusing on efficiency typically achieve PUE of 1.2 or less (overall averages around 1.8). Liquid-cooled HPC centres report 1.03-1.1; older air-cooled university centres are higher. Value 1.2 and range 1.05-1.5 are a stated assumption built on these statements."),
 ("hpc","nrel-esif","pue",1.036,1.03,1.06,"triangular",2024,
  "NREL, High-Performance Computing Data Center Power Usage Effectiveness (ESIF web page)",
  "https://www.nrel.gov/computational-science/measuring-efficiency-pue.html",
  "Best-practice HPC site: NREL ESIF data center annualized PUE 1.036; its design requirement was 1.06 or better, met every year. Range: 1.03-1.06 (design requirement as upper bound)."),
]
drows = []
for prov, scope, q, v, lo, hi, dist, yr, src, url, notes in D:
    fid = f"dc.{prov}.{q}" if not (prov == "hpc" and scope == "nrel-esif") else f"dc.{prov}.{scope}.{q}"
    drows.append(dict(factor_id=fid, quantity=q, provider=prov, scope=scope, value=fmt(v), unit=("ratio" if q == "pue" else "L/kWh"),
        low=fmt(lo), high=fmt(hi), distribution=dist, year=str(yr), source=src, url=url,
        license=("public-domain (US gov)" if "NREL" in src or "Berkeley" in src else "proprietary (facts)"), notes=notes))
with open("factors/datacenters.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.DictWriter(fh, fieldnames=COLS_D, lineterminator="\n"); w.writeheader(); w.writerows(drows)
print("dc rows", len(drows))
