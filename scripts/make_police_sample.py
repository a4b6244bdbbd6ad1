"""Write the police.uk-format sample the demo imports: ``cspxl/data/police-uk-sample.zip``.

Fictional crimes in data.police.uk's street-level format, a month a file in folders by month as the
site's downloads come (``2023-04/2023-04-kent-street.csv``), for the 24 months April 2022 to March
2024: enough for the demo's last quarter to have the same quarter last year and two twelve-month
windows.  A few in each month are in the next district, as a force's file always has, and are not
counted for Sevenoaks.  Every row is made up; the seed makes the file the same every time::

    python scripts/make_police_sample.py
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import zipfile
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

OUT = Path(__file__).resolve().parent.parent / "cspxl" / "data" / "police-uk-sample.zip"
HEADER = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude", "Location", "LSOA code",
          "LSOA name", "Crime type", "Last outcome category", "Context"]
FORCE = "Kent Police"
#: Crime types as police.uk names them, with how often each comes (roughly a district's mix).
TYPES = {"Anti-social behaviour": 6, "Violence and sexual offences": 8, "Criminal damage and arson": 3,
         "Burglary": 2, "Vehicle crime": 2, "Shoplifting": 2, "Other theft": 2, "Public order": 2, "Drugs": 1,
         "Possession of weapons": 1, "Bicycle theft": 1, "Theft from the person": 1, "Robbery": 1, "Other crime": 1}
OUTCOMES = ["Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
            "Awaiting court outcome", "Local resolution", "Status update unavailable"]
STREETS = ["High Street", "London Road", "Station Road", "Church Lane", "Park Lane", "Parking Area", "Supermarket",
           "Sports/Recreation Area", "Petrol Station", "Shopping Area", "Nightclub", "Bridleway"]


def _lsoas(district: str, code: int, n: int) -> list[tuple[str, str]]:
    return [(f"E0{code + i:07d}", f"{district} {1 + i // 3:03d}{'ABC'[i % 3]}") for i in range(n)]


AREA = _lsoas("Sevenoaks", 1024380, 18)
NEIGHBOUR = _lsoas("Tonbridge and Malling", 1024520, 4)


def month_rows(rng: random.Random, month: str) -> list[list[str]]:
    rows = []
    for lsoa in [*(AREA for _ in range(rng.randint(20, 30))), *(NEIGHBOUR for _ in range(rng.randint(2, 4)))]:
        code, name = rng.choice(lsoa)
        kind = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
        asb = kind == "Anti-social behaviour"
        crime_id = "" if asb else hashlib.sha256(f"{month}{len(rows)}{rng.random()}".encode()).hexdigest()
        rows.append([crime_id, month, FORCE, FORCE, f"{0.19 + rng.uniform(-0.1, 0.1):.6f}",
                     f"{51.27 + rng.uniform(-0.06, 0.06):.6f}", f"On or near {rng.choice(STREETS)}", code, name, kind,
                     "" if asb else rng.choice(OUTCOMES), ""])
    return rows


def main() -> None:
    rng = random.Random("cspxl police.uk sample")
    first = date(2022, 4, 1)
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(24):
            month = f"{first + relativedelta(months=n):%Y-%m}"
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(month_rows(rng, month))
            info = zipfile.ZipInfo(f"{month}/{month}-kent-street.csv", date_time=(2024, 5, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.getvalue())
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
