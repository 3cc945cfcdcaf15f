"""Rebuild the dashboard's bundled world map from Natural Earth (via the `world-atlas` npm package).

    python dev/web_assets.py            # writes dyadwatch/web/static/world-110m.geojson

Why: the dashboard must work with no internet, and Plotly's own base maps load from a CDN.
We ship one small GeoJSON (countries at 1:110m, keyed by ISO 3166-1 alpha-3) and draw the
choropleth from it. Plotly's JavaScript itself is served from the installed `plotly`
PyPI package, so it is not copied into the repository.

Needs `npm` (only to fetch the package tarball) and `pycountry`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

PACKAGE = "world-atlas@2.0.2"
OUT = Path(__file__).resolve().parent.parent / "dyadwatch" / "web" / "static" / "world-110m.geojson"
# Natural Earth areas without an ISO numeric code in world-atlas, by name.
BY_NAME = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs (quantised, delta-encoded) as absolute lon/lat lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 2), round(y * sy + ty, 2)))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[list[float]]:
    points: list[list[float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend([list(p) for p in (arc[1:] if points else arc)])
    return points


def to_geojson(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    features = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = geom["properties"]["name"]
        country = pycountry.countries.get(numeric=geom.get("id", "")) if geom.get("id") else None
        iso3 = country.alpha_3 if country else BY_NAME.get(name)
        if not iso3 or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        coords = [[ring(arcs, r) for r in poly] for poly in polys]
        features.append({"type": "Feature", "id": iso3, "properties": {"name": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as tar:
            member = tar.extractfile("package/countries-110m.json")
            assert member is not None
            topo = json.load(member)
    geo = to_geojson(topo)
    OUT.write_text(json.dumps(geo, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(geo['features'])} countries, {OUT.stat().st_size // 1024} KiB",
          file=sys.stderr)


if __name__ == "__main__":
    main()
