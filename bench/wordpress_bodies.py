"""How WordPress body conversion scales: page-builder posts, real and hostile.

    .venv/bin/python -m bench.wordpress_bodies [--sizes 100000,200000,400000,800000]

Each body is converted whole (builders, shortcodes, wpautop, the sanitizer, tidying)
at growing sizes. The table gives the time and the time per 100 KB; the last column
is the growth factor between the two largest sizes divided by the size factor: about
1 is linear, 2 would be quadratic. Exits 1 when a body grows worse than LIMIT, so it
can gate a change to the parser.
"""

import argparse
import json
import sys
import time

from bench.common import setup_django

LIMIT = 1.6  # growth over size growth; linear work measures about 1 give or take noise

DIVI_MODULE = (
    '[et_pb_text _builder_version="4.24.0"]<p>Detox is the first step.</p>[/et_pb_text]'
    '[et_pb_image src="https://old.example/wp-content/uploads/2024/01/a.jpg" alt="A"]'
    "[/et_pb_image]"
    '[et_pb_button button_url="https://old.example/?p=2" button_text="Find help"]'
    "[/et_pb_button]"
    '[et_pb_toggle title="How long?"]<p>A week.</p>[/et_pb_toggle]'
)
WPBAKERY_MODULE = (
    "[vc_row][vc_column][vc_column_text]Words and more words.[/vc_column_text]"
    '[vc_btn title="Call" link="url:tel%3A988|||"]'
    '[vc_tta_tabs][vc_tta_section title="One"][vc_column_text]Tab.[/vc_column_text]'
    "[/vc_tta_section][/vc_tta_tabs][/vc_column][/vc_row]"
)


def divi(size):
    section = f"[et_pb_section][et_pb_row][et_pb_column]{DIVI_MODULE * 10}"
    section += "[/et_pb_column][/et_pb_row][/et_pb_section]\n"
    return _repeat(section, size)


def wpbakery(size):
    return _repeat(WPBAKERY_MODULE + "\n", size)


def elementor(size):
    widget = {
        "elType": "widget",
        "widgetType": "text-editor",
        "settings": {"editor": "<p>Recovery is possible.</p>"},
    }
    one = len(json.dumps(widget)) + 1
    data = [{"elType": "section", "elements": [widget] * max(1, size // one)}]
    return "", {"_elementor_edit_mode": "builder", "_elementor_data": json.dumps(data)}


def _repeat(unit, size):
    return unit * max(1, size // len(unit))


HOSTILE = {
    "openings without ]": lambda size: "[a " * (size // 3),
    "brackets in a value": lambda size: '[et_pb_text title="' + "[" * size + '"]x[/et_pb_text]',
    "unbalanced quotes": lambda size: '[vc_btn title="' * (size // 15) + "]",
    "quotes in attributes": lambda size: ("[vc_btn" + ' a="' * 2_500 + "]") * (size // 10_008),
    "huge attribute": lambda size: '[et_pb_button button_text="' + "A" * size + '"][/et_pb_button]',
    "closings first": lambda size: "[/et_pb_text]" + "[et_pb_text]" * (size // 12),
    "deep nesting": lambda size: "[et_pb_row]" * (size // 22) + "x" + "[/et_pb_row]" * (size // 22),
}
REAL = {"Divi post": divi, "WPBakery post": wpbakery, "Elementor JSON": elementor}


def convert(body):
    from articles.wordpress import content

    text, meta = body if isinstance(body, tuple) else (body, None)
    content.convert_body(
        text,
        shortcode_handlers={},
        rewrite_url=lambda tag, attribute, url: None,
        reusable_blocks={},
        stats=content.BodyStats(),
        post_meta=meta,
    )


def measure(make, size, runs=3):
    """The best of `runs`: the machine's other work only ever adds time."""
    body = make(size)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        convert(body)
        best = min(best, time.perf_counter() - started)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100000,200000,400000,800000")
    sizes = [int(size) for size in parser.parse_args().sizes.split(",")]
    setup_django()
    print(f"{'body':<22}" + "".join(f"{size // 1000:>8} KB" for size in sizes) + "   growth")
    worst = 0.0
    for name, make in {**REAL, **HOSTILE}.items():
        times = [measure(make, size) for size in sizes]
        growth = (times[-1] / max(times[-2], 1e-6)) / (sizes[-1] / sizes[-2])
        worst = max(worst, growth)
        cells = "".join(f"{seconds:>9.3f}s" for seconds in times)
        print(f"{name:<22}{cells}   {growth:.2f}")
    print(f"worst growth {worst:.2f} (limit {LIMIT})")
    return 0 if worst <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
