"""A visitor reads: home, an article, its category, search and the table of contents."""

import pytest
from playwright.sync_api import expect

KLONOPIN = "/articles/how-does-klonopin-work/"


def expect_image_loaded(image):
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"


def test_a_visitor_reads_an_article_follows_its_category_and_searches(page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Life can be good again")
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()

    page.get_by_role("link", name="How Does Klonopin Work?").first.click()
    expect(page).to_have_url(KLONOPIN)
    expect(page.get_by_role("heading", level=1)).to_have_text("How Does Klonopin Work?")
    expect(page.locator(".byline").get_by_role("link", name="Alex Morgan, LCSW")).to_be_visible()
    expect(page.locator(".reviewed")).to_contain_text("Medically reviewed by Dana Reyes, MD")
    expect_image_loaded(page.locator(".article__image img"))
    expect(page.get_by_role("heading", name="Sources")).to_be_attached()

    page.locator(".breadcrumb").get_by_role("link", name="Benzodiazepines").click()
    expect(page).to_have_url("/articles/category/benzodiazepines/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Benzodiazepines")
    expect(page.get_by_role("link", name="How Does Klonopin Work?")).to_be_visible()
    expect(page.get_by_role("link", name="What Is Xanax Withdrawal Like?")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search for a drug, a symptom or a question").fill("naloxone")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("for “naloxone”")
    result = page.get_by_role("link", name="What Naloxone Does and How to Use It")
    expect(result).to_be_visible()
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What Naloxone Does and How to Use It"
    )


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_table_of_contents_entry_takes_the_reader_to_its_heading(new_page, demo, viewport):
    page = new_page(phone=viewport == "phone")
    page.goto(KLONOPIN)
    toc = page.get_by_role("navigation", name="On this page")
    expect(toc.get_by_role("link")).to_have_count(5)

    toc.get_by_role("link", name="Klonopin and dependence").click()
    heading = page.get_by_role("heading", level=2, name="Klonopin and dependence")
    expect(page).to_have_url(f"{KLONOPIN}#{heading.get_attribute('id')}")
    expect(heading).to_be_in_viewport()
    if viewport == "phone":
        # Not hidden under the call bar fixed to the bottom of the screen either.
        heading_box = heading.bounding_box()
        bar_box = page.locator(".callback-banner").bounding_box()
        assert heading_box["y"] + heading_box["height"] <= bar_box["y"]

    # The keyboard carries on from the heading: the next Tab stop is after it.
    page.keyboard.press("Tab")
    follows_heading = page.evaluate(
        """() => {
            const heading = document.getElementById(location.hash.slice(1));
            const position = heading.compareDocumentPosition(document.activeElement);
            return Boolean(position & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert follows_heading, "Tab after the table of contents jump went back up the page"


def test_an_article_reads_the_same_without_javascript(new_page, demo):
    page = new_page(java_script_enabled=False)
    page.goto(KLONOPIN)
    expect(page.get_by_role("heading", level=1)).to_have_text("How Does Klonopin Work?")
    expect_image_loaded(page.locator(".article__image img"))
    # The copy-link button needs the clipboard API, so it stays hidden.
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    expect(page.get_by_role("link", name="Email")).to_be_visible()

    page.get_by_role("navigation", name="On this page").get_by_role("link").nth(1).click()
    expect(page.get_by_role("heading", level=2, name="Klonopin and the brain")).to_be_in_viewport()

    page.locator(".callback-cta").get_by_role("link", name="Request a call back").click()
    expect(page).to_have_url("/call-back/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request a call back")


PAGES = {
    "/": "Life can be good again",
    "/articles/": "Articles",
    "/articles/category/opioids/": "Opioids",
    KLONOPIN: "How Does Klonopin Work?",
    "/search/?q=withdrawal": "Search articles",
    "/call-back/": "Request a call back",
    "/call-back/thanks/": "Thank you. We will call you back.",
    "/no-such-page/": "We could not find that page",
}


def test_every_public_page_works_without_javascript(new_page, demo):
    page = new_page(java_script_enabled=False)
    for path, heading in PAGES.items():
        page.goto(path)
        expect(page.get_by_role("heading", level=1), path).to_have_text(heading)
        expect(page.locator(".callback-banner__call"), path).to_be_visible()
        for image in page.locator("main img").all()[:3]:
            image.scroll_into_view_if_needed()
            expect_image_loaded(image)
