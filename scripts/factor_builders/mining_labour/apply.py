"""Apply the staged rock, risk, producer and labour tables (issue #16) to factors/: run from the repository root.

    python scripts/factor_builders/mining_labour/build.py             # out/rock.csv, material_risk.csv, labor.csv,
                                                                       # wages.csv, ppp_fx.csv
    python scripts/factor_builders/mining_labour/build_producers.py   # out/material_producers.csv (USGS MCS 2025)
    python scripts/factor_builders/mining_labour/apply.py             # this script: copies them into factors/

out/usgs_mcs2025_world_production.csv is the producers' input, not a factor table: it is not copied.
"""

from __future__ import annotations

import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
FACTORS = os.path.join(HERE, "..", "..", "..", "factors")
TABLES = ("rock.csv", "material_risk.csv", "material_producers.csv", "labor.csv", "wages.csv", "ppp_fx.csv")


#: Rows added to the staged tables here (with their sources). Health flags are qualitative: value 1 says the finding
#: applies to the task; the finding is the row's notes, shown with its source (never multiplied).
EXTRA = {"labor.csv": [
    "labor.content-moderation-post.ke.health_flag,health_flag,content-moderation-post,KE,1,fraction,1,1,constant,2024,"
    "\"Court filing in the Nairobi case of former Sama moderators v. Meta (psychiatric assessments by Dr Ian Kanyanya, "
    "Kenyatta National Hospital), reported by The Guardian (Dec 2024) and relayed by Newser (28 Dec 2024)\","
    "https://www.newser.com/,"
    "fair-use (facts from publication),"
    "\"[medium for the fact, weak as a prevalence] 144 former Facebook content moderators in Nairobi were examined by a "
    "psychiatrist; all were diagnosed with PTSD, 81% extremely severe (litigation evidence, not an epidemiological "
    "sample)\"",
    "labor.content-moderation-post.health_flag,health_flag,content-moderation-post,,1,fraction,1,1,constant,2020,"
    "\"Scola et al. v. Facebook Inc., San Mateo County Superior Court, settlement of May 2020 (USD 52 million)\","
    "https://www.contentmoderatorsettlement.com/,fair-use (facts from publication),"
    "\"[solid] US content moderators (contractors, 2015-2020) settled a class action over psychological injury for "
    "USD 52 million: at least USD 1,000 each, up to 50,000 with a diagnosis\"",
    "labor.text-classification-passage.ke.health_flag,health_flag,text-classification-passage,KE,1,fraction,1,1,"
    "constant,2023,\"Perrigo B., 'Exclusive: OpenAI Used Kenyan Workers on Less Than $2 Per Hour to Make ChatGPT Less "
    "Toxic', TIME, 18 Jan 2023\",https://time.com/6247678/,"
    "fair-use (facts from publication),"
    "\"[medium] Workers in Nairobi labelled passages describing sexual abuse, violence and self-harm for a safety "
    "classifier (Nov 2021 - Feb 2022); workers described lasting distress and the contract ended early\""],
    "wages.csv": [
    "wage.ke.month.hours_basis,hours_basis,KE,KES,month,225.33,h/month,225.33,225.33,constant,2024,"
    "\"Kenya, Regulation of Wages (General) Order (Cap. 229, Laws of Kenya): normal working week of not more than "
    "52 hours over six days\",http://kenyalaw.org/,facts (official instrument),"
    "\"[medium] 52 h x 52 weeks / 12 months = 225.33 h/month; the 52-hour week recalled from the Order's text, not "
    "re-read in this session. The general order's minimum monthly wages are for this normal week.\""]}


def main() -> None:
    for name in TABLES:
        shutil.copyfile(os.path.join(HERE, "out", name), os.path.join(FACTORS, name))
        for row in EXTRA.get(name, []):
            with open(os.path.join(FACTORS, name), "a", encoding="utf-8", newline="") as fh:
                fh.write(row + "\n")


if __name__ == "__main__":
    main()
