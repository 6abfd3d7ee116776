"""Optional SEO title, meta description and social image, falling back to the title,
the summary and the featured image."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.models import Article
from media_library.models import MediaImage
from publishing.models import META_DESCRIPTION_GUIDE, SEO_TITLE_GUIDE
from tests.admin_forms import form_data
from tests.factories import ArticleFactory, CategoryFactory, MediaImageFactory, PageFactory

pytestmark = pytest.mark.django_db


def png(size=(1200, 630), name="share.png"):
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 90)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def head(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    return html.split("</head>")[0], html


def meta(head_html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head_html)
    return match.group(1) if match else None


def test_without_seo_fields_the_title_summary_and_featured_image_are_used(client, settings):
    article = ArticleFactory(title="Naloxone basics", summary="It reverses an overdose.")
    html, _ = head(client, article)
    assert f"<title>Naloxone basics · {settings.SITE_NAME}</title>" in html
    assert meta(html, "name", "description") == "It reverses an overdose."
    assert meta(html, "property", "og:title") == "Naloxone basics"
    assert meta(html, "property", "og:description") == "It reverses an overdose."
    assert meta(html, "property", "og:image") is None
    assert meta(html, "name", "twitter:card") == "summary"


def test_seo_title_and_description_replace_them_in_results_and_shares_not_on_the_page(
    client, settings
):
    article = ArticleFactory(
        title="Naloxone basics",
        summary="It reverses an overdose.",
        seo_title="Naloxone: how to use it in an overdose",
        meta_description="What naloxone does, where to get it and how to give it.",
    )
    html, page = head(client, article)
    assert f"<title>Naloxone: how to use it in an overdose · {settings.SITE_NAME}</title>" in html
    assert meta(html, "name", "description").startswith("What naloxone does")
    assert meta(html, "property", "og:title") == "Naloxone: how to use it in an overdose"
    assert meta(html, "name", "twitter:description").startswith("What naloxone does")
    assert "<h1>Naloxone basics</h1>" in page
    assert '<p class="article__summary">It reverses an overdose.</p>' in page


def test_the_social_image_wins_over_the_featured_image(admin_client, client):
    category = CategoryFactory()
    article = ArticleFactory(category=category)
    featured = MediaImageFactory(alt_text="A teal square", size=(800, 500))
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data.update(
        featured_image=str(featured.pk),
        social_image_upload=png(),
        social_image_upload_alt="A wide teal banner",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.social_image.file.name.startswith("social/")
    assert article.social_image.alt_text == "A wide teal banner"
    html, _ = head(client, article)
    assert meta(html, "property", "og:image").endswith(article.social_image.url)
    assert meta(html, "property", "og:image:alt") == "A wide teal banner"
    assert (
        meta(html, "property", "og:image:width"),
        meta(html, "property", "og:image:height"),
    ) == (
        "1200",
        "630",
    )
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    article.social_image = None
    article.save()
    html, _ = head(client, article)
    assert meta(html, "property", "og:image").endswith(featured.url)
    assert meta(html, "property", "og:image:alt") == "A teal square"


def test_an_uploaded_social_image_needs_a_description(admin_client):
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    data.update(social_image_upload=png(), social_image_upload_alt="  ")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["social_image_upload_alt"] == ["Describe the image for people who cannot see it."]
    article.refresh_from_db()
    assert article.social_image is None
    assert not MediaImage.objects.exists()


def test_a_social_image_goes_through_the_upload_checks(admin_client):
    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    data = form_data(admin_client.get(url))
    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    data.update(social_image_upload=fake, social_image_upload_alt="x")
    assert admin_client.post(url, data).status_code == 200
    article.refresh_from_db()
    assert article.social_image is None


def test_a_page_shares_its_social_image_in_meta_tags_and_json_ld(client):
    image = MediaImageFactory(alt_text="Our front door", credit="Ann Lee", size=(120, 63))
    page = PageFactory(social_image=image)
    html = client.get(page.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:image").endswith(image.url)
    assert meta(html, "property", "og:image:alt") == "Our front door"
    assert '"primaryImageOfPage": {"@type": "ImageObject"' in html
    assert '"creditText": "Ann Lee"' in html


def test_the_form_gives_length_guidance(admin_client):
    html = admin_client.get("/admin/articles/article/add/").content.decode()
    assert f'data-length-guide="{SEO_TITLE_GUIDE}"' in html
    assert f'data-length-guide="{META_DESCRIPTION_GUIDE}"' in html
    assert "publishing/admin/length-guide.js" in html
    assert f"search engines show about {SEO_TITLE_GUIDE} characters" in html
    assert f"search engines show about {META_DESCRIPTION_GUIDE} characters" in html


def test_seo_fields_are_stored_on_one_line():
    article = ArticleFactory(seo_title="  Two\n lines ", meta_description="a\n\nb ")
    article.refresh_from_db()
    assert (article.seo_title, article.meta_description) == ("Two lines", "a b")
    assert Article.objects.get(pk=article.pk).search_title == "Two lines"
