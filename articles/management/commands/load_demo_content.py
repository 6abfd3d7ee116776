"""Load the demo articles, people, pages and logo: `python manage.py load_demo_content`.

Safe to run again: categories, articles, profiles and pages that already exist (by slug) are
left exactly as they are, and a logo is only added where none is set, so nothing a
person edited is ever overwritten.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles.demo import content
from articles.demo.images import illustration, logo
from articles.models import Article, Category, Source
from branding.models import SiteIdentity, clean_logo
from media_library.services import image_create
from pages import demo as demo_pages
from pages.models import Page
from people import demo as demo_people
from people.models import Person

REVIEWED_DAYS_AGO = demo_people.REVIEWED_DAYS_AGO
FEATURED = {"how-does-klonopin-work", "what-naloxone-does-and-how-to-use-it"}


class Command(BaseCommand):
    help = (
        "Create the demo categories, articles, profiles, pages and logo "
        "(idempotent; never overwrites edits)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        created = skipped = 0
        with transaction.atomic():
            categories = {}
            for data in content.CATEGORIES:
                categories[data["slug"]], _ = Category.objects.get_or_create(
                    slug=data["slug"],
                    defaults={"name": data["name"], "description": data["description"]},
                )
            entries = [
                (data, Article.Status.PUBLISHED, now - datetime.timedelta(days=data["days_ago"]))
                for data in content.ARTICLES
            ]
            entries.append((content.DRAFT_ARTICLE, Article.Status.DRAFT, None))
            scheduled = content.SCHEDULED_ARTICLE
            entries.append(
                (
                    scheduled,
                    Article.Status.PUBLISHED,
                    now + datetime.timedelta(days=scheduled["days_ahead"]),
                )
            )
            people = [self.person(data) for data in (demo_people.AUTHOR, demo_people.REVIEWER)]
            existing = set(Article.objects.values_list("slug", flat=True))
            for index, (data, status, published_at) in enumerate(entries):
                if data["slug"] in existing:
                    skipped += 1
                    continue
                self.create_article(
                    data, categories[data["category"]], status, published_at, index, people
                )
                created += 1
            pages_created = self.create_pages(now)
            logo_added = self.add_logo()
        self.stdout.write(
            f"Demo content: {created} article(s) created, {skipped} already present and left "
            f"unchanged; {pages_created} page(s) created; "
            f"{'the demo logo added' if logo_added else 'the logo left as it was'}."
        )

    def add_logo(self):
        identity = SiteIdentity.load()
        if identity.logo:
            return False
        drawn = logo().getvalue()
        identity.logo = clean_logo(SimpleUploadedFile("logo.png", drawn, content_type="image/png"))
        identity.save()
        return True

    def create_pages(self, now):
        existing = set(Page.objects.values_list("slug", flat=True))
        taken_roles = set(Page.objects.exclude(role="").values_list("role", flat=True))
        created = 0
        for data in demo_pages.PAGES:
            if data["slug"] in existing:
                continue
            Page.objects.create(
                title=data["title"],
                slug=data["slug"],
                summary=data["summary"],
                body=data["body"],
                role="" if data["role"] in taken_roles else data["role"],
                status=Page.Status.PUBLISHED,
                published_at=now,
            )
            created += 1
        return created

    def person(self, data):
        """The demo profile with this slug: created if missing, else left as it is."""
        person, _ = Person.objects.get_or_create(
            slug=data["slug"], defaults={k: v for k, v in data.items() if k != "slug"}
        )
        return person

    def create_article(self, data, category, status, published_at, index, people):
        author, reviewer = people
        article = Article(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data["body"],
            category=category,
            status=status,
            published_at=published_at,
            is_featured=data["slug"] in FEATURED,
            author_profile=author,
            reviewer=reviewer,
            last_reviewed=(timezone.localdate() - datetime.timedelta(days=REVIEWED_DAYS_AGO))
            if published_at and published_at < timezone.now()
            else None,
        )
        drawn = illustration(data["slug"], index).getvalue()
        upload = SimpleUploadedFile(f"{data['slug']}.jpg", drawn, content_type="image/jpeg")
        article.featured_image = image_create(upload, folder="featured", alt_text=data["image_alt"])
        article.save()
        # Demo articles were "last changed" when they were published, not when loaded.
        if published_at and published_at < timezone.now():
            Article.objects.filter(pk=article.pk).update(updated_at=published_at)
        Source.objects.bulk_create(
            Source(
                article=article,
                position=position,
                title=source["title"],
                url=source["url"],
                publisher=source.get("publisher", ""),
            )
            for position, source in enumerate(data["sources"], start=1)
        )
