"""The offline world basemap: Natural Earth land outlines from the npm package `world-atlas`
(installed by `make basemap` into `.basemap/`, never committed), drawn as one SVG path in an
equirectangular projection (x = lon + 180, y = 90 - lat on a 360 × 180 view box)."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

ATLAS = Path("node_modules") / "world-atlas" / "land-110m.json"


def atlas_path() -> Path | None:
    """`$SITREP_BASEMAP`, else `.basemap/` in the working directory or the source checkout."""
    env = os.environ.get("SITREP_BASEMAP")
    candidates = [Path(env)] if env else []
    candidates += [Path.cwd() / ".basemap" / ATLAS,
                   Path(__file__).resolve().parents[3] / ".basemap" / ATLAS]
    return next((p for p in candidates if p.is_file()), None)


def _arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat arcs of a TopoJSON topology (quantized, delta-encoded or not)."""
    tf = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        if tf:
            (kx, ky), (dx, dy) = tf["scale"], tf["translate"]
            x = y = 0
            pts = []
            for px, py, *_ in arc:
                x += px
                y += py
                pts.append((x * kx + dx, y * ky + dy))
        else:
            pts = [(p[0], p[1]) for p in arc]
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)
    return pts


def _path(ring: list[tuple[float, float]]) -> str:
    """A closed subpath; a ring crossing the antimeridian is unwrapped into continuous
    longitudes and drawn again 360° over, so the view box clips it instead of a line
    crossing the whole map."""
    if len(ring) < 3:
        return ""
    lons = [ring[0][0]]
    for lon, _ in ring[1:]:
        prev = lons[-1]
        lons.append(lon + 360 * round((prev - lon) / 360))
    shifts = [0.0]
    if max(lons) > 180:
        shifts.append(-360.0)
    if min(lons) < -180:
        shifts.append(360.0)
    out = []
    for shift in shifts:
        coords = " ".join(f"{lon + shift + 180:.1f},{90 - lat:.1f}"
                          for lon, (_, lat) in zip(lons, ring, strict=True))
        out.append(f"M{coords}Z")
    return "".join(out)


@lru_cache(maxsize=2)
def _land(path: str) -> str:
    topo = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = _arcs(topo)
    parts: list[str] = []
    for obj in topo["objects"].values():
        geoms = obj.get("geometries", [obj])
        for g in geoms:
            polys = [g["arcs"]] if g.get("type") == "Polygon" else g.get("arcs", [])
            if g.get("type") not in ("Polygon", "MultiPolygon"):
                continue
            for poly in polys:
                parts.extend(_path(_ring(arcs, ring)) for ring in poly)
    return "".join(parts)


def land_path() -> str | None:
    """The SVG path data of the land outlines, or None when the atlas is not installed."""
    path = atlas_path()
    return _land(str(path)) if path else None


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) on the 360 × 180 view box."""
    return lon + 180.0, 90.0 - lat
