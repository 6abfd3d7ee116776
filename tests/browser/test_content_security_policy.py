"""Chromium reports no Content Security Policy violation on public pages, in the admin,
or while an editor works in CKEditor; and CKEditor does need its exceptions.

Violations are caught twice: the `securitypolicyviolation` event (in every frame) and
Chromium's console messages, which also cover CKEditor's document.write() iframes.
"""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from tests.factories import CallbackRequestFactory

PASSWORD = "superuser-password-for-csp-tests"
POLICY_MESSAGE = re.compile(r"Content Security Policy|Permissions-Policy|Refused to")
COLLECT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  const line = `${event.violatedDirective} ${event.blockedURI} at ${where}`;
  try { window.top.__violations.push(line); } catch (error) { window.__violations.push(line); }
});
"""


class PolicyWatch:
    """Collects violation events and policy console messages of one page."""

    def __init__(self, page):
        self.page = page
        self.console = []
        page.add_init_script(COLLECT_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.console.append(message.text) if POLICY_MESSAGE.search(message.text) else None
            ),
        )

    def violations(self):
        events = self.page.evaluate("() => window.__violations || []")
        return [*events, *self.console]


@pytest.fixture
def watched(new_page):
    page = new_page()
    return page, PolicyWatch(page)


@pytest.fixture
def superuser():
    return User.objects.create_superuser("csp-sam", "sam@example.org", PASSWORD)


def png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (31, 95, 91)).save(buffer, format="PNG")
    return buffer.getvalue()


def sign_in(page, user):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def script_src(response):
    policy = response.header_value("content-security-policy")
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))["script-src"]


def editor_ready(page):
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )


def test_public_pages_run_under_the_strict_policy_without_violations(watched, demo):
    page, watch = watched
    article = demo.filter(featured_image__isnull=False).first()
    for path in [
        reverse("home"),
        reverse("articles:list"),
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        reverse("articles:search") + "?q=alcohol",
        reverse("contacts:callback"),
        "/no-such-page/",
    ]:
        response = page.goto(path)
        assert script_src(response) == "'self'", path
        assert "unsafe-inline" not in response.header_value("content-security-policy"), path
        page.wait_for_load_state("load")
        assert watch.violations() == [], path
    # JSON-LD data blocks are not scripts the policy has to allow.
    page.goto(article.get_absolute_url())
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    # site.js still opens the call-back form in a dialog (same-origin fetch).
    page.get_by_role("link", name=re.compile("call back", re.I)).first.click()
    expect(page.get_by_role("dialog")).to_be_visible()
    assert watch.violations() == []


def test_the_admin_outside_the_editor_keeps_the_strict_policy(watched, superuser):
    page, watch = watched
    callback_request = CallbackRequestFactory()
    sign_in(page, superuser)
    for path in [
        reverse("admin:index"),
        reverse("admin:contacts_callbackrequest_changelist"),
        reverse("admin:contacts_callbackrequest_change", args=[callback_request.pk]),
        reverse("admin:contacts_callbackrequest_dashboard"),
        reverse("admin:contacts_accesslogentry_changelist"),
        reverse("admin:two-factor"),
    ]:
        response = page.goto(path)
        assert "unsafe-inline" not in response.header_value("content-security-policy"), path
        assert watch.violations() == [], path
    # The key to scan, with its QR code, comes after a button (opening the page changes nothing).
    page.get_by_role("button", name="Show the key to scan").click()
    expect(page.locator(".two-factor-qr svg")).to_be_visible()
    assert watch.violations() == []


def test_ckeditor_works_without_violations_under_the_editor_policy(watched, superuser):
    page, watch = watched
    sign_in(page, superuser)
    response = page.goto(reverse("admin:articles_article_add"))
    assert script_src(response) == "'self' 'unsafe-inline'"
    editor_ready(page)

    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("Naloxone can reverse an overdose.")
    page.locator(".cke_button__bold").click()
    page.keyboard.type(" Call 911.")
    expect(body.locator("strong")).to_have_text(re.compile("Call 911"))
    page.locator(".cke_combo__format .cke_combo_button").click()
    page.frame_locator("iframe.cke_panel_frame").get_by_role("option", name="Heading 2").click()
    expect(body.locator("h2")).to_have_count(1)

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has_text="Image Properties")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files({"name": "spray.png", "mimeType": "image/png", "buffer": png(320, 180)})
    with page.expect_response(reverse("ckeditor_upload")) as upload:
        dialog.get_by_role("button", name="Send it to the Server").click()
    assert upload.value.status == 200
    expect(dialog.get_by_label(re.compile("^URL"))).to_have_value(re.compile(r"^/media/uploads/"))
    dialog.get_by_role("button", name="OK").click()
    expect(body.locator("img")).to_have_count(1)
    assert watch.violations() == []


def test_ckeditor_breaks_under_the_strict_policy(watched, superuser, settings):
    """Why the editor policy exists: if this fails, the editor no longer needs it."""
    settings.EDITOR_CONTENT_SECURITY_POLICY = settings.CONTENT_SECURITY_POLICY
    page, watch = watched
    sign_in(page, superuser)
    page.goto(reverse("admin:articles_article_add"))
    expect(page.locator(".cke_button__bold")).to_be_visible()
    page.wait_for_timeout(500)
    found = "\n".join(watch.violations())
    assert "script-src" in found and "style-src" in found
