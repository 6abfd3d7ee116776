from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from media_library.views import EditorBrowseView, editor_image_upload
from recovery_site import views
from recovery_site.page_cache import cache_public_page
from recovery_site.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    path(
        "",
        cache_public_page(views.HomeView.as_view(), query_params=views.HomeView.query_params),
        name="home",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", cache_public_page(sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap_section, query_params=["p"]),
        name="sitemap-section",
    ),
    path("", include("contacts.urls")),
    path("", include("articles.urls")),
    path("", include("people.urls")),
    # django-ckeditor's widget looks this name up; the view is ours (staff only).
    path("editor/upload-image/", editor_image_upload, name="ckeditor_upload"),
    # CKEditor's "Browse Server": the media library, to pick an image from.
    path("editor/images/", EditorBrowseView.as_view(), name="ckeditor_browse"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.serve_media, name="media"),
    # Last: the centre's pages (/about/) take only addresses nothing above answers.
    path("", include("pages.urls")),
]

handler500 = "recovery_site.views.server_error"
