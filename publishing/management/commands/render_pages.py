"""Render every published article and page whose stored page is out of date."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import RequestFactory
from django.urls import resolve

from publishing.models import publishable_models


class Command(BaseCommand):
    help = (
        "Render and store the page of every published article and page that is not stored "
        "or out of date (after a deploy that changed templates, or a change to branding, "
        "menus or contact settings). Pages also render on their first view; this does it "
        "ahead of readers."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scheme",
            choices=["https", "http"],
            default="http" if settings.DEBUG else "https",
            help="The scheme readers use (https in production): pages are stored per scheme.",
        )

    def handle(self, *args, scheme, **options):
        factory = RequestFactory()
        for model in publishable_models():
            count = 0
            for item in model.objects.published().only("slug").iterator():
                path = item.get_absolute_url()
                request = factory.get(
                    path, secure=scheme == "https", HTTP_HOST=settings.SITE_DOMAIN
                )
                match = resolve(path)
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):
                    response.render()
                if response.status_code == 200:
                    count += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: {count} pages up to date")
