"""Take the README's screenshots: `make screenshots`.

Builds a throwaway site (a temporary SQLite database and media folder, the demo
articles and pages, made-up call-back requests and a superuser), serves it with
runserver on a free port, and photographs it with Playwright driving Debian's
Chromium: home, an article, a page, a medical reviewer's profile, the call-back form
with errors, a misspelt search, the call-back list, the speed-to-lead dashboard, a
call-back request being worked (call attempts, notes, a repeat from the same phone), the
article form and the media library (its grid, and one image with where it is used),
each 390 and 1280 pixels wide, into docs/screenshots/. Nothing is downloaded.
"""

import datetime
import io
import random
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

BASE_DIR = Path(__file__).resolve().parent.parent
OUTPUT = BASE_DIR / "docs" / "screenshots"
sys.path.insert(0, str(BASE_DIR))

from scripts.demo_site import environment, free_port, load_demo, wait_for  # noqa: E402
from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = [390, 1280]
MINUTE = datetime.timedelta(minutes=1)
MAX_HEIGHT = 2500
PHONE_HEIGHT = 844
ARTICLE = "/articles/how-does-klonopin-work/"
DETOX = "/articles/what-happens-during-medical-detox/"
NALOXONE = "/articles/what-naloxone-does-and-how-to-use-it/"
PAGE = "/about/"
PROFILE = "/people/dana-reyes/"
SEARCH = "/search/?q=klonipin+and+alcohol"
# Images in the picture (lazy ones further down never start), ten seconds at most.
IMAGES_LOADED = """() => Promise.race([
    new Promise(done => setTimeout(done, 10000)),
    Promise.all([...document.images]
        .filter(img => !img.complete && img.getBoundingClientRect().top < innerHeight)
        .map(img => new Promise(done => { img.onload = img.onerror = done; }))),
])"""


def build_site():
    """Migrate, load the demo content, add call-back requests; return the admin login."""
    load_demo()
    from django.contrib.auth.models import User

    password = secrets.token_urlsafe(16)
    user = User.objects.create_superuser("screenshots", "screenshots@example.org", password)
    make_callback_requests()
    make_worked_request(user)
    return "screenshots", password


def make_callback_requests():
    """Six weeks of made-up requests, most answered within the hour, a few still new."""
    from django.utils import timezone

    from contacts.models import CallAttempt, CallbackRequest, get_contact_settings
    from contacts.targets import first_contact_due

    rng = random.Random(2026)  # noqa: S311 - made-up demo data
    now = timezone.now()
    statuses = ["attempted", "connected", "connected", "closed"]
    sources = [ARTICLE] * 3 + [DETOX, DETOX, NALOXONE, PAGE, "/"]
    contact = get_contact_settings()
    requests = []
    for n in range(70):
        created = now - datetime.timedelta(days=rng.uniform(0.5, 42))
        status = rng.choice(statuses)
        requests.append(
            CallbackRequest(
                name=f"Visitor {n}",
                phone=f"+1619555{n:04d}",
                best_time=rng.choice(CallbackRequest.BestTime.values),
                consent_text_version="demo",
                consented_at=created,
                source_path=rng.choice(sources),
                first_contact_due_at=first_contact_due(created, contact),
                client_hash=secrets.token_hex(32),
                status=status,
                first_contact_at=created + datetime.timedelta(minutes=rng.lognormvariate(3, 0.7)),
                created_at=created,
                last_asked_at=created,
                notified_at=created,
            )
        )
    for minutes in (12, 47, 95):
        created = now - datetime.timedelta(minutes=minutes)
        requests.append(
            CallbackRequest(
                name="Waiting visitor",
                phone=f"+1858555{minutes:04d}",
                best_time="asap",
                consent_text_version="demo",
                consented_at=created,
                source_path="/",
                client_hash=secrets.token_hex(32),
                created_at=created,
                last_asked_at=created,
                next_call_at=created,  # due since it arrived, as save() would set
                first_contact_due_at=first_contact_due(created, contact),
                notified_at=created,
            )
        )
    CallbackRequest.objects.bulk_create(requests)
    # The calls that reached the answered ones: most on the first, some after a few tries.
    attempts = []
    for request in requests:
        if request.status == "new":
            continue
        tries = request.attempt_count = rng.choice([1, 1, 1, 1, 2, 2, 3, 4, 6])
        for n in range(tries):
            attempts.append(
                CallAttempt(
                    request=request,
                    outcome="connected"
                    if n == tries - 1
                    else rng.choice(["no_answer", "voicemail"]),
                    created_at=request.first_contact_at
                    - datetime.timedelta(minutes=5 * (tries - 1 - n)),
                )
            )
    CallAttempt.objects.bulk_create(attempts)
    CallbackRequest.objects.bulk_update(requests, ["attempt_count"])


def make_worked_request(worker):
    """A request an hour into being worked, written through the services at the times
    they happened: two calls, notes, and the same phone asking again."""
    from unittest import mock

    from django.utils import timezone

    from contacts import services

    now = timezone.now()

    def at(minutes_ago):
        return mock.patch("django.utils.timezone.now", return_value=now - minutes_ago * MINUTE)

    asked = {
        "phone": "+16195550142",
        "consent_text_version": "demo",
        "source_path": ARTICLE,
        "client_hash": secrets.token_hex(32),
    }
    with at(62):
        request, _ = services.callback_request_create(
            name="Maria L.",
            best_time="asap",
            message="For my son, 19. He is using again and says he wants help.",
            **asked,
        )
    with at(58):
        services.call_attempt_log(request, made_by=worker, outcome="no_answer")
    with at(57):
        services.callback_note_add(
            request, author=worker, text="No voicemail set up. Trying again in half an hour."
        )
    with at(25):
        services.call_attempt_log(
            request,
            made_by=worker,
            outcome="voicemail",
            next_call_at=now + 45 * MINUTE,
            note="Left our number and my name",
        )
    with at(9):
        services.callback_request_create(
            name="Luis", best_time="evening", message="It's me. After six is best.", **asked
        )
    return request


def shoot(page, path, name, width, before=None, max_height=MAX_HEIGHT):
    page.set_viewport_size({"width": width, "height": PHONE_HEIGHT})
    page.goto(path)
    if before:
        before(page)
    # A viewport as tall as the page (at most MAX_HEIGHT) shows it whole, with the
    # phone's call bar where it belongs: at the bottom.
    height = min(page.evaluate("document.documentElement.scrollHeight"), max_height)
    page.set_viewport_size({"width": width, "height": max(height, PHONE_HEIGHT)})
    page.evaluate(IMAGES_LOADED)
    page.evaluate("window.scrollTo(0, 0)")
    target = OUTPUT / f"{name}-{width}.png"
    picture = Image.open(io.BytesIO(page.screenshot(animations="disabled", caret="hide")))
    # 256 colours keep text sharp and the files a third of the size, for the repository.
    picture.convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT).save(
        target, optimize=True
    )
    print(f"  {target.relative_to(BASE_DIR)} ({target.stat().st_size // 1024} KB)")


def send_empty_form(page):
    page.get_by_role("button", name="Call me back").click()
    page.get_by_role("alert").wait_for()


def wait_for_editor(page):
    page.locator(".cke_wysiwyg_frame").wait_for()


def main():
    if not CHROMIUM.exists():
        raise SystemExit(
            f"Screenshots need Debian's Chromium at {CHROMIUM}: apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="screenshots-") as workdir:
        environment(
            workdir,
            DJANGO_DEBUG="1",
            # The empty form must come back with its errors, not meet the time trap.
            DJANGO_CALLBACK_MIN_SECONDS="0",
            DJANGO_PAGE_CACHE="0",
        )
        print("Building a demo site in", workdir)
        username, password = build_site()
        from django.urls import reverse

        from articles.models import Article
        from contacts.models import CallbackRequest

        dashboard = reverse("admin:contacts_callbackrequest_dashboard")
        article_form = reverse(
            "admin:articles_article_change",
            args=[Article.objects.get(slug=ARTICLE.split("/")[2]).pk],
        )
        worked = reverse(
            "admin:contacts_callbackrequest_change",
            args=[CallbackRequest.objects.get(name="Maria L.").pk],
        )
        requests = reverse("admin:contacts_callbackrequest_changelist")
        library = reverse("admin:media_library_mediaimage_changelist")
        featured = Article.objects.get(slug=ARTICLE.split("/")[2]).featured_image
        library_image = reverse("admin:media_library_mediaimage_change", args=[featured.pk])
        login = reverse("admin:login")

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(f"{base}/healthz", server)
            OUTPUT.mkdir(parents=True, exist_ok=True)
            print("Writing")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
                )
                page = browser.new_page(base_url=base)
                for width in WIDTHS:
                    shoot(page, "/", "home", width)
                    shoot(page, ARTICLE, "article", width)
                    shoot(page, PAGE, "page", width)
                    shoot(page, PROFILE, "profile", width)
                    shoot(page, "/call-back/", "callback-errors", width, send_empty_form)
                    shoot(page, SEARCH, "search", width)
                page.goto(login)
                page.get_by_label("Username").fill(username)
                page.get_by_label("Password").fill(password)
                page.get_by_role("button", name="Log in").click()
                page.get_by_role("button", name="Log out").wait_for()
                for width in WIDTHS:
                    shoot(page, requests, "callback-list", width)
                    shoot(page, dashboard, "dashboard", width)
                    # On a phone the request's page is long: the history must be in it.
                    shoot(page, worked, "callback-request", width, max_height=4000)
                    shoot(page, article_form, "article-form", width, wait_for_editor)
                    shoot(page, library, "media-library", width)
                    shoot(page, library_image, "media-library-image", width)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
