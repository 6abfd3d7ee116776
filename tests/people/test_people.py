"""Author and medical reviewer profiles: public pages, bylines, JSON-LD, the admin."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from articles.models import Article
from branding.models import SiteIdentity
from people.models import Person
from people.views import PAGE_SIZE
from recovery_site.addresses import address_in_use
from tests.factories import ArticleFactory, PageFactory, PersonFactory, StaffUserFactory
from tests.sitemap import whole_sitemap

pytestmark = pytest.mark.django_db


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.fixture
def dana():
    return PersonFactory(
        name="Dana Reyes",
        slug="dana-reyes",
        credentials="MD, FASAM",
        job_title="Medical director",
        licence="Board certified in Addiction Medicine",
        bio="Leads the medical team.\r\n\r\nChecks every <b>health</b> article.",
    )


def test_the_profile_address_is_named_and_never_taken_by_a_page(dana):
    assert reverse("people:detail", args=["dana-reyes"]) == "/people/dana-reyes/"
    assert resolve("/people/dana-reyes/").view_name == "people:detail"
    assert dana.get_absolute_url() == "/people/dana-reyes/"
    assert address_in_use("/people/dana-reyes/") == "an existing person"
    # A page may be called /people/: it answers there, and profiles keep theirs.
    PageFactory(slug="people", title="Our team")
    assert resolve("/people/").view_name == "pages:detail"
    assert resolve("/people/dana-reyes/").view_name == "people:detail"


def test_the_profile_page_shows_who_they_are(client, dana):
    html = client.get("/people/dana-reyes/").content.decode()
    assert "<h1>Dana Reyes, MD, FASAM</h1>" in html
    assert "Medical director" in html and "Board certified in Addiction Medicine" in html
    # The bio is plain text: markup dropped, paragraphs kept.
    assert '<p class="profile__bio">Leads the medical team.</p>' in html
    assert '<p class="profile__bio">Checks every health article.</p>' in html
    (data,) = jsonld(html)
    assert data["@type"] == "ProfilePage"
    assert data["mainEntity"]["name"] == "Dana Reyes"
    assert data["mainEntity"]["jobTitle"] == "Medical director"
    assert data["mainEntity"]["honorificSuffix"] == "MD, FASAM"


def test_an_unknown_profile_is_a_404(client):
    assert client.get("/people/nobody/").status_code == 404


def test_the_profile_lists_only_published_articles_they_wrote_or_reviewed(client, dana):
    other = PersonFactory()
    wrote = ArticleFactory(title="Written by Dana", author_profile=dana)
    reviewed = ArticleFactory(title="Reviewed by Dana", reviewer=dana, author_profile=other)
    both = ArticleFactory(title="Both by Dana", author_profile=dana, reviewer=dana)
    ArticleFactory(title="A draft by Dana", author_profile=dana, draft=True)
    ArticleFactory(title="Scheduled for Dana", reviewer=dana, scheduled=True)
    ArticleFactory(title="Someone else", author_profile=other)
    ArticleFactory(title="Trashed by Dana", author_profile=dana).move_to_trash()

    html = client.get("/people/dana-reyes/").content.decode()
    for shown in (wrote, reviewed, both):
        assert shown.title in html
    assert html.count("Both by Dana") == 1
    for hidden in ("A draft by Dana", "Scheduled for Dana", "Someone else", "Trashed by Dana"):
        assert hidden not in html


def test_the_profile_pages_its_articles_newest_first(client, dana):
    now = timezone.now()
    for n in range(PAGE_SIZE + 2):
        ArticleFactory(
            title=f"Dana article {n:02d}",
            author_profile=dana,
            published_at=now - datetime.timedelta(days=n + 1),
        )
    first = client.get("/people/dana-reyes/").content.decode()
    second = client.get("/people/dana-reyes/?page=2").content.decode()
    assert "Dana article 00" in first and "Dana article 13" not in first
    assert "Dana article 13" in second and "Dana article 00" not in second
    assert "Page 2 of 2" in second
    assert client.get("/people/dana-reyes/?page=9").status_code == 404


def _queries(client, url):
    client.get(url)  # warm the per-process settings caches, as in production
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Profile page: the person, the paginator's count, one page of articles with their
# categories, and the site's versions (the menus are kept by each process per version).
PROFILE_QUERIES = 4


def test_the_profile_page_costs_the_same_few_queries_however_many_articles(client, dana):
    ArticleFactory(author_profile=dana)
    small = _queries(client, "/people/dana-reyes/")
    for n in range(PAGE_SIZE * 2):
        ArticleFactory(author_profile=dana if n % 2 else PersonFactory(), reviewer=dana)
    large = _queries(client, "/people/dana-reyes/")
    assert small == large == PROFILE_QUERIES


def test_the_article_page_names_author_and_reviewer_without_extra_queries(client, dana):
    """Author and reviewer come with the article (select_related): no query per person."""
    plain = ArticleFactory()
    credited = ArticleFactory(author_profile=PersonFactory(), reviewer=dana)
    assert _queries(client, plain.get_absolute_url()) == _queries(
        client, credited.get_absolute_url()
    )


def test_the_byline_links_the_author_profile_and_the_reviewer(client, dana):
    alex = PersonFactory(name="Alex Morgan", slug="alex-morgan", credentials="LCSW")
    article = ArticleFactory(author_profile=alex, reviewer=dana)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'By <a href="/people/alex-morgan/" rel="author">Alex Morgan, LCSW</a>' in html
    assert 'Medically reviewed by <a href="/people/dana-reyes/">Dana Reyes, MD, FASAM</a>' in html
    (data,) = jsonld(html)
    assert data["author"] == {
        "@type": "Person",
        "name": "Alex Morgan",
        "url": "http://testserver/people/alex-morgan/",
        "honorificSuffix": "LCSW",
    }
    assert data["reviewedBy"]["url"] == "http://testserver/people/dana-reyes/"
    assert data["reviewedBy"]["jobTitle"] == "Medical director"
    assert data["reviewedBy"]["hasCredential"]["name"] == "Board certified in Addiction Medicine"


def test_a_byline_never_shows_a_login_name(client):
    """A superuser without a full name wrote it: the byline credits the editorial team."""
    admin = StaffUserFactory(username="admin", is_superuser=True)
    article = ArticleFactory(author=admin)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "By Recovery Site editorial team" in html
    assert "By admin" not in html
    (data,) = jsonld(html)
    assert data["author"]["@type"] == "Organization"
    assert data["author"]["name"] == "Recovery Site editorial team"
    assert article.credit().name == "Recovery Site editorial team"


def test_the_editorial_team_is_named_after_the_site(client):
    identity = SiteIdentity.load()
    identity.name = "Harbor Recovery"
    identity.save()
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "By Harbor Recovery editorial team" in html
    feed = client.get("/feed/").content.decode()
    assert "Harbor Recovery editorial team" in feed


def test_an_imported_name_without_a_profile_is_shown_as_typed(client):
    article = ArticleFactory(byline="Jordan Lee")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "By Jordan Lee" in html
    (data,) = jsonld(html)
    assert data["author"] == {"@type": "Person", "name": "Jordan Lee"}


def test_the_feed_names_the_author_profile(client, dana):
    ArticleFactory(author_profile=dana)
    assert "Dana Reyes, MD, FASAM" in client.get("/feed/").content.decode()


def test_profiles_are_in_the_sitemap(client, dana):
    assert "http://testserver/people/dana-reyes/" in whole_sitemap(client)


def test_a_saved_profile_is_shown_at_once_though_pages_are_cached(client, dana):
    client.get("/people/dana-reyes/")
    dana.job_title = "Chief medical officer"
    dana.save()
    assert "Chief medical officer" in client.get("/people/dana-reyes/").content.decode()


# The admin


def test_an_editor_adds_a_profile_and_credits_it_on_an_article(editor_client):
    response = editor_client.post(
        "/admin/people/person/add/",
        {
            "name": "  Sam   Lee ",
            "slug": "sam-lee",
            "credentials": "PharmD",
            "job_title": "Clinical pharmacist",
            "bio": "<script>alert(1)</script>Answers questions about medicines.",
            "licence": "",
            "user": "",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    sam = Person.objects.get(slug="sam-lee")
    assert (sam.name, sam.display_name) == ("Sam Lee", "Sam Lee, PharmD")
    assert "<script>" not in sam.bio and "Answers questions about medicines." in sam.bio
    listing = editor_client.get("/admin/people/person/").content.decode()
    assert "Sam Lee" in listing


def test_an_article_an_editor_adds_credits_their_own_profile(editor_client, editor):
    from tests.articles.test_admin import article_form
    from tests.factories import CategoryFactory

    mine = PersonFactory(name="Eda Editor", user=editor)
    response = editor_client.post("/admin/articles/article/add/", article_form(CategoryFactory()))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.author_profile == mine


def test_intake_never_sees_profiles(client, dana):
    intake = StaffUserFactory(username="ina-intake")
    intake.groups.add(Group.objects.get(name="Intake"))
    client.force_login(intake)
    assert client.get("/admin/people/person/").status_code == 403
    assert client.get(f"/admin/people/person/{dana.pk}/change/").status_code == 403
    assert "/admin/people/" not in client.get("/admin/").content.decode()


def test_a_profile_credited_on_an_article_cannot_be_deleted_from_under_it(admin_client, dana):
    ArticleFactory(reviewer=dana)
    response = admin_client.post(f"/admin/people/person/{dana.pk}/delete/", {"post": "yes"})
    assert Person.objects.filter(pk=dana.pk).exists()
    assert "Cannot delete" in response.content.decode() or response.status_code == 403
