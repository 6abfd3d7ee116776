"""Site-wide views: home, robots.txt, health check and error pages."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /call-back/thanks/",
        "Disallow: /search/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request, template_name="500.html"):
    """The 500 page, rendered without touching the database.

    Django's default handler renders with no context processors; ours adds the
    request-independent context the layout needs, and falls back to plain text
    if even that fails, so a broken database never turns into a blank page.
    """
    try:
        from recovery_site.context_processors import error_page_context

        template = loader.get_template(template_name)
        return HttpResponseServerError(template.render(error_page_context()))
    except Exception:  # noqa: BLE001 - last line of defence
        logger.exception("The 500 page itself failed to render")
        return HttpResponseServerError(
            "<!doctype html><title>Server error</title><h1>Something went wrong</h1>"
            "<p>If you need help now, call 988 (Suicide &amp; Crisis Lifeline) or 911.</p>",
        )
