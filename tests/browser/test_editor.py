"""An editor writes an article in CKEditor, with an image, publishes it and reads it on the site."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, Category
from media_library.services import image_create
from tests.browser.conftest import image_bytes

PASSWORD = "editor-password-for-browser-tests"


@pytest.fixture
def editor():
    user = User.objects.create_user("editor-eve", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def opioids():
    return Category.objects.create(name="Opioids", slug="opioids")


def sign_in(page, user):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Log out").or_(page.get_by_role("button", name="Log out")))


def write_in_ckeditor(page):
    """A paragraph, a "Heading 2" from the Format list, and a bulleted list, typed."""
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("If someone will not wake up, call 911 first.")
    page.keyboard.press("Enter")
    page.locator(".cke_combo__format .cke_combo_button").click()
    page.frame_locator("iframe.cke_panel_frame").get_by_role("option", name="Heading 2").click()
    page.keyboard.type("What to do next")
    page.keyboard.press("Enter")
    page.locator(".cke_button__bulletedlist").click()
    for item in ("Give naloxone", "Stay with them"):
        page.keyboard.type(item)
        page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # an empty item ends the list
    expect(body.locator("h2")).to_have_text("What to do next")
    expect(body.locator("ul li")).to_have_text(["Give naloxone", "Stay with them"])


def upload_through_the_image_dialog(page):
    """The Upload tab's "Send it to the Server" posts to /editor/upload-image/."""
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has_text="Image Properties")
    dialog.get_by_role("tab", name="Upload").click()
    dialog.frame_locator("iframe.cke_dialog_ui_input_file").locator(
        "input[type=file]"
    ).set_input_files(
        {"name": "nasal-spray.png", "mimeType": "image/png", "buffer": image_bytes(640, 360)}
    )
    with page.expect_response(reverse("ckeditor_upload")) as upload:
        dialog.get_by_role("button", name="Send it to the Server").click()
    assert upload.value.status == 200, upload.value.text()
    expect(dialog.get_by_label(re.compile("^URL"))).to_have_value(re.compile(r"^/media/uploads/"))
    dialog.get_by_label("Alternative Text").fill("A nasal spray held ready")
    dialog.get_by_role("button", name="OK").click()
    expect(dialog).to_be_hidden()
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    expect(body.locator("img")).to_have_attribute("alt", "A nasal spray held ready")


def choose_category(page, name):
    page.locator("#id_category").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(name[:4])
    page.locator(".select2-results__option", has_text=name).click()


def test_an_editor_writes_publishes_and_reads_an_article(page, editor, opioids):
    sign_in(page, editor)
    page.goto(reverse("admin:articles_article_add"))
    page.get_by_role("textbox", name="Title:", exact=True).press_sequentially(
        "Naloxone at a glance"
    )
    expect(page.get_by_label("Slug")).to_have_value("naloxone-at-a-glance")
    choose_category(page, "Opioids")
    write_in_ckeditor(page)
    upload_through_the_image_dialog(page)
    page.get_by_role("textbox", name="Summary").fill("What naloxone does, in two minutes.")
    page.get_by_label("…or upload a new image").set_input_files(
        {"name": "cover.png", "mimeType": "image/png", "buffer": image_bytes(1200, 675)}
    )
    page.get_by_role("textbox", name="Description of the new image").fill("A calm green gradient")
    page.get_by_role("combobox", name="Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="naloxone-at-a-glance")
    assert article.is_published and article.author == editor

    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Naloxone at a glance")
    prose = page.locator(".prose")
    expect(prose.get_by_role("heading", level=2)).to_have_text("What to do next")
    expect(prose.get_by_role("listitem")).to_have_text(["Give naloxone", "Stay with them"])
    for image in (
        prose.get_by_role("img", name="A nasal spray held ready"),
        page.get_by_role("img", name="A calm green gradient"),
    ):
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"
    expect(page.get_by_role("navigation", name="On this page")).to_have_count(0)


@pytest.fixture
def harbour():
    upload = SimpleUploadedFile("harbour.png", image_bytes(800, 450), content_type="image/png")
    return image_create(upload, alt_text="Boats in a quiet harbour", credit="Ann Lee")


def test_an_editor_picks_library_images_for_the_body_and_the_featured_image(
    page, editor, opioids, harbour
):
    """CKEditor's Browse Server opens the library; a click puts the image and its
    description in the dialog, which offers alignment and size, not the fields a
    save would drop. The featured image is chosen in the library's grid too."""
    sign_in(page, editor)
    page.goto(reverse("admin:articles_article_add"))
    page.get_by_role("textbox", name="Title:", exact=True).press_sequentially("Harbour days")
    choose_category(page, "Opioids")
    page.get_by_role("textbox", name="Summary").fill("A day out, and what it taught us.")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("We went down to the harbour.")

    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").filter(has_text="Image Properties")
    for dropped in ("Width", "Height", "Border", "HSpace", "VSpace"):
        expect(dialog.get_by_label(dropped, exact=True)).to_be_hidden()
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Browse Server").click()
    library = opened.value
    library.wait_for_load_state()  # its script handles the click only once loaded
    library.get_by_role("button", name=re.compile("Boats in a quiet harbour")).click()
    expect(dialog.get_by_label(re.compile("^URL"))).to_have_value(harbour.url)
    expect(dialog.get_by_label("Alternative Text")).to_have_value("Boats in a quiet harbour")
    dialog.get_by_role("combobox", name="Alignment").select_option(label="Right, text beside it")
    dialog.get_by_role("combobox", name="Size").select_option(label="Medium")
    dialog.get_by_role("button", name="OK").click()
    expect(dialog).to_be_hidden()
    expect(body.locator("img")).to_have_attribute("src", harbour.url)

    with page.expect_popup() as opened:
        page.get_by_role("link", name="Choose from the library").first.click()
    grid = opened.value
    grid.wait_for_load_state()  # the admin's popup script handles the click once loaded
    grid.locator(f'a[data-popup-opener="{harbour.pk}"]').first.click()
    expect(page.locator("#id_featured_image")).to_have_value(str(harbour.pk))
    chosen = page.locator(".field-featured_image .image-chooser__preview")
    expect(chosen).to_have_attribute("src", harbour.thumbnail_url)
    expect(page.locator(".field-featured_image .image-chooser__label")).to_have_text(
        "Boats in a quiet harbour"
    )

    page.get_by_role("combobox", name="Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(slug="harbour-days")
    assert article.featured_image == harbour
    assert list(article.body_images.all()) == [harbour]
    assert 'class="align-right size-medium"' in article.body

    page.goto(article.get_absolute_url())
    in_body = page.locator(".prose").get_by_role("img", name="Boats in a quiet harbour")
    expect(in_body).to_have_class("align-right size-medium")
    featured = page.locator(".article__image img")
    expect(featured).to_have_attribute("alt", "Boats in a quiet harbour")
    expect(page.locator(".article__image figcaption")).to_have_text("Ann Lee")
    for image in (in_body, featured):
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "image did not load"
