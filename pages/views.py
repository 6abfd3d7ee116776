from pages.models import Page
from pages.seo import page_jsonld
from publishing.views import PublishedDetailView


class PageDetailView(PublishedDetailView):
    model = Page
    template_name = "pages/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return super().get_queryset().select_related("social_image")

    def get_preview_queryset(self):
        return super().get_preview_queryset().select_related("social_image")

    def get_context_data(self, **kwargs):
        return super().get_context_data(jsonld=page_jsonld(self.request, self.object), **kwargs)
