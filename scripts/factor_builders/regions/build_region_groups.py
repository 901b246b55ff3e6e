#!/usr/bin/env python3
"""Write factors/region_groups.csv: which group a country (or a US state, a Canadian province) belongs to.

Run from the repository root: ``python scripts/factor_builders/regions/build_region_groups.py``.

- ``gem_region``: the UN M49 region whose e-waste collection rate (end_of_life.csv) applies, as the Global E-waste
  Monitor 2024 groups countries;
- ``eu27``: the member states of the European Union;
- ``shipping_destination``: the destination group of the transport routes (transport.csv, from the assembly region
  to the data center): a project judgement of which port or airport region serves a country (written per row).
"""

from __future__ import annotations

import csv
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".."))
OUT = os.path.join(ROOT, "factors", "region_groups.csv")
HEADER = ["factor_id", "quantity", "region", "group_kind", "group", "value", "unit", "low", "high", "distribution",
          "year", "source", "url", "license", "notes"]

GEM = {
    "europe": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB NO CH IS",
    "americas": "US CA MX BR AR CL CO PE UY",
    "asia": "CN JP KR IN SG TW ID MY TH VN HK IL AE SA QA BH PH",
    "oceania": "AU NZ",
    "africa": "ZA NG EG KE MA",
}
EU27 = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
SHIPPING = {
    "tw": "TW", "cn": "CN HK MO", "jp": "JP", "kr": "KR", "sg": "SG", "in": "IN",
    "asia-other": "MY TH VN ID PH BD PK LK KH MM LA MN KZ UZ NP BN",
    "eu": "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE GB NO CH IS RS UA BA ME "
          "MK AL MD TR",
    "middle-east": "AE SA QA BH KW OM IL JO IQ LB",
    "oceania": "AU NZ",
    "latin-america": "MX BR AR CL CO PE UY EC VE BO PY CR PA GT DO",
    "africa": "ZA NG EG KE MA GH TZ ET DZ TN SN CI UG RW",
    # the US by coast (a country-level "US" is served through the west coast, the main gateway of Asian cargo)
    "us-west": "US US-WA US-OR US-CA US-NV US-AZ US-UT US-ID US-MT US-WY US-CO US-NM US-AK US-HI CA-BC CA-AB",
    "us-east": "US-AL US-AR US-CT US-DC US-DE US-FL US-GA US-IA US-IL US-IN US-KS US-KY US-LA US-MA US-MD US-ME US-MI "
               "US-MN US-MO US-MS US-NC US-ND US-NE US-NH US-NJ US-NY US-OH US-OK US-PA US-RI US-SC US-SD US-TN US-TX "
               "US-VA US-VT US-WI US-WV CA CA-ON CA-QC CA-NS CA-NB CA-MB CA-SK CA-NL CA-PE",
}
M49 = ("UN Statistics Division, Standard country or area codes for statistical use (M49): regions, as used by the "
       "Global E-waste Monitor 2024 (Balde et al., UNITAR/ITU) for its regional collection rates")
PROJECT = "footprint project: the destination group of the transport routes that serves a data center here"


def main() -> None:
    rows = []
    for g, cs in GEM.items():
        for c in cs.split():
            rows.append([f"group.gem_region.{c.lower()}", "member", c, "gem_region", g, 1, "fraction", 1, 1, "constant",
                         2024, M49, "https://unstats.un.org/unsd/methodology/m49/", "public (UN statistical standard)",
                         "The e-waste region whose collection rate (end_of_life.csv) applies to this country. A country "
                         "not listed here takes the world rate, with a note."])
    for c in EU27.split():
        rows.append([f"group.eu27.{c.lower()}", "member", c, "eu27", "eu27", 1, "fraction", 1, 1, "constant", 2020,
                     "Council of the European Union, the 27 member states of the EU (since 1 February 2020)",
                     "https://european-union.europa.eu/principles-countries-history/eu-countries_en",
                     "CC-BY-4.0 (europa.eu reuse policy)", "EU membership."])
    for g, cs in SHIPPING.items():
        for c in cs.split():
            rows.append([f"group.shipping_destination.{c.lower()}", "member", c, "shipping_destination", g, 1,
                         "fraction", 1, 1, "constant", 2026, PROJECT, "factors/README.md#region_groupscsv",
                         "Apache-2.0 (footprint project)",
                         f"Judgement: a data center in {c} is served by the routes to '{g}' (transport.csv). A region "
                         "without a row takes its country's group; a country without one the routes to 'us-west', "
                         "with a note."])
    with open(OUT, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} rows")


if __name__ == "__main__":
    main()
