from django.core.exceptions import ValidationError
from django.db import models

from search.text import is_searchable, normalize_term

MAX_NAME_LENGTH = 60
MAX_NAME_WORDS = 4


def parse_names(text):
    """The names in a comma-separated list, trimmed, each once (by how search matches
    it), in the order given. The one reading of a synonym set, for the admin, the
    shipped list and the search index."""
    names, seen = [], set()
    for name in (text or "").split(","):
        name = " ".join(name.split())
        key = normalize_term(name)
        if name and key not in seen:
            seen.add(key)
            names.append(name)
    return names


class SynonymSet(models.Model):
    """Names that mean the same thing to someone searching: a generic name, its brand
    names, street names and everyday phrasings. A search for one also looks for the
    others; the articles themselves are never changed."""

    terms = models.TextField(
        "names",
        help_text="Names that mean the same thing, separated by commas, for example "
        '"clonazepam, Klonopin, k-pins". Put the name our articles use first. A search '
        "for any of them also finds articles that use another. Capitals, hyphens and small "
        'words such as "the" do not matter. Leave out names that are everyday words in our '
        'articles (such as "rock" or "glass"): they would bring up unrelated articles.',
    )
    broader = models.CharField(
        "kind of",
        max_length=MAX_NAME_LENGTH,
        blank=True,
        help_text='Optional: a broader name these are a kind of, such as "opioid" for '
        "oxycodone. A search for one of these names then also finds articles about the "
        "broader name, after those that use one of these names. Not the other way round.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text='For editors only, e.g. "street names, 2026" or where the names came from.',
    )
    # The names the shipped list gave this set when it was last merged in, so that
    # names an editor removed are not brought back (search.synonyms).
    shipped_terms = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonym set"

    def __str__(self):
        names = parse_names(self.terms)
        shown = ", ".join(names[:4]) + (f" (+{len(names) - 4})" if len(names) > 4 else "")
        return f"{shown} › {self.broader}" if self.broader else shown

    @property
    def names(self):
        return parse_names(self.terms)

    def clean(self):
        super().clean()
        names = parse_names(self.terms)
        problems = []
        for name in names:
            key = normalize_term(name)
            if not any(is_searchable(w) for w in key.split()):
                problems.append(f"“{name}” has no word search can use (too short or too common).")
            elif len(name) > MAX_NAME_LENGTH or len(key.split()) > MAX_NAME_WORDS:
                problems.append(
                    f"“{name[:MAX_NAME_LENGTH]}” is too long: use up to {MAX_NAME_WORDS} words."
                )
        if not problems and len(names) < 2:
            problems.append("Give at least two names that mean the same thing.")
        errors = {"terms": problems} if problems else {}
        broader = " ".join(self.broader.split())
        if broader:
            key = normalize_term(broader)
            if not any(is_searchable(w) for w in key.split()):
                errors["broader"] = f"“{broader}” has no word search can use."
            elif key in {normalize_term(n) for n in names}:
                errors["broader"] = "The broader name cannot be one of the names above."
        if errors:
            raise ValidationError(errors)
        self.terms = ", ".join(names)
        self.broader = broader


class SearchWord(models.Model):
    """One word of the site's vocabulary: the words of article titles, summaries and
    headings and of the synonym sets. Misspelt searches are matched against it (by
    trigram similarity on PostgreSQL) to suggest what the visitor meant."""

    word = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word
