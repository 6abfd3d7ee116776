"""Budgets: public pages stay on the site, and an article page stays light."""

from playwright.sync_api import expect

ARTICLE = "/articles/how-does-klonopin-work/"
PAGE_WEIGHT_LIMIT = 60 * 1024
OWN_CODE = {"document", "stylesheet", "script"}
PUBLIC_PAGES = [
    "/",
    "/articles/",
    ARTICLE,
    "/articles/category/benzodiazepines/",
    "/search/?q=withdrawal",
    "/call-back/",
    "/call-back/thanks/",
    "/no-such-page/",
]
# Addresses a page could load from without a request event firing (lazy images
# below the fold, preloads): checked in the DOM as well.
RESOURCE_URLS = """() => [
    ...[...document.querySelectorAll("[src]")].map(el => el.src),
    ...[...document.querySelectorAll("img[srcset], source[srcset]")]
        .flatMap(el => el.srcset.split(",").map(part => part.trim().split(/\\s+/)[0]))
        .map(url => new URL(url, location).href),
    ...[...document.querySelectorAll("link[href]")]
        .filter(el => !["canonical", "alternate"].includes(el.rel)).map(el => el.href),
    ...[...document.querySelectorAll("form[action]")].map(el => el.action),
]"""


def test_no_public_page_asks_another_origin_for_anything(page, demo, live_server):
    origin = f"{live_server.url}/"
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # A blocked request (say, by the Content-Security-Policy) shows up as an error here.
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message))
    page.on("pageerror", lambda error: errors.append(error))

    for path in PUBLIC_PAGES:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.keyboard.press("End")  # let lazy images below the fold load too
        page.wait_for_load_state("load")
        referenced = page.evaluate(RESOURCE_URLS)
        elsewhere = [url for url in referenced if not url.startswith(origin)]
        assert not elsewhere, f"{path} refers to other origins: {elsewhere}"

    # And the call-back dialog, which fetches the form.
    page.goto(ARTICLE)
    page.locator(".callback-cta").get_by_role("link", name="Request a call back").click()
    expect(page.get_by_role("dialog")).to_be_visible()

    assert len(requested) > len(PUBLIC_PAGES)
    elsewhere = [url for url in requested if not url.startswith(origin)]
    assert not elsewhere, f"requests to other origins: {elsewhere}"
    # The 404 page's own status is the only error a console should show.
    unexpected = [
        str(getattr(error, "text", error))
        for error in errors
        if "404 (Not Found)" not in str(getattr(error, "text", ""))
    ]
    assert not unexpected, f"errors in the browser console: {unexpected}"


def test_an_article_page_weighs_under_60_kb_without_images(page, demo):
    """HTML, CSS and JavaScript, uncompressed, as the browser received them."""
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(ARTICLE, wait_until="load")
    expect(page.get_by_role("heading", level=1)).to_have_text("How Does Klonopin Work?")

    sizes = {}
    for response in responses:
        kind = response.request.resource_type
        assert response.ok, f"{response.status} for {response.url}"
        if kind in OWN_CODE:
            sizes[response.url] = (kind, len(response.body()))
    assert {kind for kind, _ in sizes.values()} == OWN_CODE
    total = sum(size for _, size in sizes.values())

    print(f"\nArticle page weight (uncompressed, images excluded): {total / 1024:.1f} KB")
    for url, (kind, size) in sizes.items():
        print(f"  {kind:<10} {size / 1024:6.1f} KB  {url}")
    assert total < PAGE_WEIGHT_LIMIT, f"{total / 1024:.1f} KB is over the 60 KB budget"


def test_images_have_dimensions_and_only_the_first_screen_loads_eagerly(page, demo):
    for path in ["/", ARTICLE]:
        page.goto(path)
        images = page.locator("main img")
        assert images.count() > 0
        for image in images.all():
            assert image.get_attribute("width") and image.get_attribute("height"), path
        # Cards further down wait until the reader gets near them.
        expect(page.locator(".card img").last).to_have_attribute("loading", "lazy")
