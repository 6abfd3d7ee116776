from django.urls import path
from django.views.decorators.http import require_safe

from articles import views
from articles.feeds import LatestArticlesFeed
from recovery_site.page_cache import cache_public_page

app_name = "articles"

urlpatterns = [
    path(
        "articles/",
        cache_public_page(views.ArticleListView.as_view(), query_params=["page"]),
        name="list",
    ),
    path(
        "articles/category/<slug:slug>/",
        cache_public_page(views.CategoryView.as_view(), query_params=["page"]),
        name="category",
    ),
    path(
        "articles/<slug:slug>/", cache_public_page(views.ArticleDetailView.as_view()), name="detail"
    ),
    # Not page-cached: a search is private to the person who typed it.
    path("search/", views.SearchView.as_view(), name="search"),
    path("feed/", cache_public_page(require_safe(LatestArticlesFeed())), name="feed"),
]
