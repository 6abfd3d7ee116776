"""Site-wide views: home, robots.txt, health check and error pages."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from django.views.static import serve

from articles.models import Article, Category
from articles.redirects import HOME_QUERY_KEYS, query_string_redirect
from publishing.views import KeptPageMixin

logger = logging.getLogger(__name__)


HOME_FEATURED_COUNT = 3
HOME_LATEST_COUNT = 6


class HomeView(KeptPageMixin, TemplateView):
    template_name = "home.html"
    # The only query parameters that change the answer (see get()).
    query_params = HOME_QUERY_KEYS

    def get(self, request, *args, **kwargs):
        # Old WordPress links such as /?p=123 arrive here; the home page never 404s,
        # so RedirectFallbackMiddleware cannot answer them.
        return query_string_redirect(request) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        published = Article.objects.published().for_listing()
        featured = list(published.filter(is_featured=True)[:HOME_FEATURED_COUNT])
        latest = published.exclude(pk__in=[a.pk for a in featured])[:HOME_LATEST_COUNT]
        categories = Category.objects.with_published_articles()
        return super().get_context_data(
            featured_articles=featured, latest_articles=latest, categories=categories, **kwargs
        )


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        # Pages with nothing to index: a thank-you and private search results.
        f"Disallow: {reverse('contacts:thanks')}",
        f"Disallow: {reverse('articles:search')}",
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


@require_safe
def serve_media(request, path):
    """Uploaded files, for development and single-machine installs (DJANGO_SERVE_MEDIA).

    Served so that a browser can only ever treat them as inert images; production
    web servers should send the same headers (README, "Security and privacy").
    """
    if not settings.SERVE_MEDIA:
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


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
