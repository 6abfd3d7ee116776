"""Readable differences between revisions (articles and pages), for the admin's
revisions page.

django-simple-history keeps a revision of every save; its history page lists the
changed fields. Here they read as a person would put them:

- the body's text is compared word by word and shown as deletions and insertions
  with a little context around each change (markup alone: one line that says so);
- times are shown in the centre's time zone, to the second, as the form shows them,
  and a change below that precision is no change;
- choices show their labels, and a value that reads the same before and after is
  not listed.
"""

import datetime
import difflib

from django.utils import timezone
from django.utils.formats import date_format
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


MARKUP_ONLY = "Formatting or links changed; the words are the same."


def shown_time(value):
    """A stored time as the admin shows it: the centre's time zone, to the second."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "N j, Y, g:i:s a T")


def _same_markup(old, new):
    return " ".join((old or "").split()) == " ".join((new or "").split())


class RevisionHelper(HistoricalRecordContextHelper):
    def context_for_delta_changes(self, delta):
        """The changes a person made: those that read the same are left out."""
        return [
            change
            for change in super().context_for_delta_changes(delta)
            if change["old"] != change["new"]
        ]

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, datetime.datetime):
            return shown_time(value)
        if field.choices and value is not None:
            return dict(field.flatchoices).get(value, value)
        if value is None or value == "":
            return "(empty)"
        return value

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        if change.field != "body":
            return formatted
        if plain_text(change.old) == plain_text(change.new):
            new = "" if _same_markup(change.old, change.new) else MARKUP_ONLY
        else:
            new = word_diff(change.old, change.new)
        return type(formatted)(
            field=formatted.field,
            old=mark_safe(""),  # noqa: S308 - empty
            new=new,
        )
