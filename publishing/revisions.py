"""Readable differences between revisions (articles and pages), for the admin's history page.

django-simple-history keeps a revision of every save; its history page lists the
changed fields. For the body it would show two truncated blobs of HTML, so here
the body's text is compared word by word and shown as deletions and insertions
with a little context around each change.
"""

import difflib

from django.utils.html import escape
from django.utils.safestring import mark_safe
from simple_history.template_utils import HistoricalRecordContextHelper

from articles.sanitize import plain_text

CONTEXT_WORDS = 8


def word_diff(old_html, new_html):
    """HTML showing what changed between two bodies' text, with <del> and <ins>."""
    old, new = plain_text(old_html).split(), plain_text(new_html).split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = old[i1:i2]
            if len(same) > 2 * CONTEXT_WORDS:
                same = [*same[:CONTEXT_WORDS], "…", *same[-CONTEXT_WORDS:]]
            parts.append(escape(" ".join(same)))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 - every piece of text is escaped above


class RevisionHelper(HistoricalRecordContextHelper):
    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        if change.field != "body":
            return formatted
        return type(formatted)(
            field=formatted.field,
            old=mark_safe(""),  # noqa: S308 - empty
            new=word_diff(change.old, change.new),
        )
