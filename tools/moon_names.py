"""Pick the lunar names the map shows from the IAU/USGS Gazetteer of Planetary Nomenclature.

Usage: python tools/moon_names.py GAZETTEER.csv > scripts/lunar_atlas/resources/moon_names.csv

GAZETTEER.csv is the Gazetteer's "All features" CSV export for the Moon (columns Feature_Name, Diameter,
Center_Latitude, Center_Longitude, Approval_Status). Kept: every approved mare and ocean, and every approved crater
at least 60 km across whose rim lies within about 100 km of a landing or impact site in datapackage/missions.csv.
A crater's name carries no descriptor term (Mons, Rima, Vallis ...) and no lettered suffix (satellite craters).
"""

from __future__ import annotations

import csv
import math
import re
import sys
from pathlib import Path

MOON_RADIUS_KM = 1737.4
DESCRIPTORS = {"Mons", "Montes", "Rima", "Rimae", "Vallis", "Lacus", "Sinus", "Palus", "Dorsum", "Dorsa", "Catena",
               "Promontorium", "Rupes", "Planitia", "Terra", "Statio", "Gamma"}
MISSIONS = Path(__file__).resolve().parent.parent / "datapackage" / "missions.csv"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    cosine = math.sin(a) * math.sin(c) + math.cos(a) * math.cos(c) * math.cos(b - d)
    return MOON_RADIUS_KM * math.acos(max(-1.0, min(1.0, cosine)))


def kind_of(name: str) -> str | None:
    if name.startswith(("Mare ", "Oceanus ")):
        return "mare"
    if re.search(r" [A-Z]$", name) or set(name.split()) & DESCRIPTORS:
        return None
    return "crater"


def main(gazetteer: str) -> None:
    with MISSIONS.open(encoding="utf-8") as handle:
        sites = [(float(m["landing_lat"]), float(m["landing_lon"])) for m in csv.DictReader(handle) if m["landing_lat"]]
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["name", "kind", "lat", "lon", "diameter_km"])
    with open(gazetteer, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name, kind = row["Feature_Name"], kind_of(row["Feature_Name"])
            if row["Approval_Status"] != "Approved" or not kind:
                continue
            lat, lon, diameter = float(row["Center_Latitude"]), float(row["Center_Longitude"]), float(row["Diameter"] or 0)
            if kind == "crater" and (diameter < 60 or min(distance_km(lat, lon, *s) for s in sites) > max(150, diameter / 2 + 100)):
                continue
            writer.writerow([name, kind, lat, lon, diameter])


if __name__ == "__main__":
    main(sys.argv[1])
