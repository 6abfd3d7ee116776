"""An editor makes a page, puts it in the footer, and undoes a mistaken delete."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article
from pages.models import Menu, Page
from tests.factories import ArticleFactory, CategoryFactory

PASSWORD = "editor-password-for-browser-tests"


@pytest.fixture
def editor():
    user = User.objects.create_user("editor-eve", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def sign_in(page, user):
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out"))


def test_an_editor_creates_a_page_and_adds_it_to_the_footer(page, new_page, editor):
    sign_in(page, editor)
    page.goto(reverse("admin:pages_page_add"))
    page.get_by_role("textbox", name="Title:", exact=True).press_sequentially("Insurance we accept")
    expect(page.get_by_label("Slug")).to_have_value("insurance-we-accept")
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.type("We accept most private plans and Medicaid.")
    expect(body).to_contain_text("We accept most private plans")
    page.get_by_role("textbox", name="Summary").fill("The plans we work with, and what to ask.")
    seo_title = page.get_by_role("textbox", name="SEO title")
    seo_title.fill("Insurance for addiction treatment: plans we accept")
    expect(page.locator("#id_seo_title_length")).to_have_text("50 of about 60 characters.")
    seo_title.fill("x" * 61)
    expect(page.locator("#id_seo_title_length")).to_contain_text("will cut the rest off")
    seo_title.fill("")
    page.get_by_role("combobox", name="Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    insurance = Page.objects.get(slug="insurance-we-accept")
    assert insurance.is_published and "Medicaid" in insurance.body

    footer = Menu.objects.get(location="footer")
    page.goto(reverse("admin:pages_menu_change", args=[footer.pk]))
    row = page.locator("#links-0")
    row.locator("select[name=links-0-page]").select_option(label="Insurance we accept")
    row.locator("input[name=links-0-label]").fill("Insurance")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    visitor = new_page(phone=True)
    visitor.goto("/")
    footer_nav = visitor.get_by_role("navigation", name="Footer")
    expect(footer_nav.get_by_role("link")).to_have_text(["Insurance"])
    footer_nav.get_by_role("link", name="Insurance").click()
    expect(visitor).to_have_url(re.compile(r"/insurance-we-accept/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Insurance we accept")
    expect(visitor.locator(".prose")).to_contain_text("We accept most private plans and Medicaid.")


def test_an_editor_trashes_an_article_and_restores_it(page, new_page, editor):
    article = ArticleFactory(
        title="Naloxone at a glance", slug="naloxone", category=CategoryFactory(slug="opioids")
    )
    visitor = new_page()
    assert visitor.goto(article.get_absolute_url()).status == 200

    sign_in(page, editor)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_role("link", name="Delete").first.click()
    expect(
        page.get_by_text("Move the article “Naloxone at a glance” to the trash?")
    ).to_be_visible()
    page.get_by_role("button", name="Move to the trash").click()
    expect(page.locator(".messagelist")).to_contain_text("moved to the trash")
    assert visitor.goto(article.get_absolute_url()).status == 404
    visitor.goto(reverse("articles:list"))
    expect(visitor.get_by_role("link", name="Naloxone at a glance")).to_have_count(0)

    page.get_by_role("link", name="Trash (1)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trash: articles")
    page.get_by_role("link", name="Naloxone at a glance").click()
    expect(page.locator(".trash-notice")).to_contain_text("This article is in the trash")
    page.get_by_role("button", name="Restore article").click()
    expect(page.locator(".messagelist")).to_contain_text("is restored: it is live again at")
    article.refresh_from_db()
    assert not article.in_trash and article.is_published
    assert visitor.goto(article.get_absolute_url()).status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Naloxone at a glance")
    assert Article.objects.in_trash().count() == 0
