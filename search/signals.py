"""Keeping the vocabulary and the cached synonym index in step with the content."""

from search.synonyms import forget_synonyms
from search.words import add_words, article_vocabulary, vocabulary


def content_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        add_words(article_vocabulary(instance.title, instance.summary, instance.body), using)


def synonyms_changed(sender, instance, using="default", **kwargs):
    forget_synonyms()
    if not kwargs.get("raw") and "created" in kwargs:  # saved, not deleted
        add_words(vocabulary(instance.terms, instance.broader), using)
