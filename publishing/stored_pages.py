"""Rendered pages kept in the database: an uncached article or page for one query.

A published item's page is rendered by its normal view and templates, with the pieces
that other content changes (an article's related and recent posts) left as named slots
(`{% page_slot "related" %}`), and stored (StoredPage) on its first view or by
`manage.py render_pages`. A later request runs one query, compiled once per process:
the item by its address under the visibility rule (`published_q`), its stored page if
still valid, and the site's content version; the slots are filled from pieces each
process keeps under that version, and the page is sent without touching the ORM or
the template engine.

A stored page is served only while it is what a render would give now:
- the same templates, static files and code, and the same scheme (`fingerprint()`);
- the same row (`updated_at`: every save of the item changes it);
- the same layout (`SiteVersion.layout`, bumped by any change to branding, contact
  settings, menus, pages or categories: what every page shows around its content);
- no scheduled item gone live, and no new year begun, since it was rendered
  (`expires_at`, from `next_change_time()`).
Anything else that shows on one item's page (its sources, its author's name) deletes
that stored page (recovery_site.apps). Otherwise the request renders afresh and stores
the result. Drafts, scheduled items and staff previews are never stored or served: the
query finds only published items, and a preview renders without slots.

Pages made of lists of articles (the home page, the article list, categories) change
with every publish; each process keeps them whole instead (KeptPages, served by
publishing.views.KeptPageMixin) under the same versions and expiry as its slot pieces.

bench/ANALYSIS.md has the measurements behind this design and its costs.
"""

import datetime
import functools
import hashlib
import re
import secrets
import threading
import weakref
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import OuterRef, Q, Subquery, TextField
from django.db.models.functions import Concat
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import http_date

from publishing.models import SiteVersion, StoredPage, next_change_time, published_q
from recovery_site.memory import SizedMemory

SITE_VERSION_PK = 1
SOURCE_SUFFIXES = {".html", ".py", ".txt", ".xml", ".json", ".css", ".js", ".svg"}
# Slot pieces a process keeps for one content version, at most.
MAX_PIECES = 2_000
# HTML of whole pages a process keeps (KeptPages), at most: a list page is 10-15 KB, so
# about 1,300 of them (every list and category page of 10,000 articles is about 1,700).
MAX_KEPT_PAGE_BYTES = 16_000_000

_slots = {}  # model label -> {slot name: function(values, version) -> html}


def register_slot(model_label, name):
    """Declare `{% page_slot name %}` for pages of `model_label`: the function gets the
    item's `stored_page_fields` values (a dict) and the content version, and returns the
    slot's HTML (keep it in `pieces` when it is worth it)."""

    def decorator(function):
        _slots.setdefault(model_label, {})[name] = function
        return function

    return decorator


def marker(name):
    return f"<!--page-slot:{name}-->"


@functools.cache
def markup_fingerprint():
    """A hash of everything a render depends on besides the data: the templates folders,
    the code and templates of the project's own apps, the static files manifest and
    Django's version."""
    digest = hashlib.sha256(django.get_version().encode())
    base = Path(settings.BASE_DIR).resolve()
    folders = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", ())]
    folders += [Path(app.path) for app in apps.get_app_configs()]
    for folder in sorted({f.resolve() for f in folders if f.resolve().is_relative_to(base)}):
        for path in sorted(folder.rglob("*")):
            if path.suffix in SOURCE_SUFFIXES and path.is_file() and "static" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or base) / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:40]


def fingerprint(request):
    return f"{request.scheme}:{markup_fingerprint()}"


# Versions --------------------------------------------------------------------------------


def _bump(field):
    def run():
        # A new random number rather than the next one: a bump rolled back with its
        # transaction must never come back as a later change's version.
        value = secrets.randbits(62)
        if not SiteVersion.objects.filter(pk=SITE_VERSION_PK).update(**{field: value}):
            SiteVersion.objects.get_or_create(pk=SITE_VERSION_PK, defaults={field: value})

    run()
    # Again once the change is visible to other connections, so no process keeps pieces
    # read before the commit under the new number.
    transaction.on_commit(run)


def bump_layout(**kwargs):
    """Every stored page is out of date (connected to branding, contact settings,
    menus, pages and categories)."""
    _bump("layout")


def bump_content(**kwargs):
    """Lists of articles changed: every process refills its slot pieces."""
    _bump("content")


@functools.cache
def _versions_sql(using):
    query = SiteVersion.objects.filter(pk=SITE_VERSION_PK).values_list("layout", "content").query
    return query.get_compiler(using).as_sql()


def versions(request=None, using=DEFAULT_DB_ALIAS):
    """(layout, content): the site's versions, read once per request. Pieces kept per
    process are kept under them."""
    if request is not None:
        found = getattr(request, "_site_versions", None)
        if found is None:
            found = request._site_versions = versions(using=using)
        return found
    sql, params = _versions_sql(using)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(row) if row else (None, None)


def forget(model, object_ids):
    """Delete the stored pages of these items (a change that shows only on them)."""
    StoredPage.objects.filter(kind=model._meta.label, object_id__in=object_ids).delete()


# Pieces kept per process ------------------------------------------------------------------


class Pieces:
    """HTML and rows this process keeps for one pair of site versions (slots, cards,
    menus), dropped when either version changes or a scheduled item goes live. At most
    `limit` of them: past that, the oldest kept goes first."""

    def __init__(self, limit=MAX_PIECES):
        self.limit = limit
        self.version = None
        self.expires = None
        self.values = {}

    def _check(self, version):
        if version != self.version or (self.expires and timezone.now() >= self.expires):
            self.values = {}
            self.version = version
            try:
                self.expires = next_change_time()
            except DatabaseError:
                # Keep nothing past this request: what was built may be a fallback.
                self.expires = timezone.now()

    def get(self, version, key, build):
        self._check(version)
        try:
            return self.values[key]
        except KeyError:
            return self.keep(version, key, build())

    def find(self, version, key):
        """The value kept under `key` for this version, or None."""
        self._check(version)
        return self.values.get(key)

    def keep(self, version, key, value):
        """Keep `value` under `key`, built under `version` (read before building it)."""
        self._check(version)
        if len(self.values) >= self.limit:
            del self.values[next(iter(self.values))]
        self.values[key] = value
        return value

    def last(self, key):
        """What was kept under `key` for the last version seen, or None: for showing
        something when the versions cannot be read."""
        return self.values.get(key)

    def expiry(self, version):
        """When what this version's pieces show changes on its own (the next
        scheduled item goes live), or None."""
        self._check(version)
        return self.expires


pieces = Pieces()


class KeptPages(SizedMemory):
    """Whole pages (the home page, the article list and category pages) this process
    keeps rendered for one pair of site versions, dropped with the slot pieces (the
    versions change or a scheduled item goes live), at most MAX_KEPT_PAGE_BYTES of
    HTML, the oldest dropped first."""

    def __init__(self):
        super().__init__(MAX_KEPT_PAGE_BYTES)
        self.version = None
        self.expires = None
        self.lock = threading.Lock()

    def _check(self, version):
        if version != self.version or (self.expires and timezone.now() >= self.expires):
            self.clear()
            self.version = version
            self.expires = pieces.expiry(version)

    def find(self, version, key):
        """The page kept under `key`, or None."""
        self._check(version)
        return self.get(key)

    def keep(self, version, key, content):
        with self.lock:  # runserver and threaded workers keep pages side by side
            self._check(version)
            self.put(key, content)


kept_pages = KeptPages()


def render_slot(model_label, name, values, version):
    return _slots[model_label][name](values, version)


def fill_slots(model_label, values, version, html):
    for name, function in _slots.get(model_label, {}).items():
        html = html.replace(marker(name), function(values, version))
    return html


# The one query -----------------------------------------------------------------------------

LAST_MODIFIED_LENGTH = len(http_date(0))  # "Thu, 01 Jan 1970 00:00:00 GMT"
_NOW = datetime.datetime(2000, 1, 1, 0, 0, 1, tzinfo=datetime.UTC)
_SLUG = "\x00slug"
_FINGERPRINT = "\x00fingerprint"


class _Lookup:
    def __init__(self, model, using):
        connection = connections[using]
        version = SiteVersion.objects.filter(pk=SITE_VERSION_PK)
        stored = StoredPage.objects.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=_NOW),
            kind=model._meta.label,
            object_id=OuterRef("pk"),
            source_updated_at=OuterRef("updated_at"),
            fingerprint=_FINGERPRINT,
            layout_version=Subquery(version.values("layout")[:1]),
        )
        self.fields = ("pk", *model.stored_page_fields)
        # The Last-Modified header (always LAST_MODIFIED_LENGTH characters) and the page
        # in one column: one subquery fewer to plan.
        page = stored.annotate(page=Concat("last_modified", "html", output_field=TextField()))
        queryset = (
            model.objects.filter(published_q(now=_NOW), slug=_SLUG)
            .order_by()
            .annotate(
                stored_page=Subquery(page.values("page")[:1]),
                site_layout_version=Subquery(version.values("layout")[:1]),
                site_content_version=Subquery(version.values("content")[:1]),
            )
            .values_list(*self.fields, "stored_page", "site_layout_version", "site_content_version")
        )
        self.sql, params = queryset.query.get_compiler(using).as_sql()
        self.params = list(params)
        now = connection.ops.adapt_datetimefield_value(_NOW)
        self.now_positions = self._positions(now)
        self.slug_positions = self._positions(_SLUG)
        self.fingerprint_positions = self._positions(_FINGERPRINT)
        self.name = f"stored_{model._meta.label_lower.replace('.', '_')}"
        self.prepared_on = weakref.WeakSet()  # the connections it is prepared on

    def _positions(self, sentinel):
        positions = [i for i, p in enumerate(self.params) if p == sentinel]
        if not positions:
            raise RuntimeError("The stored page query did not compile as expected.")
        return positions

    def run(self, using, slug, fingerprint):
        connection = connections[using]
        params = self._params(connection, slug, fingerprint)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                self._execute_prepared(connection, cursor, params)
            else:
                cursor.execute(self.sql, params)
            return cursor.fetchone()

    def _execute_prepared(self, connection, cursor, params):
        """PostgreSQL plans the query once per connection (planning costs more than
        running it). A new connection, after a reconnect, prepares it again."""
        if connection.connection not in self.prepared_on:
            numbered = iter(range(1, len(params) + 1))
            sql = re.sub(r"%s", lambda m: f"${next(numbered)}", self.sql)
            cursor.execute(f"PREPARE {self.name} AS {sql}")
            self.prepared_on.add(connection.connection)
        placeholders = ", ".join(["%s"] * len(params))
        cursor.execute(f"EXECUTE {self.name} ({placeholders})", params)

    def _params(self, connection, slug, fingerprint):
        params = self.params.copy()
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        for positions, value in (
            (self.now_positions, now),
            (self.slug_positions, slug),
            (self.fingerprint_positions, fingerprint),
        ):
            for position in positions:
                params[position] = value
        return params


@functools.cache
def _lookup(model, using):
    return _Lookup(model, using)


class Found:
    """A published item found by the query: what its slots need, its content version,
    and its stored page when that is still valid."""

    def __init__(self, model, fields, row):
        *values, page, self.layout, content = row
        self.version = (self.layout, content)
        self.last_modified = page[:LAST_MODIFIED_LENGTH] if page else None
        self.html = page[LAST_MODIFIED_LENGTH:] if page else None
        self.model_label = model._meta.label
        self.values = dict(zip(fields, values, strict=True))

    def response(self):
        html = fill_slots(self.model_label, self.values, self.version, self.html)
        response = HttpResponse(html)
        response["Last-Modified"] = self.last_modified
        return response


def find(model, request, slug, using=DEFAULT_DB_ALIAS):
    """The published item at `slug` (a Found), or None when nothing published is there."""
    lookup = _lookup(model, using)
    row = lookup.run(using, slug, fingerprint(request))
    if row is None:
        return None
    found = Found(model, lookup.fields, row)
    request._site_versions = found.version
    return found


def store(item, request, html, found):
    """Keep `html` (rendered with slot markers) as `item`'s page, under the versions
    `found` read before the render."""
    StoredPage.objects.bulk_create(
        [
            StoredPage(
                kind=item._meta.label,
                object_id=item.pk,
                html=html,
                last_modified=http_date(item.updated_at.timestamp()),
                fingerprint=fingerprint(request),
                source_updated_at=item.updated_at,
                layout_version=found.layout or 0,
                expires_at=pieces.expiry(found.version),
            )
        ],
        update_conflicts=True,
        unique_fields=["kind", "object_id"],
        update_fields=[
            "html",
            "last_modified",
            "fingerprint",
            "source_updated_at",
            "layout_version",
            "expires_at",
            "rendered_at",
        ],
    )
