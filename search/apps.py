from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from articles.models import Article
        from pages.models import Page
        from search import signals
        from search.models import SynonymSet

        post_save.connect(signals.content_saved, sender=Article, dispatch_uid="search-article")
        post_save.connect(signals.content_saved, sender=Page, dispatch_uid="search-page")
        post_save.connect(signals.synonyms_changed, sender=SynonymSet, dispatch_uid="search-syn")
        post_delete.connect(
            signals.synonyms_changed, sender=SynonymSet, dispatch_uid="search-syn-del"
        )
