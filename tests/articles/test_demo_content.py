import io
import re

import pytest
from django.core.management import call_command

from articles.models import Article, Category
from articles.sanitize import plain_text

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_and_never_overwrites_edits(client):
    call_command("load_demo_content")
    published = Article.objects.published()
    assert published.count() >= 8
    assert Category.objects.filter(articles__in=published).distinct().count() >= 3
    assert Article.objects.filter(status="draft").count() == 1
    assert Article.objects.filter(status="published").exclude(pk__in=published).count() == 1

    for article in published:
        assert len(plain_text(article.body).split()) >= 500, article.slug
        assert article.sources.count() >= 2, article.slug
        assert article.featured_image and article.featured_image.alt_text, article.slug
        assert all(
            re.match(r"https://[^/]*(nih|fda|samhsa|cdc|medlineplus)\.gov/", s.url)
            for s in article.sources.all()
        )

    klonopin = Article.objects.get(slug="how-does-klonopin-work")
    assert client.get("/articles/how-does-klonopin-work/").status_code == 200
    klonopin.title = "Edited by a person"
    klonopin.save()
    count = Article.objects.count()

    call_command("load_demo_content")
    assert Article.objects.count() == count
    klonopin.refresh_from_db()
    assert klonopin.title == "Edited by a person"


def test_demo_articles_get_varied_calm_illustrations():
    """Neighbours in a list never share a scene, and no two pictures are alike."""
    from PIL import Image, ImageChops, ImageStat

    from articles.demo import content
    from articles.demo.images import MOTIFS, motif_for

    slugs = [a["slug"] for a in content.ARTICLES]
    scenes = [motif_for(slug, index) for index, slug in enumerate(slugs)]
    assert set(scenes) == set(MOTIFS)
    assert all(a != b for a, b in zip(scenes, scenes[1:], strict=False))

    call_command("load_demo_content")
    pictures = []
    for article in Article.objects.published()[:6]:
        with article.featured_image.file.open("rb") as fh:
            pictures.append(Image.open(fh).convert("RGB").resize((160, 90)))
    for i, a in enumerate(pictures):
        for b in pictures[i + 1 :]:
            difference = ImageStat.Stat(ImageChops.difference(a, b)).mean
            assert sum(difference) / 3 > 4, "two demo pictures look alike"


def test_demo_sets_the_logo_once_and_keeps_a_replaced_one():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from branding.models import DEFAULT_TAGLINE, clean_logo, get_site_identity

    call_command("load_demo_content")
    identity = get_site_identity()
    assert identity.tagline == DEFAULT_TAGLINE
    assert identity.logo.name.startswith("branding/") and identity.logo.name.endswith(".png")
    assert identity.logo_height == 88

    ours = io.BytesIO()
    Image.new("RGBA", (300, 100), (31, 95, 91, 255)).save(ours, "PNG")
    identity.logo = clean_logo(SimpleUploadedFile("ours.png", ours.getvalue()))
    identity.save()
    chosen = identity.logo.name
    call_command("load_demo_content")
    assert get_site_identity().logo.name == chosen


def test_demo_pages_are_published_marked_as_samples_and_linked(client):
    from pages.models import Page

    call_command("load_demo_content")
    pages = {page.slug: page for page in Page.objects.published()}
    assert {"about", "privacy", "accessibility"} <= set(pages)
    assert pages["privacy"].role == "privacy"
    assert pages["accessibility"].role == "accessibility"
    for page in pages.values():
        assert "Sample text for the centre to review" in page.body
        assert client.get(page.get_absolute_url()).status_code == 200
    form = client.get("/call-back/").content.decode()
    assert '<a href="/privacy/">privacy notice</a>' in form
    assert 'href="/accessibility/"' in form.split('class="site-footer__small"')[1]
    pages["about"].title = "Edited about page"
    pages["about"].save()
    call_command("load_demo_content")
    assert Page.objects.get(slug="about").title == "Edited about page"
    assert Page.objects.count() == len(pages)


def test_demo_articles_are_written_and_medically_reviewed_by_sample_profiles(client):
    from people.models import Person

    call_command("load_demo_content")
    html = client.get("/articles/how-does-klonopin-work/").content.decode()
    assert re.search(r'Medically reviewed by <a href="/people/[-\w]+/">[^<]+, MD', html)
    assert re.search(r'By <a href="/people/[-\w]+/" rel="author">', html)
    people = Person.objects.all()
    assert people.count() == 2
    for person in people:
        assert person.credentials and person.job_title
        assert person.bio.startswith("Sample profile")  # for the centre to replace
        profile = client.get(person.get_absolute_url()).content.decode()
        assert "How Does Klonopin Work?" in profile
    call_command("load_demo_content")
    assert Person.objects.count() == 2
