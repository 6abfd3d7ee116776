from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.views.generic import DetailView

from publishing import stored_pages
from recovery_site.staff import staff_may


class PageSlots:
    """What `{% page_slot name %}` renders: a marker when the page is being stored
    (filled on every request from then on), else the slot itself."""

    def __init__(self, item, request, found, markers):
        self.model_label = item._meta.label
        self.request = request
        self.markers = markers
        if found is not None:
            self.values = found.values
        else:
            self.values = {"pk": item.pk}
            self.values.update({f: getattr(item, f) for f in item.stored_page_fields})

    @property
    def version(self):
        return stored_pages.versions(self.request)

    def render(self, name):
        if self.markers:
            return mark_safe(stored_pages.marker(name))  # noqa: S308 - a fixed comment
        html = stored_pages.render_slot(self.model_label, name, self.values, self.version)
        return mark_safe(html)  # noqa: S308 - rendered by the templates


class PublishedDetailView(DetailView):
    """One published item. Staff who may change it (signed in as the admin requires)
    can read a draft or scheduled one as it will look, marked as a preview, never
    cached and never indexed.

    A published item's page is kept rendered (publishing.stored_pages): served from
    one query while it is up to date, else rendered here and kept."""

    preview = False
    found = None

    def get(self, request, *args, **kwargs):
        if settings.STORED_PAGES:
            self.found = stored_pages.find(self.model, request, kwargs[self.slug_url_kwarg])
            if self.found is not None and self.found.html is not None:
                return self.found.response()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.model.objects.published()

    def get_preview_queryset(self):
        return self.model.objects.all()

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except Http404:
            opts = self.model._meta
            if not staff_may(self.request, f"{opts.app_label}.change_{opts.model_name}"):
                raise
            self.preview = True
            return super().get_object(self.get_preview_queryset())

    @property
    def storing(self):
        """Render with slot markers and keep the page: a published item only (the
        query found it), never a preview."""
        return self.found is not None and not self.preview

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=self.preview,
            page_slots=PageSlots(self.object, self.request, self.found, markers=self.storing),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        elif self.storing:
            response.add_post_render_callback(self._store)
        return response

    def _store(self, response):
        html = response.content.decode()
        stored_pages.store(self.object, self.request, html, self.found)
        found = self.found
        response.content = stored_pages.fill_slots(
            found.model_label, found.values, found.version, html
        )


class KeptPageMixin:
    """A public page made of lists of articles (the home page, the article list, a
    category), kept whole by each process (publishing.stored_pages.KeptPages) under the
    site's versions: while nothing it shows has changed, a request costs one small
    query. `kept_page_key()` names what the page depends on besides the versions, or
    is None for a request rendered as usual and not kept."""

    def get(self, request, *args, **kwargs):
        key = self.kept_page_key() if settings.STORED_PAGES else None
        if key is None:
            return super().get(request, *args, **kwargs)
        version = stored_pages.versions(request)
        content = stored_pages.kept_pages.find(version, key)
        if content is not None:
            return HttpResponse(content)
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200 and hasattr(response, "add_post_render_callback"):
            response.add_post_render_callback(
                lambda rendered: stored_pages.kept_pages.keep(version, key, rendered.content)
            )
        return response

    def kept_page_key(self):
        return (stored_pages.fingerprint(self.request), self.request.path)
