import re

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from articles.models import Article, Category
from articles.seo import article_jsonld
from pages.models import Page
from publishing import stored_pages
from publishing.views import KeptPageMixin, PublishedDetailView
from recovery_site.page_cache import is_anonymous
from search.query import clean_query

PAGE_SIZE = 12
# Topics offered when a search finds nothing.
SEARCH_TOPICS_COUNT = 5
# The centre's own pages (admissions, insurance...) listed above the articles a search
# finds, on its first page.
SEARCH_PAGES_COUNT = 3
# The `?page=` values whose pages are kept (KeptPageMixin); any other value, such as
# "last" or "02", renders as usual, so no address can fill a process's memory.
KEPT_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,4}")
# Search pages each process keeps (about 12 KB each), the oldest dropped first.
RECENT_SEARCHES_KEPT = 200

# Search pages as rendered for anonymous visitors, kept in this process's memory only
# (never in a shared cache: a search is private) under the site's versions, which every
# save of an article, page, category or synonym set changes, and only until the next
# scheduled item goes live. A common word searched again costs one query.
recent_searches = stored_pages.Pieces(limit=RECENT_SEARCHES_KEPT)


class ArticleListView(KeptPageMixin, ListView):
    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def kept_page_key(self):
        page = self.request.GET.get(self.page_kwarg, "1")
        if not KEPT_PAGE_NUMBER.fullmatch(page):
            return None
        return (*super().kept_page_key(), int(page))


class CategoryView(ArticleListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class SearchView(ArticleListView):
    """Search results, or a way forward when there are none.

    What a visitor searches for is health information: the page is never stored in
    the shared page cache or by proxies (private), and the query is never logged.
    """

    template_name = "articles/search.html"

    def kept_page_key(self):
        return None  # private: kept by get() below, for anonymous visitors only

    def get(self, request, *args, **kwargs):
        if not is_anonymous(request):
            return super().get(request, *args, **kwargs)
        version = stored_pages.versions(request)
        key = (
            request.scheme,
            clean_query(request.GET.get("q", "")),
            request.GET.get("page", ""),
        )
        content = recent_searches.find(version, key)
        if content is not None:
            return self.private(HttpResponse(content))
        response = super().get(request, *args, **kwargs).render()
        if response.status_code == 200 and not self.read_the_session(request):
            recent_searches.keep(version, key, response.content)
        return response

    @staticmethod
    def read_the_session(request):
        """Did the render read the session or the CSRF token (then the page may be
        one visitor's own)?"""
        session = getattr(request, "session", None)
        return bool(
            (session is not None and session.accessed)
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        )

    @staticmethod
    def private(response):
        patch_cache_control(response, private=True, max_age=0)
        return response

    def get_queryset(self):
        self.query = clean_query(self.request.GET.get("q", ""))
        self.results = Article.objects.published().for_listing().search(self.query)
        return self.results

    def get_context_data(self, **kwargs):
        context = super().get_context_data(query=self.query, results=self.results, **kwargs)
        page = context.get("page_obj")
        if self.query and (page is None or page.number == 1):
            pages = Page.objects.published().defer("search_vector", "search_rank_vector")
            context["site_pages"] = self.results.alongside(pages, SEARCH_PAGES_COUNT)
        if not self.results:
            # Most articles first: where a reader is most likely to find an answer.
            context["topics"] = Category.objects.most_articles_first()[:SEARCH_TOPICS_COUNT]
        return context

    def render_to_response(self, context, **response_kwargs):
        return self.private(super().render_to_response(context, **response_kwargs))


class ArticleDetailView(PublishedDetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    related = ("category", "author_profile", "reviewer", "featured_image", "social_image")

    def get_queryset(self):
        return super().get_queryset().select_related(*self.related)

    def get_preview_queryset(self):
        return super().get_preview_queryset().select_related(*self.related)

    def get_context_data(self, **kwargs):
        article = self.object
        sources = list(article.sources.all())
        return super().get_context_data(
            sources=sources,
            jsonld=article_jsonld(self.request, article, sources),
            **kwargs,
        )
