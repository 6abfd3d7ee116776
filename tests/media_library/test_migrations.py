"""The data migration that puts featured and social images in the library."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from media_library.models import MediaImage

from .conftest import image_upload

# serialized_rollback: the tests after this one find the migrated groups again.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

BEFORE = [("articles", "0010_body_images"), ("pages", "0005_body_images")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(leaf_nodes())


def test_featured_and_social_files_become_library_images_once_each(old_apps):
    """Each file the old image fields named gets one record, described by the first
    row's alt text, however many rows name it; the rows and their revisions point at
    it; a file no longer in storage leaves the field empty."""
    name = default_storage.save("featured/old.png", image_upload(size=(80, 40)).file)
    category = old_apps.get_model("articles", "Category").objects.create(name="Old", slug="old")
    Article = old_apps.get_model("articles", "Article")
    common = {"category": category, "summary": "s", "body": "<p>b</p>", "status": "draft"}
    first = Article.objects.create(
        title="One",
        slug="one",
        featured_image=name,
        featured_image_alt="An old  harbour",
        featured_image_width=80,
        featured_image_height=40,
        **common,
    )
    second = Article.objects.create(
        title="Two",
        slug="two",
        featured_image=name,
        featured_image_alt="Another text",
        social_image=name,
        social_image_alt="x",
        **common,
    )
    Article.objects.create(
        title="Gone",
        slug="gone",
        featured_image="featured/gone.png",
        featured_image_alt="x",
        featured_image_width=10,
        featured_image_height=10,
        **common,
    )
    old_apps.get_model("articles", "HistoricalArticle").objects.create(
        id=first.pk,
        title="One",
        slug="one",
        featured_image=name,
        featured_image_alt="x",
        history_date=first.created_at,
        history_type="+",
        created_at=first.created_at,
        updated_at=first.created_at,
        **common,
    )
    Page = old_apps.get_model("pages", "Page")
    page = Page.objects.create(
        title="About",
        slug="about",
        summary="s",
        body="<p>b</p>",
        social_image=name,
        social_image_alt="y",
    )

    migrate(leaf_nodes())

    from articles.models import Article as Current
    from pages.models import Page as CurrentPage

    image = MediaImage.objects.get()
    assert (image.file.name, image.width, image.height) == (name, 80, 40)
    assert image.alt_text == "An old harbour"
    assert Current.objects.get(pk=first.pk).featured_image == image
    assert Current.objects.get(pk=second.pk).social_image == image
    assert Current.objects.get(slug="gone").featured_image is None  # no file, no record
    assert Current.history.get(id=first.pk).featured_image_id == image.pk
    assert CurrentPage.objects.get(pk=page.pk).social_image == image
    assert len(image.uses()) == 4
