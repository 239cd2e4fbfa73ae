#!/usr/bin/env python3
"""Draws extraction time against input size (log-log) with the linear reference, as SVG.

    plot_scaling.py OUT.svg MB:SECONDS MB:SECONDS ...
"""
import math, sys

out, points = sys.argv[1], [tuple(map(float, p.split(":"))) for p in sys.argv[2:]]
W, H, M = 560, 360, 60
xs = [math.log10(p[0]) for p in points]
ys = [math.log10(p[1]) for p in points]
x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
sx = lambda v: M + (v - x0) / max(x1 - x0, 1e-9) * (W - 2 * M)
sy = lambda v: H - M - (v - y0) / max(y1 - y0, 1e-9) * (H - 2 * M)
# linear reference through the smallest point: time proportional to size
base = points[0]
ref = [(x, math.log10(base[1] * 10 ** x / base[0])) for x in (x0, x1)]
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<line x1="{M}" y1="{H-M}" x2="{W-M}" y2="{H-M}" stroke="black"/>',
       f'<line x1="{M}" y1="{M}" x2="{M}" y2="{H-M}" stroke="black"/>']
for e in range(x0, x1 + 1):
    svg.append(f'<text x="{sx(e)}" y="{H-M+18}" text-anchor="middle">{10**e:g} MB</text>')
for e in range(y0, y1 + 1):
    svg.append(f'<text x="{M-8}" y="{sy(e)+4}" text-anchor="end">{10**e:g} s</text>')
svg.append(f'<polyline fill="none" stroke="#999" stroke-dasharray="5,4" points="{" ".join(f"{sx(x)},{sy(y)}" for x, y in ref)}"/>')
svg.append(f'<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="{" ".join(f"{sx(x)},{sy(y)}" for x, y in zip(xs, ys))}"/>')
for (mb, s), x, y in zip(points, xs, ys):
    svg.append(f'<circle cx="{sx(x)}" cy="{sy(y)}" r="4" fill="#1f5fbf"/><text x="{sx(x)+8}" y="{sy(y)-8}">{mb:g} MB: {s:g} s</text>')
svg.append(f'<text x="{W/2}" y="{M/2}" text-anchor="middle" font-size="14">verbatim extract, one core: time against input size (dashed: linear)</text>')
svg.append(f'<text x="{W/2}" y="{H-12}" text-anchor="middle">generated news, log-log</text></svg>')
open(out, "w").write("\n".join(svg) + "\n")
