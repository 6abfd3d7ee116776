from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.http import http_date
from django.views.generic import DetailView

from recovery_site.staff import staff_may


class PublishedDetailView(DetailView):
    """One published item. Staff who may change it (signed in as the admin requires)
    can read a draft or scheduled one as it will look, marked as a preview, never
    cached and never indexed."""

    preview = False

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

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=self.preview, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Last-Modified"] = http_date(self.object.updated_at.timestamp())
        if self.preview:
            add_never_cache_headers(response)
            response["X-Robots-Tag"] = "noindex"
        return response
