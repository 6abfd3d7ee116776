"""One limit on the size of a body (publishing.models.BODY_MAX_CHARACTERS), held
on every path that writes one: the admin, Model.full_clean, a save from the shell, and
the WordPress importer."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.models import Article
from publishing.models import BODY_MAX_CHARACTERS
from tests.factories import ArticleFactory, CategoryFactory

from .test_import_wordpress import EXPORT

pytestmark = pytest.mark.django_db

# Plain text escapes to itself, so the stored body is exactly this long.
TOO_LONG = "<p>" + "a" * (BODY_MAX_CHARACTERS - 6) + "!</p>"
AT_THE_LIMIT = "<p>" + "a" * (BODY_MAX_CHARACTERS - 7) + "</p>"


def test_the_limit_lets_a_body_of_exactly_the_limit_through():
    assert len(AT_THE_LIMIT) == BODY_MAX_CHARACTERS
    article = ArticleFactory(body=AT_THE_LIMIT)
    article.full_clean()
    article.refresh_from_db()
    assert len(article.body) == BODY_MAX_CHARACTERS


def test_a_save_from_the_shell_cannot_store_a_body_over_the_limit():
    category = CategoryFactory()
    article = Article(title="Long", slug="long", summary="s", category=category, body=TOO_LONG)
    with pytest.raises(ValidationError, match="too long to save in one piece"):
        article.save()
    assert not Article.objects.exists()


def test_full_clean_names_the_body_and_the_limit():
    article = ArticleFactory.build(body=TOO_LONG, category=CategoryFactory())
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert list(refused.value.message_dict) == ["body"]
    assert f"the limit is {BODY_MAX_CHARACTERS:,}" in refused.value.message_dict["body"][0]


def test_the_limit_is_on_the_sanitized_body_which_is_what_is_stored():
    """Markup the sanitizer drops does not count; what it adds (closing tags) does."""
    padded = "<span>" * 100_000 + "<p>short</p>"
    ArticleFactory(body=padded).full_clean()


def test_the_wordpress_importer_skips_a_post_over_the_limit_and_says_so(tmp_path):
    text = EXPORT.read_text()
    # Post 103 ("What treatment costs") becomes too long; the others import as before.
    marker = "<wp:post_id>103</wp:post_id>"
    assert marker in text
    start = text.rindex("<content:encoded><![CDATA[", 0, text.index(marker))
    text = (
        text[: start + len("<content:encoded><![CDATA[")]
        + "<p>"
        + "a" * BODY_MAX_CHARACTERS
        + "</p>"
        + text[start + len("<content:encoded><![CDATA[") :]
    )
    export = tmp_path / "long.xml"
    export.write_text(text)
    out = io.StringIO()
    call_command("import_wordpress", str(export), stdout=out, stderr=io.StringIO())
    report = out.getvalue()
    assert not Article.objects.filter(wordpress_id=103).exists()
    assert Article.objects.filter(wordpress_id=101).exists()
    assert "too long: 1" in report
    assert "Post 103: too long for one article (300," in report
    assert f"the limit is {BODY_MAX_CHARACTERS:,}" in report
