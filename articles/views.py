from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from articles.models import Article, Category
from articles.seo import article_jsonld
from pages.models import Page
from publishing.views import PublishedDetailView
from search.query import clean_query

PAGE_SIZE = 12
# Topics offered when a search finds nothing.
SEARCH_TOPICS_COUNT = 5
# The centre's own pages (admissions, insurance...) listed above the articles a search
# finds, on its first page.
SEARCH_PAGES_COUNT = 3


class ArticleListView(ListView):
    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


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
        response = super().render_to_response(context, **response_kwargs)
        patch_cache_control(response, private=True, max_age=0)
        return response


class ArticleDetailView(PublishedDetailView):
    model = Article
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return super().get_queryset().select_related("category", "author_profile", "reviewer")

    def get_preview_queryset(self):
        return (
            super().get_preview_queryset().select_related("category", "author_profile", "reviewer")
        )

    def get_context_data(self, **kwargs):
        article = self.object
        sources = list(article.sources.all())
        return super().get_context_data(
            sources=sources,
            jsonld=article_jsonld(self.request, article, sources),
            **kwargs,
        )
