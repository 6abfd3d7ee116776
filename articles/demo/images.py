"""Calm illustrations for the demo articles, drawn with Pillow.

Each article gets a scene of its own (hills at sunrise, a quiet sea, mountains in
mist, a young plant, a path through a meadow, a sky with soft clouds), in one of
a few muted palettes, chosen from its slug so the same article always gets the
same picture and neighbours in a list differ. Drawn at twice the size and scaled
down, so edges are smooth. Nothing is downloaded.
"""

import hashlib
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1200, 675
SCALE = 2  # drawn at twice the size, then scaled down: smooth edges

# sky top, sky bottom, far land, near land, sun, accent
PALETTES = [
    (
        (196, 222, 226),
        (247, 226, 200),
        (143, 182, 168),
        (74, 128, 116),
        (250, 205, 150),
        (255, 255, 255),
    ),
    (
        (205, 216, 238),
        (240, 226, 236),
        (150, 160, 196),
        (86, 98, 150),
        (246, 214, 186),
        (255, 255, 255),
    ),
    (
        (214, 230, 214),
        (250, 238, 205),
        (150, 186, 140),
        (84, 132, 96),
        (244, 196, 120),
        (255, 252, 240),
    ),
    (
        (226, 218, 238),
        (250, 228, 214),
        (170, 150, 190),
        (112, 92, 140),
        (248, 200, 170),
        (255, 255, 255),
    ),
    (
        (200, 226, 236),
        (236, 242, 232),
        (128, 176, 186),
        (56, 112, 126),
        (250, 226, 170),
        (255, 255, 255),
    ),
]


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _sky(palette, size):
    """A vertical gradient from the palette's sky colours."""
    width, height = size
    ramp = Image.linear_gradient("L").resize((1, height))
    top, bottom = palette[0], palette[1]
    bands = [ramp.point(lambda v, c=c: top[c] + (bottom[c] - top[c]) * v / 255) for c in range(3)]
    return Image.merge("RGB", bands).resize(size)


def _ridge(width, base, amplitude, waves, phase, steps=120):
    """Points along a gentle curve (sum of two sines), closed along the bottom."""
    points = []
    for i in range(steps + 1):
        x = width * i / steps
        t = x / width * math.tau
        y = base + amplitude * (
            math.sin(t * waves + phase) * 0.7 + math.sin(t * waves * 2.3 + phase * 1.7) * 0.3
        )
        points.append((x, y))
    return points


def _hills(draw, rng, palette, w, h):
    draw.ellipse(_disc(w * rng.uniform(0.6, 0.8), h * 0.42, h * 0.12), fill=palette[4])
    for layer in range(4):
        t = layer / 3
        colour = _mix(palette[2], palette[3], t)
        base = h * (0.55 + 0.12 * layer)
        ridge = _ridge(w, base, h * 0.05, rng.uniform(0.8, 1.6), rng.uniform(0, 6))
        draw.polygon([*ridge, (w, h), (0, h)], fill=colour)


def _sea(draw, rng, palette, w, h):
    horizon = h * rng.uniform(0.52, 0.6)
    draw.ellipse(_disc(w * rng.uniform(0.3, 0.7), horizon, h * 0.14), fill=palette[4])
    draw.rectangle([0, horizon, w, h], fill=palette[2])
    for band in range(5):
        t = band / 4
        y = horizon + (h - horizon) * (0.12 + 0.85 * t)
        ridge = _ridge(w, y, h * 0.006 * (1 + band), 1.5 + band * 0.5, rng.uniform(0, 6))
        draw.polygon([*ridge, (w, h), (0, h)], fill=_mix(palette[2], palette[3], t))


def _mountains(draw, rng, palette, w, h):
    draw.ellipse(_disc(w * rng.uniform(0.2, 0.4), h * 0.3, h * 0.09), fill=palette[4])
    for layer in range(3):
        colour = _mix(palette[2], palette[3], layer / 2)
        base = h * (0.7 + 0.1 * layer)
        points = [(0, h), (0, base)]
        x = 0
        while x < w:
            peak = x + w * rng.uniform(0.12, 0.22)
            points.append((peak, base - h * rng.uniform(0.15, 0.32) / (1 + layer * 0.5)))
            x = peak + w * rng.uniform(0.1, 0.2)
            points.append((x, base))
        points.append((w, h))
        draw.polygon(points, fill=colour)


def _leaf(cx, cy, length, angle, steps=24):
    """A leaf from (cx, cy) along `angle`: widest in the middle, pointed at the tip."""
    dx, dy = math.cos(angle), math.sin(angle)
    edge = []
    for i in range(steps + 1):
        s = i / steps
        half = math.sin(math.pi * s) ** 0.8 * length * 0.22
        edge.append((s * length, half))
    outline = edge + [(x, -y) for x, y in reversed(edge)]
    return [(cx + x * dx - y * dy, cy + x * dy + y * dx) for x, y in outline]


def _plant(draw, rng, palette, w, h):
    draw.ellipse(_disc(w * rng.uniform(0.25, 0.75), h * 0.35, h * 0.1), fill=palette[4])
    ridge = _ridge(w, h * 0.8, h * 0.02, 1.1, rng.uniform(0, 6))
    draw.polygon([*ridge, (w, h), (0, h)], fill=palette[2])
    for stem in range(3):
        x = w * (0.3 + 0.2 * stem + rng.uniform(-0.04, 0.04))
        top = h * rng.uniform(0.3, 0.5)
        colour = _mix(palette[3], palette[2], stem / 4)
        draw.line([(x, h * 0.82), (x, top)], fill=colour, width=max(5, w // 240))
        for n in range(4):
            y = h * 0.75 - n * (h * 0.75 - top) / 4
            side = 1 if (n + stem) % 2 else -1
            angle = math.pi / 2 + side * math.radians(rng.uniform(50, 70))
            draw.polygon(_leaf(x, y, h * (0.16 - n * 0.02), -angle), fill=colour)


def _path(draw, rng, palette, w, h):
    _hills(draw, rng, palette, w, h)
    bend = rng.uniform(-0.15, 0.15)
    left, right = [], []
    for i in range(41):
        t = i / 40
        y = h * (0.62 + 0.38 * t)
        centre = w * (0.5 + bend * math.sin(t * math.pi * 1.5))
        half = w * (0.01 + 0.16 * t * t)
        left.append((centre - half, y))
        right.append((centre + half, y))
    draw.polygon([*left, *reversed(right)], fill=_mix(palette[1], palette[4], 0.5))


def _clouds(draw, rng, palette, w, h):
    draw.ellipse(_disc(w * rng.uniform(0.65, 0.85), h * 0.38, h * 0.1), fill=palette[4])
    for _ in range(4):
        cx, cy = w * rng.uniform(0.1, 0.9), h * rng.uniform(0.15, 0.55)
        r = h * rng.uniform(0.035, 0.06)
        for k in range(6):
            x = cx + (k - 2.5) * r * 1.3
            lift = math.sin(math.pi * (k + 0.5) / 6) * r * 0.9
            draw.ellipse(_disc(x, cy - lift, r * rng.uniform(0.9, 1.3)), fill=palette[5])
        draw.rounded_rectangle(
            [cx - r * 4, cy - r * 0.2, cx + r * 4, cy + r * 0.8], r * 0.5, fill=palette[5]
        )
    for layer in range(2):
        ridge = _ridge(w, h * (0.82 + 0.08 * layer), h * 0.03, 1.2, rng.uniform(0, 6))
        draw.polygon([*ridge, (w, h), (0, h)], fill=_mix(palette[2], palette[3], layer))


MOTIFS = {
    "hills": _hills,
    "sea": _sea,
    "mountains": _mountains,
    "plant": _plant,
    "path": _path,
    "clouds": _clouds,
}


def _disc(cx, cy, r):
    return [cx - r, cy - r, cx + r, cy + r]


def _seed(slug):
    return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big")


def motif_for(slug, index=None):
    """The scene for an article: by its position in the demo when known (so that
    neighbours differ), otherwise from its slug."""
    names = list(MOTIFS)
    return names[(index if index is not None else _seed(slug)) % len(names)]


def illustration(slug, index=None):
    """A 1200x675 JPEG of a calm scene for the article `slug`."""
    rng = random.Random(_seed(slug))  # noqa: S311 - decoration, not security
    palette = PALETTES[(index if index is not None else _seed(slug) // 7) % len(PALETTES)]
    size = (WIDTH * SCALE, HEIGHT * SCALE)
    picture = _sky(palette, size)
    draw = ImageDraw.Draw(picture)
    MOTIFS[motif_for(slug, index)](draw, rng, palette, *size)
    picture = picture.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    picture = picture.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88, optimize=True, progressive=True)
    out.seek(0)
    out.name = "illustration.jpg"
    return out


def logo():
    """The demo's logo: a sun rising over a hill in a rounded square, as a PNG with a
    transparent background (uploaded through the same checks as any logo)."""
    size = 176 * SCALE
    picture = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rounded_rectangle([0, 0, size - 1, size - 1], size // 5, fill=(31, 95, 91, 255))
    draw.ellipse(_disc(size * 0.5, size * 0.6, size * 0.22), fill=(250, 205, 150, 255))
    hill = _ridge(size, size * 0.66, size * 0.04, 0.8, 1.0)
    draw.polygon([*hill, (size, size), (0, size)], fill=(214, 232, 226, 255))
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle([0, 0, size - 1, size - 1], size // 5, fill=255)
    picture.putalpha(mask)
    picture = picture.resize((size // SCALE, size // SCALE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    out.seek(0)
    out.name = "logo.png"
    return out
