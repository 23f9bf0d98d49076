"""Small SVG charts for the dataset card (no plotting dependency)."""

from __future__ import annotations

from html import escape


def bar_chart(values: dict[str, float], title: str, width: int = 640, bar_height: int = 18) -> str:
    """Horizontal bars, one per key, labelled with the value."""
    label_width, top = 220, 30
    height = top + bar_height * len(values) * 1.4 + 10
    peak = max(values.values(), default=1) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" font-family="sans-serif" font-size="12">',
             f'<text x="10" y="18" font-size="14" font-weight="bold">{escape(title)}</text>']
    for i, (label, value) in enumerate(values.items()):
        y = top + i * bar_height * 1.4
        length = (width - label_width - 80) * value / peak
        parts += [f'<text x="{label_width - 6}" y="{y + bar_height * 0.75:.1f}" text-anchor="end">{escape(label)}</text>',
                  f'<rect x="{label_width}" y="{y:.1f}" width="{length:.1f}" height="{bar_height}" fill="#4878a8"/>',
                  f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height * 0.75:.1f}">{value:,.0f}</text>']
    return "\n".join(parts + ["</svg>"]) + "\n"


def histogram(lengths: dict[str, list[int]], title: str, bins: int = 30, upper: int = 1500, width: int = 640, height: int = 260) -> str:
    """Overlaid step histograms of character lengths, one colour per series."""
    colours = ["#4878a8", "#e07b39", "#3a9e5f", "#b04a8f"]
    left, bottom, top = 50, height - 30, 40
    step = upper / bins
    counts = {name: [sum(1 for v in values if i * step <= v < (i + 1) * step or (i == bins - 1 and v >= upper)) for i in range(bins)]
              for name, values in lengths.items()}
    peak = max((max(c) for c in counts.values() if c), default=1) or 1
    plot_width = width - left - 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<text x="10" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
             f'<line x1="{left}" y1="{bottom}" x2="{width - 20}" y2="{bottom}" stroke="#333"/>',
             f'<text x="{left}" y="{height - 8}">0</text><text x="{width - 20}" y="{height - 8}" text-anchor="end">{upper}+ chars</text>']
    for k, (name, series) in enumerate(counts.items()):
        colour = colours[k % len(colours)]
        points = []
        for i, n in enumerate(series):
            x0, x1 = left + plot_width * i / bins, left + plot_width * (i + 1) / bins
            y = bottom - (bottom - top) * n / peak
            points += [f"{x0:.1f},{y:.1f}", f"{x1:.1f},{y:.1f}"]
        parts += [f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>',
                  f'<text x="{width - 150}" y="{top + 14 * k}" fill="{colour}">{escape(name)}</text>']
    return "\n".join(parts + ["</svg>"]) + "\n"


def line_chart(points: list[tuple[int, float]], title: str, width: int = 640, height: int = 260) -> str:
    """One polyline of (x, y) points, e.g. a loss curve by step."""
    left, bottom, top = 50, height - 30, 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<text x="10" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
             f'<line x1="{left}" y1="{bottom}" x2="{width - 20}" y2="{bottom}" stroke="#333"/>']
    if points:
        xs, ys = [x for x, _ in points], [y for _, y in points]
        x0, x1, y0, y1 = min(xs), max(xs) or 1, min(ys), max(ys)
        span_x, span_y = (x1 - x0) or 1, (y1 - y0) or 1
        coords = " ".join(
            f"{left + (width - left - 20) * (x - x0) / span_x:.1f},{bottom - (bottom - top) * (y - y0) / span_y:.1f}" for x, y in points)
        parts += [f'<polyline fill="none" stroke="#4878a8" stroke-width="2" points="{coords}"/>',
                  f'<text x="{left}" y="{height - 8}">step {x0}</text><text x="{width - 20}" y="{height - 8}" text-anchor="end">step {x1}</text>',
                  f'<text x="4" y="{top + 4}">{y1:.3f}</text><text x="4" y="{bottom}">{y0:.3f}</text>']
    return "\n".join(parts + ["</svg>"]) + "\n"
