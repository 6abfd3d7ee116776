"""What a visitor sees on the first screen and in the page's layout, at 320 to 1280 px."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory

ARTICLE = "/articles/how-does-klonopin-work/"
PUBLIC_PAGES = [
    "/",
    ARTICLE,
    "/articles/",
    "/articles/category/opioids/",
    "/search/?q=withdrawal",
    "/call-back/",
    "/call-back/thanks/",
    "/no-such-page/",
]

# Every run of text that looks like a phone number (858-888-0101, 1-800-662-4357,
# (619) 555-0142, +44 20 7946 0958) and how many lines each one is drawn on.
PHONE_NUMBER_LINES = r"""() => {
    const pattern = /(\+?\d[\d ().-]{6,}\d)/g;
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement.checkVisibility()) continue;
        for (const match of node.data.matchAll(pattern)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()]
                .filter(r => r.width > 0).map(r => Math.round(r.top)));
            found.push([match[0], tops.size]);
        }
    }
    return found;
}"""

# For every card grid: the rows it lays out and whether each row is filled edge to edge.
GRID_ROWS = """() => [...document.querySelectorAll(".card-grid, .topics")].map(grid => {
    const box = grid.getBoundingClientRect();
    const rows = new Map();
    for (const item of grid.children) {
        const r = item.getBoundingClientRect();
        const top = Math.round(r.top);
        if (!rows.has(top)) rows.set(top, []);
        rows.get(top).push(r);
    }
    return [...rows.values()].map(items => {
        const left = Math.min(...items.map(r => r.left));
        const right = Math.max(...items.map(r => r.right));
        return {count: items.length, gapLeft: left - box.left, gapRight: box.right - right};
    });
})"""


@pytest.mark.parametrize("width", [320, 390])
def test_no_phone_number_breaks_across_lines(new_page, demo, settings, width):
    settings.CALLBACK_MIN_SECONDS = 0
    page = new_page(phone=True, viewport={"width": width, "height": 740})
    checked = 0
    for path in [*PUBLIC_PAGES, "/call-back/?errors"]:
        page.goto(path.replace("?errors", ""))
        if path.endswith("?errors"):
            page.get_by_role("button", name="Call me back").click()
            expect(page.get_by_role("alert")).to_be_visible()
        for number, lines in page.evaluate(PHONE_NUMBER_LINES):
            checked += 1
            assert lines == 1, f"{number!r} is broken over {lines} lines on {path} at {width} px"
    assert checked > 20


@pytest.mark.parametrize("path", ["/", "/articles/", "/articles/category/opioids/", ARTICLE])
def test_card_grids_leave_no_holes_at_1280_px(page, demo, path):
    page.goto(path)
    grids = page.evaluate(GRID_ROWS)
    assert grids, "no card grid on the page"
    for rows in grids:
        for row in rows:
            assert row["gapLeft"] < 1 and row["gapRight"] < 1, f"a hole in a row on {path}: {rows}"


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7])
@pytest.mark.parametrize("width", [800, 1280])
def test_any_number_of_cards_fills_its_rows(new_page, live_server, count, width):
    category = CategoryFactory(slug="many")
    ArticleFactory.create_batch(count, category=category)
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/articles/category/many/")
    (rows,) = page.evaluate(GRID_ROWS)
    assert sum(row["count"] for row in rows) == count
    for row in rows:
        assert row["gapLeft"] < 1 and row["gapRight"] < 1, f"{count} cards at {width} px: {rows}"


@pytest.mark.parametrize("path", ["/", ARTICLE])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_first_screen_offers_the_call_and_the_call_back(new_page, demo, path, width):
    page = new_page(phone=width < 600, viewport={"width": width, "height": 800})
    page.goto(path)
    call = page.locator('a[href^="tel:+1"]:visible').filter(has_text="858-888-0101")
    request = page.get_by_role("link", name="Request a call back").filter(visible=True)
    expect(call.first).to_be_in_viewport()
    expect(request.first).to_be_in_viewport()
    if width >= 1280:
        # On a desktop, next to the content and not only in the top bar.
        panel = page.get_by_role("region", name="Talk to someone today")
        expect(panel.get_by_role("link", name="Call 858-888-0101")).to_be_in_viewport()
        expect(panel.get_by_role("link", name="Request a call back")).to_be_in_viewport()


def test_the_tagline_stands_beside_the_call_to_action_on_articles(page, demo):
    page.goto(ARTICLE)
    panel = page.get_by_role("region", name="Talk to someone today")
    expect(panel.get_by_text("Life can be good again")).to_be_visible()


@pytest.mark.parametrize("java_script", [True, False], ids=["javascript", "no-javascript"])
def test_the_call_bar_on_the_form_page_goes_to_the_form_and_keeps_what_was_typed(
    new_page, java_script
):
    page = new_page(phone=True, java_script_enabled=java_script)
    page.goto("/call-back/")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Phone number").fill("619-555-0142")
    page.get_by_label("Phone number").blur()
    if java_script:
        page.evaluate("window.notReloaded = true")
    bar = page.get_by_role("complementary", name="Talk to us")
    bar.get_by_role("link", name="Request a call back").click()
    expect(page.get_by_label("Your name")).to_have_value("Sam")
    expect(page.get_by_label("Phone number")).to_have_value("619-555-0142")
    if java_script:
        assert page.evaluate("window.notReloaded") is True
        expect(page.get_by_label("Your name")).to_be_focused()
    assert page.url.split("#")[0].endswith("/call-back/")


def ink_rows(png, background_tolerance=60):
    """The y coordinates (in the picture) of rows holding anything darker than paper."""
    picture = Image.open(io.BytesIO(png)).convert("L")
    width, height = picture.size
    pixels = picture.load()
    return [
        y
        for y in range(height)
        if any(pixels[x, y] < 255 - background_tolerance for x in range(width))
    ]


LINE_BOXES = (
    "a => { const r = document.createRange(); r.selectNodeContents(a);"
    " return [...new Set([...r.getClientRects()].map(x => Math.round(x.top)))]"
    ".sort((a, b) => a - b).map(top => [top, [...r.getClientRects()]"
    ".find(x => Math.round(x.top) === top).bottom]); }"
)


def settled_item(page, item):
    """The item's title lines, its box and a picture of the bullet beside it, measured
    again until nothing moved between the measuring and the picture (a late image or a
    busy machine can shift the page in between)."""
    link = item.get_by_role("link")
    for _ in range(5):
        item.evaluate("li => li.scrollIntoView({block: 'center'})")
        lines, box = link.evaluate(LINE_BOXES), item.bounding_box()
        # The bullet is drawn in the list's left padding, left of the item's box.
        bullet = page.screenshot(
            clip={"x": box["x"] - 18, "y": box["y"], "width": 16, "height": box["height"]}
        )
        if (lines, box) == (link.evaluate(LINE_BOXES), item.bounding_box()):
            return link, lines, box, bullet
    raise AssertionError(f"the recent post {link.inner_text()!r} kept moving")


def test_a_recent_posts_bullet_sits_beside_the_first_line_of_a_wrapped_title(new_page, demo):
    page = new_page(phone=True, viewport={"width": 320, "height": 740})
    page.goto(ARTICLE)
    page.evaluate("document.fonts.ready.then(() => true)")
    items = page.locator(".recent-list li")
    wrapped = 0
    for index in range(items.count()):
        link, lines, box, bullet = settled_item(page, items.nth(index))
        if len(lines) < 2:
            continue
        wrapped += 1
        rows = ink_rows(bullet)
        assert rows, "no bullet"
        first_top, first_bottom = lines[0]
        middle = box["y"] + (rows[0] + rows[-1]) / 2
        assert first_top <= middle <= first_bottom, (
            f"the bullet of {link.inner_text()!r} is not beside its first line"
        )
    assert wrapped, "no recent-post title wraps at 320 px: the test shows nothing"


@pytest.mark.parametrize("width", [320, 390])
def test_no_byline_line_starts_with_a_separator(new_page, demo, width):
    page = new_page(phone=True, viewport={"width": width, "height": 740})
    page.goto(ARTICLE)
    byline = page.locator(".byline")
    spans = byline.locator(":scope > span")
    starts = spans.evaluate_all(
        "spans => spans.map(s => { const r = document.createRange();"
        " r.setStart(s.firstChild, 0); r.setEnd(s.firstChild, 1);"
        " const b = r.getBoundingClientRect(); return [b.left, b.top, b.bottom]; })"
    )
    lines = {}
    for left, top, bottom in starts:
        lines.setdefault(round(top), (left, top, bottom))
    assert len(lines) > 1, f"the byline fits on one line at {width} px: the test shows nothing"
    box = byline.bounding_box()
    for left, top, bottom in lines.values():
        # Whatever is drawn on this line left of its first word must be nothing at all.
        strip = page.screenshot(
            clip={
                "x": box["x"],
                "y": top,
                "width": max(left - box["x"] - 1, 1),
                "height": bottom - top,
            }
        )
        assert not ink_rows(strip), f"a line of the byline starts with a mark at {width} px"


def test_the_404_page_offers_search_articles_and_the_number(page, demo):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    page.get_by_role("searchbox").fill("naloxone")
    page.get_by_role("searchbox").press("Enter")
    expect(page.get_by_role("heading", name="What Naloxone Does and How to Use It")).to_be_visible()
    page.go_back()
    start = page.get_by_role("region", name="Articles readers start with")
    expect(start.get_by_role("link").first).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Call 858-888-0101")).to_be_visible()
