"""Calm abstract illustrations for the demo articles, drawn with Pillow."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((31, 95, 91), (214, 232, 226), (244, 200, 150)),
    ((42, 74, 120), (218, 228, 242), (240, 214, 170)),
    ((86, 70, 120), (232, 224, 240), (250, 210, 190)),
    ((54, 96, 64), (224, 236, 222), (236, 220, 160)),
    ((120, 72, 52), (244, 230, 218), (190, 220, 214)),
]
WIDTH, HEIGHT = 1200, 675


def illustration(seed):
    """A 1200x675 PNG: a soft vertical gradient with overlapping translucent circles."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    dark, light, warm = rng.choice(PALETTES)
    image = Image.new("RGB", (WIDTH, HEIGHT), light)
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(int(light[i] * (1 - t) + warm[i] * t) for i in range(3)),
        )
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(layer)
    for _ in range(7):
        r = rng.randint(80, 260)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        colour = rng.choice([dark, warm, (255, 255, 255)])
        shapes.ellipse([x - r, y - r, x + r, y + r], fill=(*colour, rng.randint(50, 110)))
    layer = layer.filter(ImageFilter.GaussianBlur(6))
    image = Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    out.seek(0)
    out.name = "illustration.png"
    return out
