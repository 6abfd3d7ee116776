"""On a phone the call bar stays in reach, is easy to tap, and never hides what has focus."""

import pytest
from playwright.sync_api import expect

MIN_TARGET_PX = 44
FORM_CONTROLS = ["id_name", "id_phone", "id_best_time_0", "id_message", "id_consent", "submit"]
FOCUSED_CONTROL = """() => {
    const el = document.activeElement;
    if (!el.closest("#callback-form")) return null;
    return el.matches("input, textarea, select, button") ? el.id || el.type : "";
}"""


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def phone(new_page):
    return new_page(phone=True)


def test_the_call_bar_is_on_screen_with_a_large_call_link(phone, demo):
    phone.goto("/articles/how-does-klonopin-work/")
    bar = phone.get_by_role("complementary", name="Talk to us")
    expect(bar).to_be_in_viewport(ratio=1)
    call = bar.get_by_role("link", name="CALL 858-888-0101")
    expect(call).to_have_attribute("href", "tel:+18588880101")

    viewport = phone.viewport_size
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(viewport["height"], abs=1), "not at the bottom"
    for link in bar.get_by_role("link").all():
        target = link.bounding_box()
        assert target["width"] >= MIN_TARGET_PX and target["height"] >= MIN_TARGET_PX, (
            f"{link.inner_text()!r} is {target['width']:.0f}x{target['height']:.0f} CSS px"
        )

    # Still there after scrolling to the end of the article.
    phone.get_by_role("heading", name="Sources").scroll_into_view_if_needed()
    expect(bar).to_be_in_viewport(ratio=1)


@pytest.mark.parametrize("with_errors", [False, True], ids=["empty", "with-errors"])
def test_the_call_bar_never_covers_the_focused_form_field(phone, settings, with_errors):
    settings.CALLBACK_MIN_SECONDS = 0
    phone.goto("/call-back/")
    if with_errors:
        phone.get_by_role("button", name="Call me back").click()
        expect(phone.get_by_role("alert")).to_be_focused()
    bar = phone.get_by_role("complementary", name="Talk to us")

    reached = []
    for _ in range(30):
        phone.keyboard.press("Tab")
        control = phone.evaluate(FOCUSED_CONTROL)
        if control is None and reached:
            break  # Tabbed past the form.
        if not control:
            continue
        reached.append(control)
        field = phone.locator(":focus")
        expect(field).to_be_in_viewport()
        assert not overlaps(field.bounding_box(), bar.bounding_box()), (
            f"the call bar covers the focused {control}"
        )
    assert reached == FORM_CONTROLS


def test_at_320_px_the_call_bar_and_pages_fit_without_sideways_scrolling(new_page, demo):
    """WCAG 1.4.10 Reflow: 320 CSS px is a 1280 px window zoomed to 400%."""
    page = new_page(phone=True, viewport={"width": 320, "height": 640})
    for path in ["/", "/articles/how-does-klonopin-work/", "/call-back/", "/search/?q=heroin"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        for link in page.locator(".callback-banner").get_by_role("link").all():
            expect(link, path).to_be_in_viewport(ratio=1)
            box = link.bounding_box()
            assert box["height"] >= MIN_TARGET_PX and box["width"] >= MIN_TARGET_PX, path


FOCUS_STATE = """() => {
    const el = document.activeElement;
    window.seen = window.seen || new WeakSet();
    const again = window.seen.has(el);
    window.seen.add(el);
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    return {
        again,
        name: `${el.tagName} ${(el.textContent || el.name || "").trim().slice(0, 40)}`,
        inBar: Boolean(el.closest(".callback-banner")),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
            || style.boxShadow !== "none",
        box: {x: rect.x, y: rect.y, width: rect.width, height: rect.height},
    };
}"""


def test_every_tab_stop_on_an_article_shows_a_focus_ring_clear_of_the_call_bar(phone, demo):
    """WCAG 2.4.7 Focus Visible and 2.4.11 Focus Not Obscured, keyboard only."""
    phone.goto("/articles/how-does-klonopin-work/")
    bar = phone.locator(".callback-banner").bounding_box()
    stops = 0
    for _ in range(100):
        phone.keyboard.press("Tab")
        state = phone.evaluate(FOCUS_STATE)
        if state["again"] or state["name"].startswith("BODY"):
            break  # once round the page
        stops += 1
        assert state["ring"], f"no visible focus ring on {state['name']!r}"
        if not state["inBar"]:
            assert not overlaps(state["box"], bar), f"the call bar covers {state['name']!r}"
    assert stops > 20
