"""Inline SVG charts drawn in Python: time series whose points link to their evidence."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup, escape

W, H, PAD_L, PAD_R, PAD_T, PAD_B = 720, 260, 56, 16, 16, 40
PALETTE = 6  # series colours, as CSS classes s0..s5


def year_fraction(value: str) -> float | None:
    """'2016', '2016-10' or '2016-10-25' as a fractional year."""
    try:
        parts = [int(p) for p in value.split("-")[:3]]
    except (ValueError, AttributeError):
        return None
    if not parts:
        return None
    y, m, d = (parts + [7, 1])[:3] if len(parts) == 1 else (parts + [15])[:3]
    try:
        return y + (date(y, m, d).timetuple().tm_yday - 1) / 366
    except ValueError:
        return None


def evidence_url(source: dict[str, Any]) -> str:
    """The document page with this source's evidence sentence highlighted."""
    return (f"/document/{quote(source['doc_hash'])}?span={int(source['start'])}-"
            f"{int(source['end'])}#evidence")


def series_chart(series: list[dict[str, Any]], title: str) -> Markup:
    """A line chart of picture series (`Series.to_dict()`): x = date, y = stated value.

    Each point is a link to the document where its first source states it; conflicting
    figures for one date are all drawn."""
    pts: list[tuple[int, float, float, dict[str, Any], dict[str, Any]]] = []
    for i, s in enumerate(series):
        for p in s["points"]:
            x = year_fraction(p["date"])
            for v in p["values"]:
                if x is not None and isinstance(v["value"], int | float) and v["sources"]:
                    pts.append((i, x, float(v["value"]), p, v))
    if not pts:
        return Markup('<p class="empty">No dated figures.</p>')
    x0, x1 = min(p[1] for p in pts), max(p[1] for p in pts)
    if x1 - x0 < 1:
        x0, x1 = x0 - 0.5, x1 + 0.5
    y1 = max(p[2] for p in pts) * 1.1 or 1.0

    def sx(x: float) -> float:
        return PAD_L + (x - x0) / (x1 - x0) * (W - PAD_L - PAD_R)

    def sy(y: float) -> float:
        return H - PAD_B - y / y1 * (H - PAD_T - PAD_B)

    out = [f'<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}">',
           f"<title>{escape(title)}</title>"]
    for k in range(5):  # y grid and labels
        y = y1 * k / 4
        out.append(f'<line class="grid" x1="{PAD_L}" x2="{W - PAD_R}" y1="{sy(y):.1f}" '
                   f'y2="{sy(y):.1f}"/><text class="tick" x="{PAD_L - 6}" y="{sy(y) + 4:.1f}" '
                   f'text-anchor="end">{y:,.0f}</text>')
    for yr in range(int(x0) + (x0 > int(x0)), int(x1) + 1):
        out.append(f'<text class="tick" x="{sx(yr):.1f}" y="{H - PAD_B + 18}" '
                   f'text-anchor="middle">{yr}</text>')
    for i in range(len(series)):
        line = sorted((x, y) for j, x, y, _, _ in pts if j == i)
        if len(line) > 1:
            d = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in line)
            out.append(f'<polyline class="line s{i % PALETTE}" points="{d}"/>')
    for i, x, y, p, v in pts:
        src = v["sources"][0]
        label = (f"{series[i]['label']}: {v.get('qualifier') or ''} {v['value']:,} "
                 f"{v.get('unit') or ''} on {p['date']} — {v.get('source_count', 1)} source(s); "
                 f"{src['document']}: {src['evidence'][:160]}")
        cls = "point conflict" if p.get("conflict") else "point"
        out.append(f'<a class="pointlink" href="{escape(evidence_url(src))}">'
                   f'<circle class="{cls} s{i % PALETTE}" cx="{sx(x):.1f}" cy="{sy(y):.1f}" r="6">'
                   f"<title>{escape(label)}</title></circle></a>")
    out.append("</svg>")
    legend = "".join(f'<li><span class="swatch s{i % PALETTE}"></span>{escape(s["label"])}</li>'
                     for i, s in enumerate(series))
    return Markup("".join(out) + f'<ul class="legend">{legend}</ul>')
