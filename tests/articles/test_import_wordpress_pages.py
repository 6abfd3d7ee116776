"""WordPress pages come in as pages, with their old addresses redirected."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from pages.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"
THEME_UNIT_TEST = FIXTURES / "themeunittestdata.wordpress.xml"


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)


def run_import(export=EXPORT, *args):
    out = io.StringIO()
    call_command("import_wordpress", str(export), *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def page(wordpress_id):
    return Page.objects.get(wordpress_id=wordpress_id)


def test_a_wordpress_page_becomes_a_published_page_at_the_same_address(client):
    run_import()
    about = page(110)
    assert about.title == "About us" and about.is_published
    assert about.get_absolute_url() == "/about/"
    assert client.get("/about/").status_code == 200
    assert client.get("/?page_id=110")["Location"] == "/about/"
    assert not Article.objects.filter(wordpress_id=110).exists()
    assert (
        "/about/"
        not in client.get("/articles/").content.decode().split("<main")[1].split("</main>")[0]
    )


def test_nested_pages_get_one_level_addresses_and_their_old_ones_redirect(client):
    output = run_import(THEME_UNIT_TEST)
    assert "Pages: 21 imported" in output
    assert page(172).get_absolute_url() == "/level-3/"
    for old, new in {
        "/level-1/level-2/level-3/": "/level-3/",
        "/about/page-with-comments/": "/page-with-comments/",
        "/?page_id=174": "/level-1/",
    }.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
    for imported in Page.objects.all():
        assert client.get(imported.get_absolute_url()).status_code == 200, imported.slug
        assert "<!--" not in imported.body and "class=" not in imported.body


def test_links_to_pages_in_posts_are_rewritten(tmp_path):
    export = tmp_path / "export.xml"
    export.write_text(
        EXPORT.read_text().replace(
            "]]></content:encoded>",
            '<p><a href="https://harbor-recovery.example.org/about/">About</a></p>'
            "]]></content:encoded>",
            1,
        )
    )
    run_import(export)
    assert any('href="/about/"' in a.body for a in Article.objects.all())


@pytest.mark.parametrize("slug", ["search", "articles", "call-back", "media"])
def test_a_page_never_takes_an_address_the_site_serves(tmp_path, client, slug):
    export = tmp_path / "export.xml"
    export.write_text(
        EXPORT.read_text()
        .replace("<wp:post_name><![CDATA[about]]>", f"<wp:post_name><![CDATA[{slug}]]>")
        .replace("harbor-recovery.example.org/about/", f"harbor-recovery.example.org/{slug}/")
    )
    output = run_import(export)
    assert page(110).slug == f"{slug}-2"
    assert f'the address "{slug}" is taken here; imported as "{slug}-2"' in output
    assert client.get(f"/{slug}-2/").status_code == 200


def test_a_page_edited_here_or_in_the_trash_is_left_alone(time_machine):
    run_import()
    time_machine.shift(datetime.timedelta(minutes=5))
    about = page(110)
    about.title = "About the centre"
    about.save()
    output = run_import()
    assert "edited since import: 1" in output
    assert page(110).title == "About the centre"

    about.move_to_trash()
    output = run_import(EXPORT, "--overwrite")
    assert "in the trash: 1" in output
    assert page(110).in_trash and page(110).title == "About the centre"


def test_a_page_of_our_own_keeps_its_address(client):
    ours = PageFactory(slug="about", title="Ours")
    output = run_import()
    ours.refresh_from_db()
    assert ours.title == "Ours"
    assert page(110).slug == "about-2"
    assert 'the address "about" is taken here; imported as "about-2"' in output
    assert client.get("/about/").status_code == 200


def test_a_dry_run_saves_no_page():
    output = run_import(EXPORT, "--dry-run")
    assert "Pages: 1 imported" in output
    assert not Page.objects.exists()


def test_an_article_in_the_trash_stays_there_even_with_overwrite():
    run_import()
    withdrawn = Article.objects.get(wordpress_id=101)
    withdrawn.move_to_trash()
    output = run_import(EXPORT, "--overwrite")
    assert "in the trash: 1" in output
    assert Article.objects.get(wordpress_id=101).in_trash
