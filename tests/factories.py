"""factory_boy factories shared by the tests."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Category, Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    description = "Articles about this topic."


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short plain summary of the article."
    body = "<h2>First part</h2><p>Some words about the topic.</p><h2>Second part</h2><p>More.</p>"
    category = factory.SubFactory(CategoryFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
        )


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    article = factory.SubFactory(ArticleFactory)
    title = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://www.nih.gov/source-{n}")
    publisher = "NIH"


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "pages.Page"

    title = factory.Sequence(lambda n: f"Page number {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    summary = "What this page is about."
    body = "<h2>First part</h2><p>Some words.</p>"
    status = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status="draft", published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
        )


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "people.Person"
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class MediaImageFactory(factory.django.DjangoModelFactory):
    """A library image stored as uploads are (a small PNG: no renditions); pass
    `size=(w, h)` for another size, `color` for other pixels."""

    class Meta:
        model = "media_library.MediaImage"

    alt_text = factory.Sequence(lambda n: f"Picture number {n}")

    @classmethod
    def _create(cls, model_class, *args, size=(64, 48), color=(20, 120, 130), **kwargs):
        from media_library.services import image_create

        return image_create(png_upload(size, color), **kwargs)


def png_upload(size=(64, 48), color=(20, 120, 130), name="picture.png"):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


# contacts


class StaffUserFactory(UserFactory):
    is_staff = True


class CallbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.CallbackRequest"

    name = factory.Sequence(lambda n: f"Visitor {n}")
    phone = factory.Sequence(lambda n: f"+1619555{n % 10000:04d}")
    best_time = "asap"
    message = ""
    consent_text_version = "2026-11-v1"
    consented_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    last_asked_at = factory.SelfAttribute("created_at")
    source_path = "/"
    client_hash = factory.Sequence(lambda n: f"{n:064x}")
    status = "new"
