"""`manage.py import_wordpress`, end to end, on a hand-written export and on
WordPress's own theme unit test data."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command
from PIL import Image

from articles.models import Article, Category
from articles.wordpress import importer
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
# WordPress's own theme unit test data (WXR 1.2, GPL, from github.com/WordPress/theme-test-data),
# kept in the repository so the test always runs.
THEME_UNIT_TEST = FIXTURES / "themeunittestdata.wordpress.xml"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    """Mid-2024: the scheduled post (January 2031) is still in the future."""
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def media_dir(tmp_path):
    """A copy of wp-content/uploads: two real images and a text file posing as one."""
    uploads = tmp_path / "uploads"
    (uploads / "2023/03").mkdir(parents=True)
    (uploads / "2023/04").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(uploads / "2023/03/clinic.jpg", "JPEG")
    Image.new("RGBA", (24, 24), (200, 80, 40, 255)).save(uploads / "2023/03/team.png", "PNG")
    (uploads / "2023/04/fake.jpg").write_text("<script>alert(1)</script>")
    return uploads


def run_import(export=EXPORT, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", str(export), *args, stdout=out, stderr=err)
    assert err.getvalue() == ""  # no progress bar when stderr is not a terminal
    return out.getvalue()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def article(wordpress_id):
    return Article.objects.get(wordpress_id=wordpress_id)


def export_with(tmp_path, *replacements):
    text = EXPORT.read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    changed = tmp_path / "changed.xml"
    changed.write_text(text)
    return changed


# Posts become articles -------------------------------------------------------------


def test_published_posts_become_articles_with_their_fields(media_dir):
    run_import(EXPORT, "--media-dir", str(media_dir))

    withdrawal = article(101)
    assert withdrawal.title == "Understanding withdrawal"
    assert withdrawal.slug == "understanding-withdrawal"
    assert withdrawal.status == Article.Status.PUBLISHED
    assert withdrawal.published_at == datetime.datetime(2023, 3, 1, 15, 0, tzinfo=datetime.UTC)
    assert withdrawal.is_published
    assert withdrawal.category.slug == "detox"  # the first of its categories
    assert withdrawal.category.name == "Detox & withdrawal"
    assert withdrawal.author is None and withdrawal.byline == "Alice Anders"
    assert withdrawal.is_featured  # sticky in WordPress
    assert withdrawal.imported_at == withdrawal.updated_at
    # No excerpt: the summary is the body's first sentences.
    assert withdrawal.summary == (
        "Withdrawal is the body adjusting. It is uncomfortable, but it passes. "
        "With support, it is safer."
    )

    help_article = article(102)
    assert help_article.summary == "Where to start looking & who to call."
    assert help_article.category.slug == "treatment"
    assert Category.objects.get(slug="treatment").description == "What treatment looks like."
    assert not help_article.is_featured


def test_draft_scheduled_and_uncategorized_posts():
    run_import()

    draft = article(104)
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert draft.slug == "draft-naloxone-at-home"  # no post_name: made from the title
    assert draft.category.slug == "uncategorized"
    assert draft.byline == "Carol Chen"

    scheduled = article(105)
    assert scheduled.status == Article.Status.PUBLISHED
    assert scheduled.published_at == datetime.datetime(2031, 1, 15, 17, tzinfo=datetime.UTC)
    assert scheduled.is_scheduled
    assert not Article.objects.published().filter(pk__in=[draft.pk, scheduled.pk]).exists()


def test_private_trashed_protected_posts_and_other_types_are_skipped_and_reported():
    output = run_import()

    assert set(Article.objects.values_list("wordpress_id", flat=True)) == {101, 102, 103, 104, 105}
    assert "Articles: 5 imported, 0 updated, 0 unchanged." in output
    assert "Pages: 1 imported, 0 updated, 0 unchanged." in output
    assert (
        "Skipped: 7 (attachment: 3, nav_menu_item: 1, password protected: 1, "
        "private: 1, trash: 1)." in output
    )
    assert "Comments not imported: 1." in output  # approved ones; spam is not counted


def test_a_taken_slug_is_never_clobbered():
    mine = ArticleFactory(slug="finding-help", title="Ours, written here")

    output = run_import()

    mine.refresh_from_db()
    assert mine.title == "Ours, written here" and mine.wordpress_id is None
    assert article(102).slug == "finding-help-2"
    assert 'the address "finding-help" is taken here; imported as "finding-help-2"' in output
    assert 'href="/articles/finding-help-2/"' in article(101).body


# Bodies --------------------------------------------------------------------------


def test_classic_body_gets_paragraphs_figures_and_loses_unknown_shortcodes(media_dir):
    output = run_import(EXPORT, "--media-dir", str(media_dir))
    body = article(101).body

    assert body.startswith(
        "<p>Withdrawal is the body adjusting. It is uncomfortable, but it passes.<br>\n"
        "With support, it is safer.</p>"
    )
    assert "<figcaption>Our clinic in the harbor district</figcaption></figure>" in body
    assert "<p>Call us any time.</p>" in body  # [vc_row][vc_column] unwrapped, text kept
    assert "contact-form-7" not in body and "[vc_" not in body
    assert "Withdrawal [sic] can last a few days." in body  # bracketed text is not a shortcode
    assert "Shortcodes converted: caption: 1, gallery: 1." in output
    assert "Shortcodes removed (no equivalent here, inner text kept): contact-form-7: 1." in output
    # A page builder's rows and columns are its layout, counted with the builder.
    assert "WPBakery: 2 elements converted (layout: 2); 0 dropped." in output


def test_block_editor_markup_is_reduced_to_clean_html_without_wpautop(media_dir):
    output = run_import(EXPORT, "--media-dir", str(media_dir))
    body = article(102).body

    assert body == (
        "<p>Start with your doctor.</p>\n"
        "<h3>Hotlines</h3>\n"
        "<p>Call 988 any time.\nThis line stays in the same paragraph.</p>\n"
        '<p>Back to <a href="/articles/understanding-withdrawal/" rel="noopener noreferrer">'
        "understanding withdrawal</a>.</p>"
    )
    assert "Blocks dropped (WordPress renders them on the fly): latest-posts: 1." in output


def test_links_between_posts_point_to_the_new_articles(media_dir):
    output = run_import(EXPORT, "--media-dir", str(media_dir))
    body = article(101).body

    assert 'href="/articles/finding-help/"' in body  # by permalink
    assert 'href="/articles/what-treatment-costs/#costs"' in body  # by ?p=103
    assert "harbor-recovery.example.org/2023" not in body
    assert "Links between posts rewritten: 3." in output


def test_hostile_body_is_sanitized_on_the_rendered_page(client):
    run_import()
    costs = article(103)

    response = client.get(costs.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "Costs vary from place to place." in page
    assert "Insurance often pays for most of it." in page
    for poison in ('alert("stolen")', "onerror", "javascript:alert", "steal()", "evil.example"):
        assert poison not in page
        assert poison not in costs.body


# Images ----------------------------------------------------------------------------


def test_featured_and_body_images_are_copied_through_the_upload_checks(media_dir):
    output = run_import(EXPORT, "--media-dir", str(media_dir))

    withdrawal = article(101)
    featured = withdrawal.featured_image  # a library image, described by the attachment
    assert featured.file.name.startswith("featured/")
    assert featured.file.name.endswith(".png")
    assert featured.alt_text == "Four smiling members of the care team"
    assert (featured.width, featured.height) == (24, 24)
    # The body's image: the generated size fell back to the original, stored under
    # a random name and the body points at it.
    stored_body_images = [name for name in media_files() if name.startswith("uploads/")]
    assert len(stored_body_images) == 1
    assert stored_body_images[0] != "uploads/clinic.jpg"
    assert f'<img src="{settings.MEDIA_URL}{stored_body_images[0]}" alt="Our clinic"' in (
        withdrawal.body
    )
    with Image.open(Path(settings.MEDIA_ROOT) / stored_body_images[0]) as stored:
        assert stored.format == "JPEG" and stored.size == (40, 30)
    # The gallery of post 105 shows the featured image of 101: stored once.
    assert withdrawal.featured_image.url in article(105).body
    assert "Images: 2 copied, 0 already here, 2 missing, 1 refused." in output
    assert "refused: fake.jpg: This file is not an image we can read." in output


def test_missing_images_are_reported_and_kept_only_when_https(media_dir):
    output = run_import(EXPORT, "--media-dir", str(media_dir), "--verbosity", "2")
    body = article(101).body

    assert (
        '<img src="https://harbor-recovery.example.org/wp-content/uploads/2023/03/'
        'missing-chart.png" alt="A chart of symptoms over time">'
    ) in body
    assert "old-photo" not in body  # http: the sanitizer would refuse it anyway
    assert "fake.jpg" not in article(102).body  # refused by the checks: dropped
    assert "missing: 2023/03/missing-chart.png (post 101)" in output
    assert "missing: 2023/03/old-photo.jpg (post 101)" in output


def test_without_a_media_dir_every_upload_is_missing_and_nothing_fails():
    output = run_import()

    assert Article.objects.count() == 5
    assert article(101).featured_image is None
    assert media_files() == []
    assert "Images: 0 copied, 0 already here, 5 missing, 0 refused." in output
    assert "No --media-dir was given" in output


# Redirects -------------------------------------------------------------------------


def test_old_addresses_answer_301_with_the_new_ones(client):
    output = run_import()
    detox = Category.objects.get(slug="detox")

    expected = {
        "/2023/03/understanding-withdrawal/": "/articles/understanding-withdrawal/",
        "/2023/03/understanding-withdrawal": "/articles/understanding-withdrawal/",
        "/?p=101": "/articles/understanding-withdrawal/",
        "/?p=102&utm_source=newsletter": "/articles/finding-help/",
        "/2031/01/family-program/": "/articles/family-program/",
        "/category/detox/": detox.get_absolute_url(),
        "/category/help/detox/": detox.get_absolute_url(),
        "/?cat=6": detox.get_absolute_url(),
        "/category/treatment/": "/articles/category/treatment/",
    }
    for old, new in expected.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
    assert client.get("/articles/understanding-withdrawal/").status_code == 200
    # Drafts and skipped posts were never public: no redirect.
    assert client.get("/?p=104").status_code == 200  # just the home page
    assert client.get("/2023/07/private-notes/").status_code == 404
    assert "Redirects: 15 created, 0 already present, 0 refused." in output
    assert Redirect.objects.filter(site_id=settings.SITE_ID).count() == 15


# Running again ---------------------------------------------------------------------


def test_running_the_same_export_again_changes_nothing(media_dir):
    run_import(EXPORT, "--media-dir", str(media_dir))
    files = media_files()
    before = {a.pk: (a.updated_at, a.body) for a in Article.objects.all()}

    output = run_import(EXPORT, "--media-dir", str(media_dir))

    assert "Articles: 0 imported, 0 updated, 5 unchanged." in output
    assert "Pages: 0 imported, 0 updated, 1 unchanged." in output
    assert "Images: 0 copied, 2 already here" in output
    assert "Redirects: 0 created, 15 already present, 0 refused." in output
    assert "Categories created: 0." in output
    assert {a.pk: (a.updated_at, a.body) for a in Article.objects.all()} == before
    assert media_files() == files  # no second copy of any image
    assert Category.objects.count() == 3


def test_running_a_changed_export_updates_what_changed(tmp_path, client):
    run_import()
    changed = export_with(
        tmp_path,
        ("Finding help near you", "Finding help close to home"),
        ("<wp:post_name><![CDATA[finding-help]]>", "<wp:post_name><![CDATA[finding-help-nearby]]>"),
    )

    output = run_import(changed)

    # 101 too: its link to 102 follows the new address.
    assert "Articles: 0 imported, 2 updated, 3 unchanged." in output
    assert Article.objects.count() == 5
    updated = article(102)
    assert (updated.title, updated.slug) == ("Finding help close to home", "finding-help-nearby")
    # Every old address still leads there in one hop.
    for old in ("/2023/04/finding-help/", "/?p=102", "/articles/finding-help/"):
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"] == "/articles/finding-help-nearby/"
    assert 'href="/articles/finding-help-nearby/"' in article(101).body


def test_an_article_edited_here_is_kept_unless_overwrite(time_machine, tmp_path):
    run_import()
    time_machine.shift(datetime.timedelta(hours=1))
    edited = article(101)
    edited.title = "Withdrawal, reviewed by our doctors"
    edited.save()
    changed = export_with(tmp_path, ("Understanding withdrawal]]>", "Withdrawal explained]]>"))

    output = run_import(changed)

    assert "edited since import: 1" in output
    assert article(101).title == "Withdrawal, reviewed by our doctors"

    output = run_import(changed, "--overwrite")

    assert "Articles: 0 imported, 1 updated, 4 unchanged." in output
    assert article(101).title == "Withdrawal explained"


# Dry run ----------------------------------------------------------------------------


def test_dry_run_reports_the_same_and_changes_nothing(media_dir):
    dry = run_import(EXPORT, "--media-dir", str(media_dir), "--dry-run")

    assert "DRY RUN: nothing was saved." in dry.splitlines()[0]
    assert Article.objects.count() == 0
    assert Category.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert media_files() == []

    real = run_import(EXPORT, "--media-dir", str(media_dir))
    assert dry.splitlines()[1:] == real.splitlines()[1:]


def test_dry_run_of_a_second_import_changes_nothing(media_dir, tmp_path):
    run_import(EXPORT, "--media-dir", str(media_dir))
    files = media_files()
    changed = export_with(tmp_path, ("Finding help near you", "Finding help close to home"))

    output = run_import(changed, "--media-dir", str(media_dir), "--dry-run")

    assert "Articles: 0 imported, 1 updated, 4 unchanged." in output
    assert article(102).title == "Finding help near you"
    assert media_files() == files


# Refused files ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "is not well-formed XML: mismatched tag at line 9, column 4"),
        ("billion-laughs.xml", "declares a DTD or XML entities"),
        ("external-entity.xml", "declares a DTD or XML entities"),
    ],
)
def test_broken_and_hostile_files_are_refused_cleanly(media_dir, name, message):
    with pytest.raises(CommandError, match=message) as refused:
        run_import(FIXTURES / name, "--media-dir", str(media_dir))

    assert "Nothing was imported." in str(refused.value)
    assert Article.objects.count() == 0
    assert media_files() == []


def test_an_enormous_field_refuses_the_whole_file(tmp_path):
    huge = export_with(tmp_path, ("Staff only.", "x" * 5_000_001))

    with pytest.raises(CommandError, match=r'item 6 \("Private notes"\) has a content:encoded'):
        run_import(huge)

    assert Article.objects.count() == 0


def test_a_file_that_is_not_a_wordpress_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>A blog</title></channel></rss>')

    with pytest.raises(CommandError, match=r"not a WordPress export \(WXR\)"):
        run_import(feed)


def test_missing_export_or_media_dir_are_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        run_import(tmp_path / "nowhere.xml")
    with pytest.raises(CommandError, match="is not a folder"):
        run_import(EXPORT, "--media-dir", str(tmp_path / "nowhere"))


def test_a_failure_half_way_leaves_database_and_media_as_they_were(media_dir, monkeypatch):
    def fail(self):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer._ImportRun, "redirect_categories", fail)

    with pytest.raises(RuntimeError):
        run_import(EXPORT, "--media-dir", str(media_dir))

    assert Article.objects.count() == 0
    assert Category.objects.count() == 0
    assert Redirect.objects.count() == 0
    assert media_files() == []  # images stored before the failure were deleted again


# Authors ---------------------------------------------------------------------------


def test_authors_are_mapped_to_users_or_kept_as_bylines(tmp_path):
    robert = UserFactory(username="robert")
    carol = UserFactory(username="carol")
    author_map = tmp_path / "authors.csv"
    author_map.write_text("wp_login,username\n# WordPress login, user here\nbob,robert\n\n")

    run_import(EXPORT, "--author-map", str(author_map))

    assert (article(102).author, article(102).byline) == (robert, "")  # mapped
    assert (article(104).author, article(104).byline) == (carol, "")  # same username
    assert (article(101).author, article(101).byline) == (None, "Alice Anders")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("bob,nobody\n", 'sends "bob" to the user "nobody", who does not exist'),
        ("bob\n", "line 1: expected `wordpress_login,username`"),
    ],
)
def test_a_bad_author_map_is_refused_before_anything_is_written(tmp_path, content, message):
    author_map = tmp_path / "authors.csv"
    author_map.write_text(content)

    with pytest.raises(CommandError, match=message):
        run_import(EXPORT, "--author-map", str(author_map))

    assert Article.objects.count() == 0


# WordPress's theme unit test data ---------------------------------------------------


def test_the_theme_unit_test_export_imports_and_reports(client):
    output = run_import(THEME_UNIT_TEST)

    assert "Articles: 57 imported, 0 updated, 0 unchanged." in output
    assert "Pages: 21 imported, 0 updated, 0 unchanged." in output
    assert "Skipped: 108 (nav_menu_item: 70, attachment: 37, password protected: 1)." in output
    assert Article.objects.count() == 57
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 1
    assert article(1153).is_scheduled
    assert article(1169).title == "Edge case no title"  # it has none in WordPress
    assert article(1173).title == "Markup: Title With Markup"
    assert "audio: 1" in output  # the [audio] shortcode, removed
    assert "latest-posts: 4" in output  # a dynamic block, dropped
    assert "Images: 0 copied, 0 already here, " in output and " missing, 0 refused." in output
    for imported in Article.objects.all():
        assert "<!--" not in imported.body and "wp-block" not in imported.body
        assert "class=" not in imported.body and "[caption" not in imported.body
        assert len(imported.summary) <= 300
    gallery = article(555).body
    assert gallery.count("<figure>") >= 10  # [gallery] from the post's attachments
    assert client.get("/2013/01/10/markup-image-alignment/")["Location"] == (
        "/articles/markup-image-alignment/"
    )
    assert client.get("/?p=1177")["Location"] == "/articles/markup-image-alignment/"
    assert client.get("/articles/markup-image-alignment/").status_code == 200

    again = run_import(THEME_UNIT_TEST)
    assert "Articles: 0 imported, 0 updated, 57 unchanged." in again
    assert "Pages: 0 imported, 0 updated, 21 unchanged." in again


# A hostile export cannot take addresses ---------------------------------------------

OLD_SITE = "https://harbor-recovery.example.org"
POST_101_LINK = f"<link>{OLD_SITE}/2023/03/understanding-withdrawal/</link>"


@pytest.mark.parametrize(
    "address",
    [
        "/admin/",
        "/admin/contacts/callbackrequest/",
        "/call-back/",
        "/call-back/thanks/",
        "/feed/",
        "/search/",
        "/sitemap.xml",
        "/articles/",
        "/static/css/site.css",
        "/media/uploads/photo.jpg",
        "/?utm_source=x",
        "//evil.example/",
        "/articles/a-live-article/",
        "/articles/a-draft/",
        "/articles/category/ours/",
        "/2023/../admin/",
    ],
)
def test_an_import_never_redirects_an_address_the_site_serves(tmp_path, client, address):
    ArticleFactory(slug="a-live-article")
    ArticleFactory(slug="a-draft", draft=True)
    ArticleFactory(category__slug="ours")
    hostile = export_with(tmp_path, (POST_101_LINK, f"<link>{OLD_SITE}{address}</link>"))

    output = run_import(hostile)

    assert not Redirect.objects.filter(old_path=address).exists()
    assert f"Not redirected: {address} (" in output
    # The other posts, the categories and the About page (its /?p= and /?page_id=).
    assert "Redirects: 14 created, 0 already present, 1 refused." in output
    assert client.get("/?p=101")["Location"] == "/articles/understanding-withdrawal/"


def test_an_import_never_moves_a_redirect_it_did_not_create(tmp_path, client):
    """A renamed article keeps its old address; an import claiming it is refused."""
    ours = ArticleFactory(slug="cocaine-and-the-heart")
    ours.slug = "cocaine-and-your-heart"
    ours.save()
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/?p=102", new_path="/articles/x/")
    hostile = export_with(
        tmp_path, (POST_101_LINK, f"<link>{OLD_SITE}/articles/cocaine-and-the-heart/</link>")
    )

    output = run_import(hostile)

    old = client.get("/articles/cocaine-and-the-heart/")
    assert (old.status_code, old["Location"]) == (301, "/articles/cocaine-and-your-heart/")
    assert client.get("/?p=102")["Location"] == "/articles/x/"
    assert (
        "Not redirected: /articles/cocaine-and-the-heart/ "
        "(already redirects to /articles/cocaine-and-your-heart/)." in output
    )
    assert "Not redirected: /?p=102 (already redirects to /articles/x/)." in output


def test_an_import_never_takes_a_renamed_articles_old_address_as_its_slug(client):
    ours = ArticleFactory(slug="understanding-withdrawal")
    ours.slug = "withdrawal"
    ours.save()

    output = run_import()

    assert article(101).slug == "understanding-withdrawal-2"
    assert 'the address "understanding-withdrawal" is taken here' in output
    old = client.get("/articles/understanding-withdrawal/")
    assert (old.status_code, old["Location"]) == (301, "/articles/withdrawal/")


def test_old_home_page_links_redirect_but_no_other_query_takes_the_home_page(client):
    Redirect.objects.create(
        site_id=settings.SITE_ID, old_path="/?utm_source=x", new_path="/articles/x/"
    )
    assert client.get("/?utm_source=x").status_code == 200


def test_a_mapped_user_with_a_profile_is_credited_by_it(tmp_path):
    from tests.factories import PersonFactory

    robert = UserFactory(username="robert")
    bob = PersonFactory(name="Bob Baker", user=robert)
    author_map = tmp_path / "authors.csv"
    author_map.write_text("bob,robert\n")

    run_import(EXPORT, "--author-map", str(author_map))

    assert article(102).author_profile == bob
    assert article(101).author_profile is None


def test_a_display_name_that_is_the_login_is_never_a_byline():
    from articles.wordpress.authors import Authors

    authors = Authors({"admin": "admin", "alice": "Alice Anders"}, {})
    assert authors.resolve("admin") == (None, "")
    assert authors.resolve("alice") == (None, "Alice Anders")
    assert authors.resolve("nobody") == (None, "")
