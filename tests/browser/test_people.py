"""An editor creates a reviewer profile and sees it on an article's byline; the
article form and list fit a 1280 px screen."""

import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article, Category, Source
from tests.browser.test_editor import PASSWORD, sign_in


@pytest.fixture
def editor():
    user = User.objects.create_user("editor-eve", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def article():
    article = Article.objects.create(
        title="What naloxone does",
        slug="what-naloxone-does",
        summary="Naloxone reverses an opioid overdose.",
        body="<p>Naloxone reverses an opioid overdose within minutes.</p>",
        category=Category.objects.create(name="Opioids", slug="opioids"),
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    for n in range(4):
        Source.objects.create(
            article=article,
            position=n,
            title=f"Naloxone DrugFacts, a long source title for the table, part {n}",
            url=f"https://nida.nih.gov/publications/drugfacts/naloxone-and-overdose-{n}",
            publisher="National Institute on Drug Abuse",
        )
    return article


def choose(page, field, text):
    page.locator(f"#id_{field}").locator("xpath=..").locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_an_editor_creates_a_reviewer_profile_and_it_shows_on_the_byline(page, editor, article):
    sign_in(page, editor)
    page.goto(reverse("admin:people_person_add"))
    page.get_by_role("textbox", name="Name:").press_sequentially("Dana Reyes")
    expect(page.get_by_label("Slug")).to_have_value("dana-reyes")
    page.get_by_label("Credentials").fill("MD, FASAM")
    page.get_by_label("Role").fill("Medical director")
    page.get_by_label("Bio").fill("Leads the medical team.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    choose(page, "reviewer", "Dana")
    page.get_by_label("Note about this change").fill("Added the medical reviewer")
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(article.get_absolute_url())
    reviewer = page.locator(".reviewed").get_by_role("link", name="Dana Reyes, MD, FASAM")
    expect(reviewer).to_be_visible()
    expect(page.locator(".byline")).to_contain_text("By Recovery Site editorial team")
    reviewer.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dana Reyes, MD, FASAM")
    expect(page.get_by_role("link", name="What naloxone does")).to_be_visible()

    page.goto(reverse("admin:articles_article_history", args=[article.pk]))
    expect(page.locator("#change-history")).to_contain_text("Added the medical reviewer")
    expect(page.locator("#change-history")).to_contain_text("Medical reviewer:")


def test_the_article_form_fits_1280_px_and_the_editor_uses_the_width(page, editor, article):
    sign_in(page, editor)
    page.goto(reverse("admin:articles_article_change", args=[article.pk]))
    expect(page.locator(".cke_wysiwyg_frame")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    form_width = page.locator("fieldset").first.bounding_box()["width"]
    editor_width = page.locator(".cke").bounding_box()["width"]
    assert editor_width > 0.7 * form_width, (editor_width, form_width)
    sources = page.locator(".inline-group").first.bounding_box()
    assert sources["x"] + sources["width"] <= 1280


def test_the_article_list_shows_its_columns_without_scrolling_at_1280_px(page, editor, article):
    from people.models import Person

    article.reviewer = Person.objects.create(
        name="Dana Reyes", slug="dana-reyes", credentials="MD, FASAM"
    )
    article.save()
    sign_in(page, editor)
    page.goto(reverse("admin:articles_article_changelist"))
    for column in ("Title", "Status", "Category", "Updated", "Medical reviewer"):
        expect(page.locator("#result_list thead")).to_contain_text(column, ignore_case=True)
    results = page.locator("#changelist .results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth"), "the list scrolls sideways"
    expect(page.locator("#result_list")).to_contain_text("Dana Reyes")
