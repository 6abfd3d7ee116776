"""The synonym list: shipped as data (synonyms.txt), extended by editors in the admin.

`synonym_index()` is what a search reads: for every name (normalized), the names it
stands for and the broader names it is a kind of. It is built from the database
and kept in the cache; saving or deleting a set forgets it (`forget_synonyms`,
connected in search.apps).
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.cache import cache

from search.models import parse_names
from search.text import normalize_term

SHIPPED_FILE = Path(__file__).with_name("synonyms.txt")
CACHE_KEY = "search:synonyms:v2"
# Only a safety net: every change to the synonym sets deletes the cached index at once.
CACHE_SECONDS = 15 * 60

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShippedSet:
    names: list
    broader: str = ""


@dataclass(frozen=True)
class SynonymIndex:
    equivalents: dict = field(default_factory=dict)  # name: its names, main name first
    broader: dict = field(default_factory=dict)  # name: broader names

    def __contains__(self, name):
        return name in self.equivalents

    def names(self, name):
        """`name` first, then every other name for it, the set's main name first."""
        return (name, *(n for n in self.equivalents.get(name, ()) if n != name))

    def broader_names(self, name):
        return tuple(n for n in self.broader.get(name, ()) if n != name)


def read_shipped_sets(path=SHIPPED_FILE):
    """The sets in the shipped file: "name, name, ... > broader name" lines."""
    sets = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names, _, broader = line.partition(">")
            names = parse_names(names)
            if len(names) >= 2:
                sets.append(ShippedSet(names, " ".join(broader.split())))
    return sets


def merge_shipped_sets(model, sets=None):
    """Add the shipped sets to the database; returns (created, extended).

    A shipped set whose first name is already in some set brings that set the names
    that are new in the shipped list since it was last merged (and its broader name,
    if the set has none); otherwise it is created. Names an editor removed or
    changed stay that way. A shipped set an editor deleted is created again: the
    command says so. `model` is SynonymSet (or its historical version in a migration).
    """
    sets = read_shipped_sets() if sets is None else sets
    rows = list(model.objects.all())
    by_name = {normalize_term(name): row for row in rows for name in parse_names(row.terms)}
    created = extended = 0
    for shipped in sets:
        row = by_name.get(normalize_term(shipped.names[0]))
        if row is None:
            row = model.objects.create(
                terms=", ".join(shipped.names),
                broader=shipped.broader,
                shipped_terms=", ".join(shipped.names),
            )
            created += 1
        else:
            seen = {normalize_term(n) for n in parse_names(f"{row.terms}, {row.shipped_terms}")}
            new = [n for n in shipped.names if normalize_term(n) not in seen]
            new_broader = shipped.broader if shipped.broader and not row.broader else ""
            shipped_terms = ", ".join(
                parse_names(f"{row.shipped_terms}, {', '.join(shipped.names)}")
            )
            if new or new_broader:
                row.terms = ", ".join([*parse_names(row.terms), *new])
                row.broader = row.broader or new_broader
                extended += 1
            elif shipped_terms == row.shipped_terms:
                continue
            row.shipped_terms = shipped_terms
            row.save(update_fields=["terms", "broader", "shipped_terms"])
        for name in shipped.names:
            by_name.setdefault(normalize_term(name), row)
    return created, extended


def build_index(rows):
    """The index from (terms, broader) pairs as stored."""
    equivalents, kinds = {}, {}
    for terms, broader in rows:
        keys = [k for k in dict.fromkeys(normalize_term(n) for n in parse_names(terms)) if k]
        for key in keys:
            equivalents[key] = tuple(dict.fromkeys((*equivalents.get(key, ()), *keys)))
        broader_key = normalize_term(broader)
        if broader_key:
            for key in keys:
                kinds[key] = tuple(dict.fromkeys((*kinds.get(key, ()), broader_key)))
    # A broader name stands for its own synonyms too ("opioid" also finds "opiate").
    broader = {
        key: tuple(
            n
            for n in dict.fromkeys(n for b in names for n in equivalents.get(b, (b,)))
            if n not in equivalents.get(key, (key,))
        )
        for key, names in kinds.items()
    }
    return SynonymIndex(equivalents, broader)


def synonym_index():
    """The synonym index, from the cache when it can be."""
    from search.models import SynonymSet

    try:
        index = cache.get(CACHE_KEY)
    except Exception:  # noqa: BLE001 - a broken cache must not break a search
        logger.warning("Search: cache unavailable, reading synonyms from the database")
        index = None
    if index is None:
        index = build_index(SynonymSet.objects.values_list("terms", "broader"))
        try:
            cache.set(CACHE_KEY, index, CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Search: cache unavailable, synonyms not cached")
    return index


def forget_synonyms(**kwargs):
    """Drop the cached index (connected to the synonym sets' save and delete signals)."""
    try:
        cache.delete(CACHE_KEY)
    except Exception:  # noqa: BLE001
        logger.exception("Search: could not drop the cached synonyms")
