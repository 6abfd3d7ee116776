"""axe-core, injected into each public page, finds nothing serious or critical.

axe-core is the copy shipped inside the axe-playwright-python package. Its rules
cover WCAG 2.0-2.2 A and AA plus best practices; target-size (WCAG 2.2, 2.5.8) is
off by default in axe and switched on here. Run with -s to see every page's summary.
"""

from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

BLOCKING = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def submit_empty_form(page):
    page.get_by_role("button", name="Call me back").click()
    expect(page.get_by_role("alert")).to_be_focused()


def open_callback_dialog(page):
    page.locator(".callback-cta").get_by_role("link", name="Request a call back").click()
    expect(page.get_by_role("dialog", name="Request a call back")).to_be_visible()


PAGES = {
    "home": ("/", None),
    "list": ("/articles/", None),
    "category": ("/articles/category/opioids/", None),
    "detail": ("/articles/how-does-klonopin-work/", None),
    "detail-dialog": ("/articles/how-does-klonopin-work/", open_callback_dialog),
    "search": ("/search/?q=withdrawal", None),
    "callback": ("/call-back/", None),
    "callback-errors": ("/call-back/", submit_empty_form),
    "thanks": ("/call-back/thanks/", None),
    "404": ("/no-such-page/", None),
}


def describe(violations):
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])}x: {targets})"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_serious_or_critical_violations(page, demo, settings, name):
    """Checked at phone width (the call bar fixed at the bottom) and at desktop width."""
    settings.CALLBACK_MIN_SECONDS = 0
    path, then = PAGES[name]
    response = page.goto(path)
    assert response.status == (404 if name == "404" else 200)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    if then:
        then(page)

    blocking = []
    for viewport, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        impacts = Counter(violation["impact"] for violation in violations)
        counts = ", ".join(
            f"{impacts[i]} {i}" for i in ("critical", "serious", "moderate", "minor")
        )
        print(f"\naxe {name} ({viewport}): {counts}")
        if violations:
            print(describe(violations))
        blocking += [(viewport, v) for v in violations if v["impact"] in BLOCKING]

    assert not blocking, f"axe on {name} {path}:\n" + "\n".join(
        f"{viewport}: {describe([violation])}" for viewport, violation in blocking
    )


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, demo):
    page.goto("/articles/how-does-klonopin-work/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("main").locator(":focus")).to_have_count(1)
