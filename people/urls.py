from django.urls import path

from people import views
from recovery_site.page_cache import cache_public_page

app_name = "people"

urlpatterns = [
    path(
        "people/<slug:slug>/",
        cache_public_page(views.PersonDetailView.as_view(), query_params=["page"]),
        name="detail",
    ),
]
