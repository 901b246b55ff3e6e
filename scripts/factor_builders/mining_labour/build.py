"""Build the staging tables of issue #16 (rock moved, supply-chain risk flags, annotation labour, wages, PPP/FX).

Run from the repository root:  python scripts/factor_builders/mining_labour/build.py
Writes out/rock.csv, out/material_risk.csv, out/labor.csv, out/wages.csv, out/ppp_fx.csv.
(out/material_producers.csv is written by build_producers.py.)

Every figure below is transcribed, with its citation, from the source named in its row; where a figure could
only be seen through a secondary copy, the row's notes say so. See README_section.md.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import lognormal_90, lognormal_from_iqr, write_table  # noqa: E402

FACTS = "fair-use (facts from publication)"
USGOV = "public-domain (US gov)"

# ----------------------------------------------------------------------------- 1. rock-to-metal ratio

NASSAR = ("Nassar N.T., Lederer G.W., Brainard J.L., Padilla A.J., Lessard J.D. (2022) Rock-to-Metal Ratio: "
          "A Foundational Metric for Understanding Mine Wastes, Environ. Sci. Technol. 56(10):6710-6721 (abstract; "
          "USGS publication 70230801)")
NASSAR_URL = "doi:10.1021/acs.est.1c07875"
GORSSE = ("Gorsse S., Langlois T., Barnett M.R. (2024) Considering sustainability when searching for new high "
          "entropy alloys, Sustainable Materials and Technologies 40:e00938; dataset gen_element_imputed_v202412.csv "
          "(column 'Rock to metal ratio (kg/kg)') in GitHub sgorsse/AlloySustainability, values attributed to "
          "Nassar et al. 2022")
GORSSE_URL = "doi:10.1016/j.susmat.2024.e00938 ; doi:10.1021/acs.est.1c07875"
OWID = ("Nassar et al. 2022 as processed by Our World in Data ('Rock-metal ratios', 'Nassar et al. 2022; Wang et al. "
        "2024. Processing by Our World in Data'), values seen only as the sample data of a chart-library demo "
        "(patrykandpatrick Vico sample app, RockMetalRatios chart)")
OWID_URL = "doi:10.1021/acs.est.1c07875"

# Cobalt is the only commodity for which the mine-to-mine spread is published (abstract): IQR 465-2157.
CO_Q1, CO_Q3, CO_GLOBAL = 465.0, 2157.0, 859.0
SIGMA_CO = lognormal_from_iqr(CO_Q1, CO_Q3)
F90 = math.exp(1.6448536269514722 * SIGMA_CO)

RANGE_DEFAULT = (f"Range: lognormal, median = value, sigma = {SIGMA_CO:.4f} (x/{F90:.2f} at the 5th/95th "
                 "percentiles) borrowed from the only published mine-to-mine spread (cobalt IQR 465-2157, Nassar "
                 "2022 abstract; IQR -> sigma = ln(Q3/Q1)/(2 x 0.6745)). No spread is published for this metal: "
                 "the width is a judgement, and stands for the uncertainty of where one kg of metal was mined.")

ROCK = [
    # material, value, source, url, licence, grade, extra notes
    ("cobalt", CO_GLOBAL, NASSAR, NASSAR_URL, FACTS, "solid",
     "Global RMR 859 kg ore + waste rock per kg refined Co (2018 production, >1,900 operations). Range from the "
     f"interquartile range of individual cobalt operations, 465-2157: for a lognormal the IQR spans +-0.6745 sigma, "
     f"so sigma = ln(2157/465)/1.349 = {SIGMA_CO:.4f}; 5th/95th = value x/ {F90:.2f}. Centred on the global "
     "(production-weighted) RMR 859, not on the operations' geometric IQR midpoint (1,002), because the factor "
     "multiplies a kg of metal from the world supply mix; the interval is the spread of the mine of origin of one kg."),
    ("gold", math.sqrt(1e5 * 1e6), NASSAR, NASSAR_URL, FACTS, "weak",
     "Abstract: 'precious metals like gold have RMRs in the range of 10^5-10^6'; the exact SI value was not seen. "
     "value = geometric midpoint sqrt(1e5 x 1e6) (judgement); the default interval contains the whole 1e5-1e6 range."),
    ("silver", 22378, OWID, OWID_URL, FACTS, "weak",
     "Seen only in OWID-processed chart data (third-hand); the same chart gives Mo 4478 and W 1081, which match the "
     "Gorsse dataset, so the series is consistent with Nassar 2022. Verify against the Nassar SI."),
    ("tin", 2231, OWID, OWID_URL, FACTS, "weak",
     "Seen only in OWID-processed chart data (third-hand); verify against the Nassar SI."),
    ("tungsten", 1081, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "medium",
     "Gorsse dataset value; the OWID-processed Nassar series gives the same 1081."),
    ("tantalum", 8946, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value (file is 'imputed'); not checked against the Nassar SI."),
    ("copper", 513, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value (file is 'imputed'); not checked against the Nassar SI."),
    ("nickel", 250, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value (file is 'imputed'); not checked against the Nassar SI."),
    ("aluminium", 7, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value; consistent with the Nassar abstract ('iron ore and aluminum are on the order of 10^1')."),
    ("iron", 9, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value; consistent with the Nassar abstract ('on the order of 10^1')."),
    ("silicon", 3, GORSSE, GORSSE_URL, "MIT (dataset); facts from publication", "weak-medium",
     "Gorsse dataset value (quartz to silicon metal); not checked against the Nassar SI."),
]


def rock_rows():
    rows = []
    for mat, v, src, url, lic, grade, extra in ROCK:
        lo, hi = lognormal_90(v, SIGMA_CO)
        notes = (f"[{grade}] RMR = ore mined + waste rock removed per kg of refined metal (2018). {extra}"
                 + ("" if mat == "cobalt" else " " + RANGE_DEFAULT)
                 + " Tailings are not separated by the sources seen (tailings ~ ore processed; no row).")
        rows.append(dict(factor_id=f"rock.{mat}.rock_to_metal_ratio", quantity="rock_to_metal_ratio", material=mat,
                         value=round(v, 4 if v < 10 else 0), unit="kg/kg", low=round(lo, 4), high=round(hi, 0 if hi > 100 else 4),
                         distribution="lognormal", year=2018, source=src, url=url, license=lic, notes=notes))
    return rows


# ----------------------------------------------------------------------------- 2. supply-chain risk flags

ILAB = ("U.S. Department of Labor, Bureau of International Labor Affairs (ILAB), 2024 List of Goods Produced by "
        "Child Labor or Forced Labor (204 goods, 82 countries, as of 5 Sep 2024)")
ILAB_URL = "https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods"
DOL_DRC = ("; entry confirmed on DOL's DR Congo country page (dol.gov/taxonomy/country/congo-democratic-republic-drc), "
           "stored copy")
VERITE = ("; entry seen via Verite Commodity Atlas 'Coltan, Tungsten & Tin' (which cites the ILAB list); the 2024 "
          "Excel was not re-pulled")
REF = "; entry seen only in secondary summaries collected in the project reference notes; the 2024 Excel was not re-pulled"

# (material, country, scheme, grade, how seen, note)
ILAB_ROWS = [
    ("cobalt", "CD", "ilab_child_labor", "medium", REF, "ILAB good 'cobalt ore' (listed for child labour since 2016)."),
    ("cobalt", "CD", "ilab_forced_labor", "solid", DOL_DRC,
     "DOL text: 'adults are forced to work in the production of cobalt ore in some mines' (Copperbelt, Haut-Katanga, "
     "Lualaba); added 2024, protested by the DRC government."),
    ("tantalum", "CD", "ilab_child_labor", "medium", VERITE, "ILAB good 'coltan (tantalum ore)'."),
    ("tantalum", "CD", "ilab_forced_labor", "medium", VERITE, "ILAB good 'coltan (tantalum ore)'."),
    ("tin", "CD", "ilab_child_labor", "medium", VERITE, "ILAB good 'tin ore'."),
    ("tin", "CD", "ilab_forced_labor", "medium", VERITE, "ILAB good 'tin ore'."),
    ("tin", "ID", "ilab_child_labor", "medium", VERITE, "ILAB good 'tin'."),
    ("tin", "BO", "ilab_child_labor", "medium", VERITE, "ILAB good 'tin'."),
    ("tungsten", "CD", "ilab_child_labor", "medium", VERITE, "ILAB good 'tungsten ore' (wolframite)."),
    ("tungsten", "CD", "ilab_forced_labor", "medium", VERITE, "ILAB good 'tungsten ore' (wolframite)."),
    ("copper", "CD", "ilab_child_labor", "weak", REF, "ILAB good 'copper ore'."),
    ("gold", "CD", "ilab_child_labor", "medium", REF, "ILAB good 'gold'."),
    ("gold", "CD", "ilab_forced_labor", "solid", DOL_DRC,
     "DOL text: children ages 10-16 forced to work in gold mines in eastern DRC (North and South Kivu), some in "
     "bonded labour; many mines controlled by armed groups (forced child labour)."),
    ("gold", "BF", "ilab_child_labor", "medium", REF, "ILAB good 'gold'."),
    ("gold", "BF", "ilab_forced_labor", "medium", REF, "ILAB good 'gold'."),
    ("gold", "PE", "ilab_child_labor", "medium", REF, "ILAB good 'gold'."),
    ("gold", "PE", "ilab_forced_labor", "medium", REF, "ILAB good 'gold'."),
    ("gold", "KP", "ilab_forced_labor", "medium", REF, "ILAB good 'gold' (state-imposed forced labour)."),
    ("nickel", "ID", "ilab_forced_labor", "weak", REF, "Nickel is one of the 37 goods new to the 2024 list (Thompson Hine, 2024); the Indonesia entry is from secondary summaries only."),
    ("lithium", "ZW", "ilab_child_labor", "weak", REF, "Reported as a 2024 addition in secondary summaries only."),
    ("aluminium", "CN", "ilab_forced_labor", "medium", REF,
     "Xinjiang (Uyghur and other minorities); ILAB's 2024 release also published a supply-chain study tracing "
     "aluminium made with Uyghur forced labour (International Trade Today, 5 Sep 2024)."),
    ("silicon", "CN", "ilab_forced_labor", "medium",
     "; entry seen via pv-magazine USA 24 Jun 2021 reporting the ILAB Federal Register notice that added it",
     "ILAB good 'polysilicon' (Xinjiang; added out of cycle in June 2021). Applies to polysilicon made in China; "
     "most of it is solar grade, so applying it to electronic-grade silicon is a judgement."),
    ("mica", "MG", "ilab_child_labor", "medium", "; entry seen via NBC News 10 Nov 2020 reporting the 2020 list",
     "Added in the 2020 edition; mica is not a material of materials.csv (insulators, capacitors)."),
    ("mica", "IN", "ilab_child_labor", "weak", REF,
     "Long-standing entry (Jharkhand/Bihar mica belt) seen only in secondary summaries."),
]
GOLD_CL_2018 = ["BO", "CO", "EC", "ET", "GH", "GN", "ID", "ML", "MN", "NE", "NG", "NI", "PH", "SD", "SN", "SR", "TZ", "UG"]

DODD_FRANK = ("Dodd-Frank Wall Street Reform and Consumer Protection Act (Pub. L. 111-203) section 1502; SEC Rule 13p-1 "
              "and Form SD, Conflict Minerals final rule, Release No. 34-67716 (2012): covered countries = DRC and "
              "'adjoining countries' sharing an internationally recognised border with it")
DODD_URL = "https://www.sec.gov/rules/final/2012/34-67716.pdf"
DODD_COUNTRIES = ["CD", "AO", "BI", "CF", "CG", "RW", "SS", "TZ", "UG", "ZM"]
TG = ["tin", "tantalum", "tungsten", "gold"]

CAHRA = ("EU Regulation (EU) 2017/821 (conflict minerals: tin, tantalum, tungsten, their ores, and gold), Art. 14(2): "
         "indicative, non-exhaustive list of conflict-affected and high-risk areas (CAHRAs) compiled by RAND Europe for "
         "the European Commission, updated quarterly")
CAHRA_URL = "https://www.cahraslist.net/"
CAHRA_LIC = "facts (list terms not checked)"
# country -> (year of the latest evidence seen, how it was seen, grade)
FIRST = ("first list (Dec 2020) as relayed by secondary summaries in the project reference notes (Ropes & Gray alert "
         "21 Dec 2020, Compliance & Risks); current status not re-checked")
MIMIT = ("notice of the Italian competent authority for Regulation 2017/821 (MIMIT, anc3tg.mise.gov.it) on the "
         "{upd} update of the list, naming regions of this country")
CAHRA_COUNTRIES = {
    "CD": (2020, FIRST, "medium"), "BI": (2020, FIRST, "medium"), "CF": (2020, FIRST, "medium"),
    "SS": (2020, FIRST, "medium"), "MM": (2020, FIRST, "medium"), "VE": (2020, FIRST, "medium"),
    "ZW": (2020, FIRST, "medium"), "MX": (2020, FIRST, "medium"),
    "IN": (2024, MIMIT.format(upd="30 Sep 2024 (27 countries, 220 regions)"), "medium"),
    "NE": (2024, MIMIT.format(upd="30 Sep 2024 (27 countries, 220 regions)"), "medium"),
    "PK": (2024, MIMIT.format(upd="30 Sep 2024 (27 countries, 220 regions)"), "medium"),
    "BF": (2024, MIMIT.format(upd="30 Sep 2024 (27 countries, 220 regions)"), "medium"),
    "CO": (2025, MIMIT.format(upd="31 Mar 2025 (28 countries, 236 regions)"), "medium"),
    "ET": (2025, MIMIT.format(upd="31 Mar 2025 (28 countries, 236 regions)"), "medium"),
    "ML": (2025, MIMIT.format(upd="31 Mar 2025 (28 countries, 236 regions)"), "medium"),
    "SD": (2025, MIMIT.format(upd="31 Mar 2025 (28 countries, 236 regions)"), "medium"),
    "UA": (2025, MIMIT.format(upd="31 Mar 2025 (28 countries, 236 regions)"), "medium"),
    "LB": (2025, MIMIT.format(upd="30 Jun 2025 (30 countries, 238 regions)"), "medium"),
    "NG": (2025, MIMIT.format(upd="30 Jun 2025 (30 countries, 238 regions)"), "medium"),
    "PH": (2025, MIMIT.format(upd="30 Jun 2025 (30 countries, 238 regions)"), "medium"),
    "BJ": (2025, MIMIT.format(upd="30 Jun 2025 (30 countries, 238 regions); new country"), "medium"),
    "TG": (2025, MIMIT.format(upd="30 Jun 2025 (30 countries, 238 regions); new country"), "medium"),
}


def flag(material, cc, scheme, year, source, url, lic, notes):
    return dict(factor_id=f"risk.{material}.{cc.lower()}.{scheme.replace('_', '-')}", quantity="flag",
                material=material, country=cc, scheme=scheme, value=1, unit="fraction", low=1, high=1,
                distribution="constant", year=year, source=source, url=url, license=lic, notes=notes)


def risk_rows():
    rows = []
    kind = {"ilab_child_labor": "child labour", "ilab_forced_labor": "forced labour"}
    for mat, cc, scheme, grade, how, note in ILAB_ROWS:
        rows.append(flag(mat, cc, scheme, 2024, ILAB + how, ILAB_URL, USGOV,
                         f"[{grade}] 1 = ILAB has reason to believe this good from this country is produced with "
                         f"{kind[scheme]}. {note} A flag is a property of the country of production, not of any "
                         "one supplier; report it as the share of the item's metal mass from flagged countries."))
    for cc in GOLD_CL_2018:
        rows.append(flag("gold", cc, "ilab_child_labor", 2024, ILAB + REF, ILAB_URL, USGOV,
                         "[medium] ILAB good 'gold' (child labour). The country list is the 2018-era list as relayed "
                         "by Verite; its presence on the 2024 edition was not re-checked."))
    for mat in TG:
        for cc in DODD_COUNTRIES:
            rows.append(flag(mat, cc, "dodd_frank_1502", 2012, DODD_FRANK, DODD_URL, USGOV,
                             "[solid] 1 = 'covered country' for conflict-minerals (3TG) disclosure under section 1502 "
                             "(DRC and its 9 neighbours: AO, BI, CF, CG, RW, SS, TZ, UG, ZM). A disclosure scope, not a "
                             "finding of abuse."))
    for mat in TG:
        for cc, (year, how, grade) in sorted(CAHRA_COUNTRIES.items()):
            rows.append(flag(mat, cc, "eu_cahra", year, CAHRA + "; country seen in the " + how, CAHRA_URL, CAHRA_LIC,
                             f"[{grade}] 1 = at least one region of this country is on the EU's INDICATIVE, "
                             "non-exhaustive CAHRA list (the list is region-level, updated quarterly, and absence "
                             "from it does not mean an area is not conflict-affected). Applies to 3TG importers "
                             "into the EU since 1 Jan 2021 (OECD five-step due diligence)."))
    rows.sort(key=lambda r: (r["scheme"], r["material"], r["country"]))
    return rows


# ----------------------------------------------------------------------------- 4. annotation labour

def lab(task, country, quantity, value, unit, low, high, dist, year, source, url, lic, notes):
    fid = ".".join(["labor", task] + ([country.lower()] if country else []) + [quantity])
    return dict(factor_id=fid, quantity=quantity, task=task, country=country, value=value, unit=unit, low=low,
                high=high, distribution=dist, year=year, source=source, url=url, license=lic, notes=notes)


SU = ("Su H., Deng J., Fei-Fei L. (2012) Crowdsourcing annotations for visual object detection, AAAI HCOMP workshop, "
      "Table 1 (AMT, ImageNet), as quoted in Papadopoulos et al. 2017 (ICCV, arXiv:1708.02750) and a research note")
PAPA = ("Papadopoulos D.P., Uijlings J.R.R., Keller F., Ferrari V. (2017) Extreme clicking for efficient object "
        "annotation, ICCV 2017, abstract and Sec. 5")
COCO = ("Lin T.-Y. et al. (2014) Microsoft COCO: Common Objects in Context, ECCV 2014 (arXiv:1405.0312), Sec. 4")
BEARMAN = ("Bearman A., Russakovsky O., Ferrari V., Fei-Fei L. (2016) What's the point: semantic segmentation with "
           "point supervision, ECCV 2016, Sec. 1")
SAM = "Kirillov A. et al. (2023) Segment Anything, ICCV 2023 (arXiv:2304.02643), Sec. 4"
CITYSCAPES = ("Cordts M. et al. (2016) The Cityscapes Dataset for Semantic Urban Scene Understanding, CVPR 2016, as "
              "quoted by Papadopoulos, Weber, Torralba (CVPR 2021) and arXiv:2212.07911")
ILO21 = ("ILO (2021) World Employment and Social Outlook 2021: The role of digital labour platforms in transforming "
         "the world of work, ch. 4, as summarised in the project reference notes")
ILO18 = ("Berg J., Furrer M., Harmon E., Rani U., Silberman M.S. (2018) Digital labour platforms and the future of "
         "work: Towards decent work in the online world, ILO, Geneva (surveys 2015 and 2017, ~3,500 workers, 75 countries), as reported by an Ars Technica reprint")
HARA = ("Hara K. et al. (2018) A Data-Driven Analysis of Workers' Earnings on Amazon Mechanical Turk, CHI 2018, "
        "abstract")
TIME23 = ("Perrigo B., 'Exclusive: OpenAI Used Kenyan Workers on Less Than $2 Per Hour to Make ChatGPT Less Toxic', "
          "TIME, 18 Jan 2023 (range as relayed by Quartz and Benzinga)")
TIME22 = "Perrigo B., 'Inside Facebook's African Sweatshop', TIME, 14 Feb 2022; AIAAIC repository entry"
VERGE19 = "Newton C., 'The Trauma Floor', The Verge, 25 Feb 2019 (as relayed by Phoenix New Times)"
VERGE23 = "Dzieza J., 'AI Is a Lot of Work', The Verge / New York Magazine, 20 Jun 2023"
BRYS = ("Brysbaert M. (2019) How many words do we read per minute? A review and meta-analysis of reading rate, "
        "Journal of Memory and Language 109:104047, abstract")
OUYANG = ("Ouyang L. et al. (2022) Training language models to follow instructions with human feedback, NeurIPS 2022 "
          "(arXiv:2203.02155), Sec. 3.5")
VENDOR = ("GoTranscript blog 'How long does it take to transcribe an hour of audio' (30 Mar 2025); Verbit blog; "
          "legaltranscriptionservice.com (vendor statements)")

J15 = 1.5  # judgement width (x/ 1.5) where no spread is published
PAY_NOTE = "Hourly pay in USD as reported (nominal, the year of the fieldwork); convert with ppp_fx.csv for comparisons."


def labor_rows():
    r = []
    lo, hi = 50.8 / J15, 50.8 * J15
    r.append(lab("bounding-box", "", "seconds_per_item", 50.8, "s/unit", round(lo, 2), round(hi, 2), "lognormal", 2012,
                 SU, "https://arxiv.org/abs/1708.02750", FACTS,
                 "[medium] Conventional click-and-drag box, crowd workers (AMT): MEAN drawing time per box 50.8 s "
                 "(median 25.5 s; the long tail makes the mean the right basis for total hours). Excludes quality "
                 "and coverage verification (see qa_share). Range: lognormal x/1.5 around the mean (judgement: no "
                 "spread of the mean across projects is published). Table 1 figures seen via verbatim quotes, not "
                 "the PDF."))
    r.append(lab("bounding-box", "", "qa_share", 0.42, "fraction", 0.3, 0.5, "triangular", 2012, SU,
                 "https://arxiv.org/abs/1708.02750", FACTS,
                 "[medium] Share of total worker time spent verifying boxes: quality 21.9 s + coverage 15.3 s of a "
                 "88.0 s mean pipeline = 0.42 (medians: 16.8 of 42.3 s = 0.40). Hours = items x seconds_per_item x "
                 "redundancy / (1 - qa_share). Bounds 0.3-0.5: judgement."))
    r.append(lab("bounding-box-extreme-clicking", "", "seconds_per_item", 7.0, "s/unit", round(7.0 / J15, 2),
                 round(7.0 * J15, 2), "lognormal", 2017, PAPA, "https://arxiv.org/abs/1708.02750", FACTS,
                 "[solid] Four extreme points per object, AMT, PASCAL VOC: 7 s per box (abstract; VOC07 7.0 s, "
                 "VOC12 7.2 s). Open Images V4 professional annotators averaged 7.4 s (Kuznetsova et al. 2020), "
                 "inside the range. Range x/1.5: judgement."))
    r.append(lab("polygon-mask", "", "seconds_per_item", 79.2, "s/unit", 54, round(79.2 * J15, 1), "triangular", 2014,
                 COCO, "https://arxiv.org/abs/1405.0312", FACTS,
                 "[solid] COCO instance segmentation: 'over 22 worker hours per 1,000 segmentations' -> 79.2 s per "
                 "instance (derived; a lower bound). Low 54 s: the faster outline time cited by Bearman et al. 2016 "
                 "('between 54 s and 79 s' per object); high = 79.2 x 1.5 (judgement, because 79.2 is a lower bound)."))
    r.append(lab("polygon-mask", "", "redundancy", 1, "ratio", 1, 1, "constant", 2014, COCO,
                 "https://arxiv.org/abs/1405.0312", FACTS,
                 "[solid] COCO used one worker per instance mask (category labelling used 8, see image-classification)."))
    r.append(lab("polygon-mask-assisted", "", "seconds_per_item", 14, "s/unit", 14, 34, "triangular", 2023, SAM,
                 "https://arxiv.org/abs/2304.02643", FACTS,
                 "[solid] Segment Anything data engine, model-assisted manual stage: 'average annotation time per "
                 "mask decreased from 34 to 14 seconds'. Triangular, mode = low = 14 s (mature tool), high 34 s "
                 "(early tool)."))
    r.append(lab("semantic-segmentation-image", "", "seconds_per_item", 5400, "s/unit", 5400, 8100, "triangular",
                 2016, CITYSCAPES, "https://arxiv.org/abs/1604.01685", FACTS,
                 "[medium] Cityscapes fine pixel labelling of one urban street image incl. quality control: 'more "
                 "than 1.5 h on average' (a lower bound). Mode = low = 5,400 s; high x1.5 (judgement). Seen via "
                 "citing papers, not the CVPR text."))
    r.append(lab("image-classification", "", "redundancy", 8, "ratio", 8, 8, "constant", 2014, COCO,
                 "https://arxiv.org/abs/1405.0312", FACTS,
                 "[solid] COCO category labelling and instance spotting used 8 workers per image. A protocol "
                 "choice, not a law: other projects use 3-5 (not sourced here)."))
    r.append(lab("transcription-minute", "", "seconds_per_item", 240, "s/unit", 120, 600, "triangular", 2025, VENDOR,
                 "https://gotranscript.com/", FACTS,
                 "[weak] Worker seconds per minute of clear audio: real-time factor 4 (vendors: 3-5 h per audio hour; "
                 "2-10 h depending on audio quality) -> 240 s, bounds RTF 2 and 10. Vendor blogs; no peer-reviewed "
                 "real-time factor found."))
    r.append(lab("text-classification-passage", "KE", "seconds_per_item", 162, "s/unit", 129.6, 216, "uniform", 2021,
                 TIME23, "https://time.com/6247678/", FACTS,
                 "[medium] Sama (Nairobi) labelling toxic passages for OpenAI: 150-250 passages per nine-hour shift "
                 "-> 2.16-3.6 min per passage (bounds); value = 9 h / 200 passages (derived). Includes any breaks."))
    r.append(lab("content-moderation-post", "US", "seconds_per_item", 72, "s/unit", 72, 144, "uniform", 2019, VERGE19,
                 "https://www.theverge.com/2019/2/25/18229714/cognizant-facebook-content-moderator-interviews-trauma-working-conditions-arizona",
                 FACTS,
                 "[weak] Cognizant (Phoenix) moderators for Facebook 'reviewing up to 400 posts a day' -> >= 72 s per "
                 "post over 8 h (derived lower bound); high x2 (judgement). Meta said in 2023 reviewers have no "
                 "fixed quota."))
    r.append(lab("preference-comparison", "", "reading_seconds_per_word", round(60 / 238, 4), "s/unit",
                 round(60 / 300, 4), round(60 / 175, 4), "triangular", 2019, BRYS, "doi:10.1016/j.jml.2019.104047",
                 FACTS,
                 "[medium for reading, weak as a model of RLHF work] NO published time exists for one RLHF preference "
                 "comparison (HH-RLHF, Llama 2, InstructGPT, OpenAssistant, Scale checked), so this table gives no "
                 "seconds_per_item for it: the model must ask for it. What it can offer is the reading part: silent "
                 "reading of English non-fiction averages 238 words/min (60/238 = 0.252 s per word), most adults "
                 "175-300 wpm (bounds). Reading time = words shown (prompt + both responses) x this; Llama 2's "
                 "comparisons averaged 798.5 tokens per example (Touvron et al. 2023). Decision and writing time are "
                 "not covered. Second-language readers are slower (Brysbaert)."))
    r.append(lab("preference-comparison", "", "comparisons_per_task", 21, "count", 6, 36, "uniform", 2022, OUYANG,
                 "https://arxiv.org/abs/2203.02155", FACTS,
                 "[solid] InstructGPT ranking tasks: K = 4 to 9 responses ranked per prompt, giving C(K,2) = 6 to 36 "
                 "pairwise comparisons per task (bounds); value = midpoint (judgement). Llama 2 used single binary "
                 "comparisons (1 per task)."))
    # platform-level rows
    r.append(lab("crowd-microtask", "", "unpaid_share", 0.25, "fraction", 0.15, 0.35, "triangular", 2021, ILO21,
                 "https://www.ilo.org/", FACTS,
                 "[medium] Microtask platforms: about 20 minutes of unpaid work (searching, qualifying, rejected "
                 "tasks) for every paid hour -> 20/80 = 0.25 of working time (derived). Across online web-based "
                 "platforms the share is about 1/3 (8 of 27 h a week); freelance platforms 23 min per paid hour. "
                 "Bounds 0.15-0.35: judgement. Effective pay = paid rate x (1 - unpaid_share)."))
    r.append(lab("crowd-microtask", "", "pay_per_hour", 3.31, "USD/h", round(3.31 * 0.75, 2), round(3.31 * 1.25, 2),
                 "uniform", 2017, ILO18, "https://www.ilo.org/",
                 FACTS,
                 "[medium] Mean hourly earnings on five microtask platforms (AMT, CrowdFlower, Clickworker, Prolific, "
                 "Microworkers) INCLUDING unpaid time; median 2.16. Range +-25% (judgement for survey error). "
                 "ILO 2021: half of online web-based workers earn under USD 2/h. " + PAY_NOTE))
    med_us = math.sqrt(2.0 * 5.63)
    r.append(lab("crowd-microtask", "US", "pay_per_hour", round(med_us, 2), "USD/h", 2.0, 5.63, "lognormal", 2017,
                 HARA + "; " + ILO18, "https://arxiv.org/abs/1712.05796", FACTS,
                 "[medium] Median hourly earnings of (mostly US) Amazon Mechanical Turk workers INCLUDING unpaid time: "
                 "Hara et al. 2018, task-level logs of 2,676 workers: ~USD 2/h; Berg et al. 2018 survey of US AMT "
                 "workers: median 5.63 (mean 6.54). Two measurements of the same quantity disagree; lognormal with "
                 "the two as 5th/95th and value = their geometric mean (judgement). US federal minimum: 7.25. "
                 + PAY_NOTE))
    r.append(lab("text-classification-passage", "KE", "pay_per_hour", 1.66, "USD/h", 1.32, 2.0, "uniform", 2022,
                 TIME23, "https://time.com/6247678/", FACTS,
                 "[medium] Take-home pay of Sama workers labelling toxic text for OpenAI: USD 1.32-2.00/h by seniority "
                 "and performance (bounds); value = midpoint. OpenAI paid Sama USD 12.50/h per worker: worker share "
                 "~11-16% (derived). " + PAY_NOTE))
    r.append(lab("content-moderation-post", "KE", "pay_per_hour", 1.5, "USD/h", 1.46, 1.5, "uniform", 2022, TIME22,
                 "https://time.com/6147458/", FACTS,
                 "[medium] Sama Facebook moderators in Nairobi: 'as little as $1.50 per hour' (TIME); ~USD 1.46/h after "
                 "tax (AIAAIC). Sama later announced raises of 30-50% (not included). " + PAY_NOTE))
    r.append(lab("crowd-microtask", "KE", "pay_per_hour", 2.0, "USD/h", 1.0, 3.0, "triangular", 2023, VERGE23,
                 "https://www.theverge.com/features/23764584/ai-artificial-intelligence-data-notation-labor-scale-surge-remotasks-openai-chatbots",
                 FACTS,
                 "[weak] Remotasks (Scale AI) annotators in Kenya: about USD 1-3/h in 2023 (earlier USD 5-10); unpaid "
                 "instruction reading and training reported. Journalism, a handful of workers. " + PAY_NOTE))
    r.append(lab("content-moderation-post", "US", "pay_per_hour", 13.46, "USD/h", 12.11, 14.81, "uniform", 2019,
                 VERGE19,
                 "https://www.theverge.com/2019/2/25/18229714/cognizant-facebook-content-moderator-interviews-trauma-working-conditions-arizona",
                 FACTS,
                 "[weak-medium] Cognizant moderators for Facebook in Phoenix: 'about $28,000 a year' -> 28,000 / 2,080 h "
                 "= USD 13.46/h (derived, assuming 40 h x 52 weeks). Range +-10% (judgement; the exact Verge figure "
                 "USD 28,800 was not verified). " + PAY_NOTE))
    return r


# ----------------------------------------------------------------------------- 5. minimum wages

OFFICIAL = "facts (official instrument)"


def wage(cc, cur, basis, quantity, value, unit, year, source, url, lic, notes, low=None, high=None, dist="constant"):
    low = value if low is None else low
    high = value if high is None else high
    return dict(factor_id=f"wage.{cc.lower()}.{basis}.{quantity}", quantity=quantity, country=cc, currency=cur,
                basis=basis, value=value, unit=unit, low=low, high=high, distribution=dist, year=year, source=source,
                url=url, license=lic, notes=notes)


def wage_rows():
    w = []
    w.append(wage("KE", "KES", "month", "minimum_wage", 16113.75, "LCU/month", 2024,
                  "Kenya, Regulation of Wages (General) (Amendment) Order 2024, Legal Notices 163/164 (+6% from 1 Nov "
                  "2024), as reported by Tuko / tujue.co.ke / FKE",
                  "https://www.tuko.co.ke/business-economy/569398-nairobi-househelps-security-guards-earn-ksh-16k-minimum-wage-effect-november/",
                  OFFICIAL,
                  "[medium] General labourer, Nairobi/Mombasa/Kisumu (and Nakuru, Eldoret). Other towns and areas are "
                  "lower; 2022 rate was 15,201.64. A 2026 order (+12%, KES 18,047.40 from 1 May 2026) appears only in "
                  "a PyPI demo table (haki-ya-kazi-mcp, weak) and is not used. Hours basis of the Kenyan order not "
                  "verified: no hours_basis row."))
    w.append(wage("MG", "MGA", "month", "minimum_wage", 262680, "LCU/month", 2024,
                  "Madagascar, Decret n. 2024-794 (SMIG, retroactive to 1 Mar 2024), as reported by smic-net.fr / "
                  "simulation-impots.net / lessentieldeleco.fr",
                  "https://www.simulation-impots.net/smic-a-madagascar-quel-est-le-montant-actuel-du-salaire-minimum",
                  OFFICIAL,
                  "[medium] Non-agricultural SMIG. Agricultural SMAG: MGA 266,500 on 200 h/month. ~1,515 MGA/h "
                  "(derived with hours_basis)."))
    w.append(wage("MG", "MGA", "month", "hours_basis", 173.33, "h/month", 2024,
                  "Madagascar, Decret n. 2024-794 (SMIG), as reported by smic-net.fr / lessentieldeleco.fr",
                  "https://www.simulation-impots.net/smic-a-madagascar-quel-est-le-montant-actuel-du-salaire-minimum",
                  OFFICIAL, "[medium] 173.33 h/month (40 h x 52 / 12) for the non-agricultural SMIG."))
    w.append(wage("PH", "PHP", "day", "minimum_wage", 695 / 8, "LCU/h", 2025,
                  "Philippines, RTWPB-NCR Wage Order No. NCR-26 (effective 18 Jul 2025), as reported by Grant Thornton "
                  "Philippines, SunStar, Philstar",
                  "https://www.grantthornton.com.ph/technical-alerts/outsourcing-alert/2025/ncr-wage-board-grants-50-daily-minimum-wage-increase",
                  OFFICIAL,
                  "[solid] NCR (Metro Manila) non-agriculture: PHP 695 per 8-hour day -> 86.875 PHP/h (the table's "
                  "vocabulary has no per-day unit). Agriculture, retail/service <=15 workers and manufacturing <10 "
                  "workers: PHP 658/day. Other regions are lower (e.g. Northern Mindanao PHP 446-461). 2024 rate "
                  "(NCR-25): PHP 645/day."))
    w.append(wage("IN", "INR", "month", "minimum_wage", 20358, "LCU/month", 2024,
                  "India, Ministry of Labour & Employment, revision of variable dearness allowance for the central "
                  "sphere effective 1 Oct 2024, as reported by Business Today / Hans India",
                  "https://www.businesstoday.in/india/story/aimed-at-helping-centre-increases-minimum-wage-rates-for-workers-check-full-details-447678-2024-09-26",
                  OFFICIAL,
                  "[solid] Central sphere, Area A, unskilled: INR 783/day = 20,358/month on 26 working days (the "
                  "Ministry's own conversion). States set their own, usually lower, rates; the non-binding national "
                  "floor was INR 176/day (2017). Revised every 1 Apr and 1 Oct."))
    w.append(wage("IN", "INR", "month", "hours_basis", 208, "h/month", 2024,
                  "India, central-sphere minimum wage notification (26 working days per month), with an 8-hour working "
                  "day assumed",
                  "https://www.businesstoday.in/india/story/aimed-at-helping-centre-increases-minimum-wage-rates-for-workers-check-full-details-447678-2024-09-26",
                  OFFICIAL, "[weak] 26 days x 8 h = 208 h/month: the 8-hour day is an assumption (not verified in the "
                            "Minimum Wages (Central) Rules)."))
    w.append(wage("VE", "VES", "month", "minimum_wage", 130, "LCU/month", 2022,
                  "Venezuela, Decretos 4.653/4.654, Gaceta Oficial Extraordinaria 6.691, 15 Mar 2022 (Correo del "
                  "Caroni); unchanged as of Aug 2025 (EFE/DW via Publimetro, 9 Aug 2025)",
                  "https://www.publimetro.com.mx/noticias/2025/08/09/salario-minimo-en-venezuela-llega-a-un-dolar-por-mes/",
                  OFFICIAL,
                  "[solid] VES 130/month, ~USD 1 at the BCV rate of Aug 2025. Since May 2025 public-sector workers also "
                  "receive USD 160/month in non-salary bonuses (bono de guerra economica 120 + cestaticket 40; El "
                  "Diario, 1 May 2025), which do not count for benefits. The legal minimum is therefore not a "
                  "meaningful reference wage: prefer a living-wage or median-wage benchmark for VE."))
    w.append(wage("UG", "UGX", "month", "statutory_minimum_exists", 0, "fraction", 2019,
                  "Uganda Radio Network (Minimum Wage Bill passed 19 Feb 2019); Daily Monitor (President declined to "
                  "sign, Aug 2019); The Independent (2017 advisory proposal UGX 130,000-136,000/month not adopted)",
                  "https://www.independent.co.ug/government-sets-minimum-wage-shs130-000/", FACTS,
                  "[medium] 0 = no operative general statutory minimum wage. The UGX 6,000/month figure set in 1984 is "
                  "obsolete and was not verified. A model that needs a reference wage for UG must take one from the "
                  "user (or a median/living wage) and say so."))
    w.append(wage("US", "USD", "hour", "minimum_wage", 7.25, "LCU/h", 2009,
                  "United States, Fair Labor Standards Act, federal minimum wage as amended by the Fair Minimum Wage "
                  "Act of 2007 (effective 24 Jul 2009)", "https://www.dol.gov/agencies/whd/minimum-wage", USGOV,
                  "[solid] Federal floor; many states and cities set higher rates."))
    w.append(wage("FR", "EUR", "hour", "minimum_wage", 11.88, "LCU/h", 2024,
                  "France, Decret n. 2024-951 du 23 octobre 2024 portant relevement du salaire minimum de croissance "
                  "(JO 24 Oct 2024), SMIC from 1 Nov 2024 (as collected in the project reference notes)", "https://www.legifrance.gouv.fr/", OFFICIAL,
                  "[solid] Gross hourly SMIC EUR 11.88 (11.65 from 1 Jan 2024)."))
    w.append(wage("FR", "EUR", "month", "minimum_wage", 1801.80, "LCU/month", 2024,
                  "France, Decret n. 2024-951 du 23 octobre 2024 (SMIC from 1 Nov 2024)", "https://www.legifrance.gouv.fr/",
                  OFFICIAL, "[solid] Gross monthly SMIC for 151.67 h (35 h/week); net ~EUR 1,426.30."))
    w.append(wage("FR", "EUR", "month", "hours_basis", 151.67, "h/month", 2024,
                  "France, Code du travail (35-hour legal week: 35 x 52 / 12)", "https://www.legifrance.gouv.fr/",
                  OFFICIAL, "[solid] Monthly SMIC basis."))
    w.append(wage("PK", "PKR", "month", "minimum_wage", 37000, "LCU/month", 2024,
                  "Pakistan, Federal Budget 2024-25 (from 1 Jul 2024; Finance Minister's budget speech, Radio Pakistan "
                  "via Pakistan News Digest; Aaj News, 12 Jun 2024); Punjab Budget 2024-25 set the same rate",
                  "https://english.aaj.tv/news/amp/330365040", OFFICIAL,
                  "[medium] Unskilled workers, raised from PKR 32,000. Provinces notify their own rates (Punjab PKR "
                  "37,000 for 2024-25). Hours basis not verified: no hours_basis row."))
    w.append(wage("BD", "BDT", "month", "minimum_wage", 12500, "LCU/month", 2023,
                  "Bangladesh Minimum Wage Board for the ready-made garment sector, announced 7 Nov 2023, effective "
                  "1 Dec 2023 (The Daily Star; Prothom Alo)", "https://www.thedailystar.net/business/news/tk-12500-declared-minimum-rmg-wage-3463911",
                  OFFICIAL,
                  "[medium] SECTOR minimum for garment workers (entry grade), not a national minimum: Bangladesh has "
                  "no general statutory minimum wage; wage boards set rates by sector. Used here as the nearest "
                  "reference for low-wage formal work. Raised from BDT 8,000."))
    w.append(wage("NG", "NGN", "month", "minimum_wage", 70000, "LCU/month", 2024,
                  "Nigeria, National Minimum Wage (Amendment) Act 2024, signed 29 Jul 2024 (Premium Times; CKN News)",
                  "https://www.premiumtimesng.com/news/headlines/718451-tinubu-signs-new-minimum-wage-bill-into-law.html",
                  OFFICIAL,
                  "[medium] NGN 70,000/month for public and private employers, reviewable every 3 years (was "
                  "30,000). Hours basis not stated in the sources seen."))
    w.append(wage("CO", "COP", "month", "minimum_wage", 1300000, "LCU/month", 2024,
                  "Colombia, Decreto 2292 de 2023 (salario minimo 2024), as tabulated by J.A. del Rio; El Tiempo",
                  "https://jadelrio.com/co/es/blogs/flash-news-actualizacion-del-salario-minimo-en-colombia", OFFICIAL,
                  "[medium] SMLMV 2024; transport allowance COP 162,000 extra (Decreto 2293 de 2023). 2025: COP "
                  "1,423,500 (Decreto 1572 de 2024)."))
    w.append(wage("CO", "COP", "month", "hours_basis", 235, "h/month", 2024,
                  "Colombia, Decreto 2292 de 2023: ordinary hourly value COP 5,534 as tabulated by J.A. del Rio",
                  "https://jadelrio.com/co/es/blogs/flash-news-actualizacion-del-salario-minimo-en-colombia", OFFICIAL,
                  "[medium] Derived: 1,300,000 / 5,534 = 234.9 h/month, the divisor implied by the published hourly "
                  "value (the legal week fell from 47 to 46 h in Jul 2024, Ley 2101 de 2021)."))
    w.append(wage("BR", "BRL", "month", "minimum_wage", 1412, "LCU/month", 2024,
                  "Brazil, Decreto n. 11.864, de 27 de dezembro de 2023 (salario minimo from 1 Jan 2024), Art. 1, DOU 27/12/2023 ed. 245-D (text seen via a legislation mirror)",
                  "https://www.meuvademecumonline.com.br/legislacao/decretos/21100/pagina_22/47/decreto-n-11-864-de-27-de-dezembro-de-2023", OFFICIAL,
                  "[solid] R$ 1,412.00/month; daily R$ 47.07, hourly R$ 6.42 (same decree). 2025: R$ 1,518."))
    w.append(wage("BR", "BRL", "month", "hours_basis", 220, "h/month", 2024,
                  "Brazil, Decreto n. 11.864/2023 (monthly R$ 1,412.00 and hourly R$ 6.42)",
                  "https://www.meuvademecumonline.com.br/legislacao/decretos/21100/pagina_22/47/decreto-n-11-864-de-27-de-dezembro-de-2023", OFFICIAL,
                  "[solid] Derived: 1,412 / 6.42 = 219.9 -> 220 h/month (the CLT 44-hour-week divisor)."))
    w.sort(key=lambda r: (r["country"], r["basis"], r["quantity"]))
    return w


# ----------------------------------------------------------------------------- 6. PPP and exchange rates

PPP_SRC = ("World Bank, World Development Indicators, PA.NUS.PRVT.PP 'PPP conversion factor, private consumption "
           "(LCU per international $)' (ICP 2021 benchmark, extrapolated)")
FX_SRC = ("World Bank, World Development Indicators, PA.NUS.FCRF 'Official exchange rate (LCU per US$, period "
          "average)' (IMF IFS)")
WB_LIC = "CC-BY-4.0"
PPP_W = 1.15  # judgement: x/1.15 for PPPs extrapolated beyond the 2021 ICP benchmark

PPP = [  # cc, currency, value, year, mirror
    ("BD", "BDT", 32.99, 2024, "rankcountry.com"), ("IN", "INR", 19.9, 2024, "rankcountry.com"),
    ("KE", "KES", 44.39, 2024, "rankcountry.com"), ("PH", "PHP", 20.74, 2024, "rankcountry.com"),
    ("PK", "PKR", 64.86, 2024, "rankcountry.com"), ("UG", "UGX", 1325.72, 2024, "rankcountry.com"),
    ("MG", "MGA", 1103.12, 2022, "paintmaps.com (Africa map, 2022)"),
]
FX = [  # cc, currency, value, year, mirror
    ("KE", "KES", 134.8, 2024, "knoema (COMESA table, 1 decimal)"),
    ("MG", "MGA", 4525.4, 2024, "knoema (COMESA table, 1 decimal)"),
    ("UG", "UGX", 3757.3, 2024, "knoema (COMESA table, 1 decimal)"),
]


def ppp_rows():
    p = []
    for cc, cur, v, year, mirror in PPP:
        p.append(dict(factor_id=f"ppp.{cc.lower()}.ppp_private_consumption", quantity="ppp_private_consumption",
                      country=cc, currency=cur, value=v, unit="LCU/intl$", low=round(v / PPP_W, 4),
                      high=round(v * PPP_W, 4), distribution="lognormal", year=year, source=PPP_SRC + f", via the {mirror} mirror",
                      url="https://data.worldbank.org/indicator/PA.NUS.PRVT.PP", license=WB_LIC,
                      notes=(f"[medium: mirror, not the World Bank file] Pay in LCU / this = international $. Range x/{PPP_W} "
                             "(judgement for a value extrapolated from the 2021 ICP benchmark; the World Bank publishes "
                             "no interval)." + (" 2024 value not found; 2022 used." if year != 2024 else ""))))
    p.append(dict(factor_id="ppp.us.ppp_private_consumption", quantity="ppp_private_consumption", country="US",
                  currency="USD", value=1, unit="LCU/intl$", low=1, high=1, distribution="constant", year=2024,
                  source=PPP_SRC + " (the US is the base: 1 by definition)",
                  url="https://data.worldbank.org/indicator/PA.NUS.PRVT.PP", license=WB_LIC,
                  notes="[solid] Definition: the international dollar has the purchasing power of the US dollar in the US."))
    for cc, cur, v, year, mirror in FX:
        p.append(dict(factor_id=f"fx.{cc.lower()}.exchange_rate", quantity="exchange_rate", country=cc, currency=cur,
                      value=v, unit="LCU/USD", low=v, high=v, distribution="constant", year=year,
                      source=FX_SRC + f", via the {mirror} mirror", url="https://data.worldbank.org/indicator/PA.NUS.FCRF",
                      license=WB_LIC,
                      notes="[medium: mirror, rounded to 1 decimal] Annual average of monthly averages; constant "
                            "(a published average, not an estimate)."))
    p.append(dict(factor_id="fx.us.exchange_rate", quantity="exchange_rate", country="US", currency="USD", value=1,
                  unit="LCU/USD", low=1, high=1, distribution="constant", year=2024, source=FX_SRC + " (1 by definition)",
                  url="https://data.worldbank.org/indicator/PA.NUS.FCRF", license=WB_LIC, notes="[solid] Definition."))
    p.append(dict(factor_id="fx.ve.exchange_rate", quantity="exchange_rate", country="VE", currency="VES", value=130.06,
                  unit="LCU/USD", low=130.06, high=130.06, distribution="constant", year=2025,
                  source="Banco Central de Venezuela official rate of 8 Aug 2025, as reported by EFE/DW via Publimetro (9 Aug 2025)",
                  url="https://www.publimetro.com.mx/noticias/2025/08/09/salario-minimo-en-venezuela-llega-a-un-dolar-por-mes/",
                  license=FACTS,
                  notes="[medium] NOT PA.NUS.FCRF (the World Bank publishes no recent VE rate): one day's BCV rate, "
                        "used only to express the VES 130 minimum wage (~USD 1.00/month). The bolivar depreciates "
                        "fast; do not reuse for other dates. No PPP is published for VE."))
    p.sort(key=lambda r: (r["quantity"], r["country"]))
    return p


def main():
    write_table("rock.csv", ["material"], rock_rows())
    write_table("material_risk.csv", ["material", "country", "scheme"], risk_rows())
    write_table("labor.csv", ["task", "country"], labor_rows())
    write_table("wages.csv", ["country", "currency", "basis"], wage_rows())
    write_table("ppp_fx.csv", ["country", "currency"], ppp_rows())


if __name__ == "__main__":
    main()
