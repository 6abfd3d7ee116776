from django.urls import path

from pages import views
from recovery_site.page_cache import cache_public_page

app_name = "pages"

# Included last in the root URLconf: a page never hides a route, and a page's address
# is checked against every other route when it is saved (Page.validate_address).
urlpatterns = [
    path("<slug:slug>/", cache_public_page(views.PageDetailView.as_view()), name="detail"),
]
