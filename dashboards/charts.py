"""Inline SVG charts drawn on the server: no script, no build step.

Each chart is sized by its viewBox and scales to the page width. Text is
large and dark on white and the colours are the Okabe–Ito set (told apart
with colour-blindness too), so a chart reads on a hall projector. Every
chart is an image with a title and a description; the table beside it
carries the same numbers for screen readers and for copying.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Okabe–Ito: distinguishable by people with colour-vision deficiency.
COLOURS = ("#0072B2", "#D55E00", "#000000", "#E69F00", "#009E73", "#CC79A7")
DASHES = ("", "10 6", "3 5", "14 4 3 4")
FONT = 'font-family="system-ui, PingFang SC, Noto Sans CJK SC, Microsoft YaHei, sans-serif"'
WIDTH = 960
TEXT = 22
SMALL = 18


@dataclass
class Series:
    name: str
    values: list[float | None]


def _number(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _nice_max(value: float) -> float:
    """A round top for the axis, so the gridlines fall on readable numbers."""
    if value <= 0:
        return 1
    for step in itertools.chain.from_iterable(
        (m, 2 * m, 5 * m) for m in (10**k for k in range(-1, 9))
    ):
        if step * 4 >= value:
            return step * 4
    return value


def _svg(height: int, title: str, description: str, body: list[str], ident: str) -> SafeString:
    head = format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{i}-t {i}-d" '
        'xmlns="http://www.w3.org/2000/svg" {font}><title id="{i}-t">{t}</title>'
        '<desc id="{i}-d">{d}</desc><rect width="{w}" height="{h}" fill="#fff"/>',
        w=WIDTH,
        h=height,
        i=ident,
        t=title,
        d=description,
        font=mark_safe(FONT),
    )
    return mark_safe(head + "".join(body) + "</svg>")


def _legend(series: list[Series], y: int, *, lines: bool) -> list[str]:
    parts, x = [], 80
    for index, item in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        if lines:
            parts.append(
                format_html(
                    '<line x1="{x}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="5" '
                    'stroke-dasharray="{d}"/>',
                    x=x,
                    x2=x + 36,
                    y=y - 7,
                    c=colour,
                    d=DASHES[index % len(DASHES)],
                )
            )
        else:
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="28" height="20" fill="{c}"/>',
                    x=x,
                    y=y - 18,
                    c=colour,
                )
            )
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="{s}" fill="#000">{n}</text>',
                x=x + 44,
                y=y,
                s=TEXT,
                n=item.name,
            )
        )
        x += 44 + 24 * len(item.name) + 40
    return parts


def line_chart(
    *, ident: str, title: str, description: str, labels: list[str], series: list[Series]
) -> SafeString:
    """One line per series over the labels (days), with dots where there are few points."""
    height, left, right, top, bottom = 440, 80, 30, 60, 70
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value = _nice_max(max((v or 0 for s in series for v in s.values), default=0))
    count = max(len(labels), 1)
    step = plot_w / max(count - 1, 1)
    body = _legend(series, 34, lines=True)
    for tick in range(5):
        value = top_value * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(
            format_html(
                '<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="#767676" stroke-width="1"/>'
                '<text x="{tx}" y="{ty}" font-size="{s}" text-anchor="end" fill="#000">{v}</text>',
                l=left,
                r=WIDTH - right,
                y=round(y, 1),
                tx=left - 8,
                ty=round(y + 7, 1),
                s=SMALL,
                v=_number(value),
            )
        )
    every = max(1, round(count / 8))
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            body.append(
                format_html(
                    '<text x="{x}" y="{y}" font-size="{s}" text-anchor="middle" fill="#000">{t}</text>',
                    x=round(left + step * index, 1),
                    y=height - bottom + 30,
                    s=SMALL,
                    t=label,
                )
            )
    for index, item in enumerate(series):
        colour = COLOURS[index % len(COLOURS)]
        points = [
            (round(left + step * i, 1), round(top + plot_h - plot_h * (v or 0) / top_value, 1))
            for i, v in enumerate(item.values)
        ]
        body.append(
            format_html(
                '<polyline fill="none" stroke="{c}" stroke-width="4" stroke-dasharray="{d}" '
                'points="{p}"/>',
                c=colour,
                d=DASHES[index % len(DASHES)],
                p=" ".join(f"{x},{y}" for x, y in points),
            )
        )
        if count <= 31:
            body.extend(
                format_html('<circle cx="{x}" cy="{y}" r="5" fill="{c}"/>', x=x, y=y, c=colour)
                for x, y in points
            )
    return _svg(height, title, description, body, ident)


def bar_chart(
    *, ident: str, title: str, description: str, labels: list[str], series: list[Series]
) -> SafeString:
    """Horizontal bars, one group per label, one bar per series, the value at its end."""
    bar, gap = 30, 22
    label_w, right, top = 300, 110, 60
    group_h = bar * len(series) + gap
    height = top + group_h * max(len(labels), 1) + 20
    plot_w = WIDTH - label_w - right
    top_value = _nice_max(max((v or 0 for s in series for v in s.values), default=0))
    body = _legend(series, 34, lines=False) if len(series) > 1 else []
    for row, label in enumerate(labels):
        y0 = top + group_h * row
        body.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="{s}" text-anchor="end" fill="#000">{t}</text>',
                x=label_w - 12,
                y=y0 + bar * len(series) / 2 + 8,
                s=TEXT,
                t=label if len(label) <= 12 else label[:11] + "…",
            )
        )
        for index, item in enumerate(series):
            value = item.values[row]
            width = round(plot_w * (value or 0) / top_value, 1)
            y = y0 + bar * index
            body.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}"/>'
                    '<text x="{tx}" y="{ty}" font-size="{s}" fill="#000">{v}</text>',
                    x=label_w,
                    y=y,
                    w=width,
                    h=bar - 4,
                    c=COLOURS[index % len(COLOURS)],
                    tx=label_w + width + 8,
                    ty=y + bar - 10,
                    s=SMALL,
                    v=_number(value),
                )
            )
    body.append(
        format_html(
            '<line x1="{x}" y1="{t}" x2="{x}" y2="{b}" stroke="#000" stroke-width="2"/>',
            x=label_w,
            t=top - 6,
            b=height - 20,
        )
    )
    return _svg(height, title, description, body, ident)


def heat_map(
    *, ident: str, title: str, description: str, rows: list[str], columns: list[str], values
) -> SafeString:
    """A grid of rows by hours; darker is busier, and every cell prints its number."""
    label_w, top, cell_h = 220, 50, 44
    cell_w = (WIDTH - label_w - 10) / max(len(columns), 1)
    height = top + cell_h * max(len(rows), 1) + 10
    peak = max((v or 0 for row in values for v in row), default=0) or 1
    body = [
        format_html(
            '<text x="{x}" y="{y}" font-size="{s}" text-anchor="middle" fill="#000">{t}</text>',
            x=round(label_w + cell_w * (i + 0.5), 1),
            y=top - 14,
            s=SMALL,
            t=column,
        )
        for i, column in enumerate(columns)
    ]
    for r, label in enumerate(rows):
        y = top + cell_h * r
        body.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="{s}" text-anchor="end" fill="#000">{t}</text>',
                x=label_w - 10,
                y=y + cell_h / 2 + 8,
                s=TEXT,
                t=label if len(label) <= 9 else label[:8] + "…",
            )
        )
        for c, value in enumerate(values[r]):
            share = (value or 0) / peak
            # Blue from white to dark; the number turns white where the fill is dark.
            red, green, blue = (round(255 - share * drop) for drop in (255, 141, 77))
            fill = f"#{red:02x}{green:02x}{blue:02x}"
            body.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{f}" stroke="#767676"/>'
                    '<text x="{tx}" y="{ty}" font-size="{s}" text-anchor="middle" fill="{tc}">{v}</text>',
                    x=round(label_w + cell_w * c, 1),
                    y=y,
                    w=round(cell_w, 1),
                    h=cell_h,
                    f=fill,
                    tx=round(label_w + cell_w * (c + 0.5), 1),
                    ty=y + cell_h / 2 + 7,
                    s=SMALL,
                    tc="#fff" if share > 0.55 else "#000",
                    v=_number(value),
                )
            )
    return _svg(height, title, description, body, ident)
