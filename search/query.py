"""A visitor's words, read the way a person meant them.

`parse()` turns the text into terms: stop words dropped, names of several words
("crystal meth", "special k") kept together when the synonym list knows them, each
term carrying every name it stands for. Nothing here touches the database, so the
same reading serves PostgreSQL and SQLite.
"""

import unicodedata
from dataclasses import dataclass, replace

from search.text import QUESTION_WORDS, STOP_WORDS, is_searchable, word_spans

MAX_QUERY_LENGTH = 200
# A long question still searches quickly: only its first terms count.
MAX_TERMS = 10
# The longest name, in words, looked up in the synonym list.
MAX_NAME_WORDS = 4

# How much a term counts when ranking: a drug or treatment the synonym list knows
# is what the visitor is asking about; question words only help.
NAMED_WEIGHT = 2.0
WORD_WEIGHT = 1.0
QUESTION_WEIGHT = 0.5


def clean_query(query):
    """Keep what a person could have meant; drop control characters and excess."""
    query = unicodedata.normalize("NFKC", query or "")
    query = "".join(ch if ch.isprintable() else " " if ch.isspace() else "" for ch in query)
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class Term:
    text: str  # as typed, normalized ("k pins")
    names: tuple  # every name it stands for, `text` first
    weight: float
    start: int  # where it was typed, in the cleaned query
    end: int
    correction: str = ""  # the vocabulary word a misspelt term was taken for
    broader: tuple = ()  # what it is a kind of: matched too, ranked lower

    @property
    def all_names(self):
        return (*self.names, *self.broader)

    @property
    def optional(self):
        return self.weight < WORD_WEIGHT

    @property
    def other_names(self):
        return [n for n in self.names if n not in (self.text, self.correction)]

    @property
    def is_single_word(self):
        return " " not in self.text


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    terms: tuple

    @property
    def has_broader(self):
        return any(t.broader for t in self.terms)

    def narrow(self):
        """This query without broader names: what the visitor named, and no more."""
        return replace(self, terms=tuple(replace(t, broader=()) for t in self.terms))

    @property
    def required(self):
        """Terms every result must match: all but question words, unless that is all
        there is."""
        required = tuple(t for t in self.terms if not t.optional)
        return required or self.terms

    def corrected(self, fixes, synonyms):
        """This query with misspelt terms also standing for what they resemble."""
        terms = []
        for term in self.terms:
            word = fixes.get(term.text)
            if word:
                names = (*term.names, *(n for n in synonyms.names(word) if n not in term.names))
                broader = [n for n in synonyms.broader_names(word) if n not in names]
                term = replace(
                    term,
                    names=names,
                    broader=tuple(dict.fromkeys((*term.broader, *broader))),
                    correction=word,
                    weight=NAMED_WEIGHT if word in synonyms else max(term.weight, WORD_WEIGHT),
                )
            terms.append(term)
        return replace(self, terms=tuple(terms))

    @property
    def suggestion(self):
        """The query as typed with each misspelt term replaced, or "" when none was."""
        text, shift = self.text, 0
        for term in self.terms:
            if term.correction:
                start, end = term.start + shift, term.end + shift
                text = text[:start] + term.correction + text[end:]
                shift += len(term.correction) - (term.end - term.start)
        return text if text != self.text else ""


def parse(query, synonyms):
    """The terms of `query` (already cleaned), with the names `synonyms` (a
    search.synonyms.SynonymIndex) knows."""
    spans = [s for s in word_spans(query) if s[0] not in STOP_WORDS]
    terms, seen, i = [], set(), 0
    while i < len(spans) and len(terms) < MAX_TERMS:
        for n in range(min(MAX_NAME_WORDS, len(spans) - i), 0, -1):
            text = " ".join(w for w, _, _ in spans[i : i + n])
            if n == 1 or text in synonyms:
                break
        if n == 1 and text not in synonyms and not is_searchable(text):
            i += 1  # a stray letter, not part of a name
            continue
        if text in synonyms:
            weight = NAMED_WEIGHT
        elif text in QUESTION_WORDS:
            weight = QUESTION_WEIGHT
        else:
            weight = WORD_WEIGHT
        names = synonyms.names(text)
        if frozenset(names) not in seen:
            seen.add(frozenset(names))
            broader = tuple(b for b in synonyms.broader_names(text) if b not in names)
            terms.append(
                Term(text, names, weight, spans[i][1], spans[i + n - 1][2], broader=broader)
            )
        i += n
    return ParsedQuery(query, tuple(terms))
