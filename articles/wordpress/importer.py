"""Import a WordPress export: posts to articles, pages to pages, images to media,
old URLs to 301s.

Two streaming passes over the file. The first reads everything but the post
bodies into a small index (authors, categories, attachments, each post's old
addresses) and refuses a bad file before anything is written; with it, every
post's new address is known before the first body is converted, so links
between posts can be rewritten whatever their order in the file. The second
pass converts and saves the posts, all in one transaction: a failure leaves the
database as it was, and the files stored so far are deleted again. A dry run
does the same work, writes no files and rolls the transaction back.

Articles and pages are keyed on the WordPress post id, so running the same export
again updates what changed and creates nothing twice. One someone edited here after
its import, or moved to the trash, is left alone unless `overwrite` is set (and
one in the trash is always left there).

WordPress pages may nest (/services/detox/); pages here have one-level addresses,
so a nested page takes its own slug (/detox/) and its old address redirects. A
page never takes an address the site serves itself (recovery_site/addresses.py).
"""

import copy
import datetime
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db import transaction
from django.db.models import F
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Category
from articles.redirects import redirect_refusal
from articles.sanitize import plain_text, sanitize_html
from articles.wordpress import content
from articles.wordpress.authors import Authors
from articles.wordpress.index import ExportIndex, skip_reason
from articles.wordpress.media import SIZE_SUFFIX, ImageCopier, Uploads
from articles.wordpress.redirects import OLD_PATH_MAX, host, old_path
from articles.wordpress.report import ImportReport
from articles.wordpress.wxr import Item, read_export
from media_library.services import image_record
from pages.models import Page
from publishing.models import ALT_TEXT_MAX_LENGTH, BODY_MAX_CHARACTERS
from recovery_site.addresses import address_in_use

PUBLISHED_STATUSES = {"publish", "future"}
# An article counts as edited here when it was saved this long after its import.
EDIT_TOLERANCE = datetime.timedelta(seconds=1)
SLUG_MAX = 120
TITLE_MAX = Article._meta.get_field("title").max_length
ALT_MAX = ALT_TEXT_MAX_LENGTH
CATEGORY_MAX = Category._meta.get_field("name").max_length
PAGE_SLUG_MAX = Page._meta.get_field("slug").max_length
UNCATEGORIZED = ("uncategorized", "Uncategorized")
NO_DATE = "0000-00-00 00:00:00"


@dataclass
class Plan:
    """A post's or page's address here, decided before any body is converted."""

    slug: str
    article_pk: int | None = None  # the article or page already imported from it
    protected: bool = False  # edited here since its import, and no --overwrite
    model: type = Article

    @property
    def path(self):
        name = "pages:detail" if self.model is Page else "articles:detail"
        return reverse(name, args=[self.slug])


class WordPressImporter:
    def __init__(self, export, *, media_dir=None, author_map=None, overwrite=False, dry_run=False):
        self.export = export
        self.media_dir = media_dir
        self.author_map = author_map or {}
        self.overwrite = overwrite
        self.dry_run = dry_run

    def run(self, progress=None):
        """Import the export and return the report. `progress(iterable, total)` may
        wrap the items of the second pass (a progress bar)."""
        index = ExportIndex.read(self.export)
        report = ImportReport(
            export_name=getattr(self.export, "name", str(self.export)),
            dry_run=self.dry_run,
            site_title=index.site.title,
            wxr_version=index.site.wxr_version,
            media_dir_given=self.media_dir is not None,
        )
        copier = ImageCopier(Uploads(self.media_dir, index.hosts), dry_run=self.dry_run)
        items = (record for record in read_export(self.export) if isinstance(record, Item))
        if progress is not None:
            items = progress(items, index.item_count)
        try:
            with transaction.atomic():
                run = _ImportRun(index, copier, report, self)
                for item in items:
                    run.import_item(item)
                run.redirect_categories()
                if self.dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            copier.discard_written()
            raise
        return report


class _ImportRun:
    """The state of one import: planned addresses, categories, authors, images."""

    def __init__(self, index, copier, report, options):
        self.index = index
        self.copier = copier
        self.report = report
        self.overwrite = options.overwrite
        self.dry_run = options.dry_run
        self.authors = Authors(index.authors, options.author_map)
        self.categories = {}  # nicename -> Category
        self.redirected_categories = {}  # nicename -> Category, for published articles
        self.plans = {**self._plan_addresses(), **self._plan_page_addresses()}
        self.links = self._link_map()

    # Planning

    def _plan_addresses(self):
        """Every importable post's slug: WordPress's own where it is free here; an
        article already imported keeps its place; nobody else's slug is taken."""
        taken = dict(Article.objects.values_list("slug", "wordpress_id"))
        # An article's old address that redirects (it was renamed) is taken too, unless
        # it leads to this same post's article.
        redirected = _redirected_slugs()
        at_address = {reverse("articles:detail", args=[slug]): wid for slug, wid in taken.items()}
        for slug, new_path in redirected.items():
            taken.setdefault(slug, at_address.get(new_path))
        existing = {
            a.wordpress_id: a
            for a in Article.objects.filter(wordpress_id__isnull=False).only(
                "pk", "slug", "wordpress_id", "updated_at", "imported_at", "trashed_at"
            )
        }
        plans = {}
        for post in self.index.posts.values():
            if post.is_page:
                continue
            article = existing.get(post.id)
            protected = article is not None and (
                article.in_trash or (_edited_since_import(article) and not self.overwrite)
            )
            if protected:
                slug = article.slug
            else:
                wanted = _slug_base(post)
                slug = _unique_slug(wanted, taken, post.id)
                if slug != wanted and not (article and article.slug == slug):
                    self.report.renamed_slugs.append((post.id, wanted, slug))
            taken[slug] = post.id
            plans[post.id] = Plan(slug, article.pk if article else None, protected)
        return plans

    def _plan_page_addresses(self):
        """Every page's slug: WordPress's own (its last part, for a nested page) where
        no other page has it and the site does not serve it; a page already imported
        keeps its place."""
        taken = dict(Page.objects.values_list("slug", "wordpress_id"))
        existing = {
            p.wordpress_id: p
            for p in Page.objects.filter(wordpress_id__isnull=False).only(
                "pk", "slug", "wordpress_id", "updated_at", "imported_at", "trashed_at"
            )
        }
        plans = {}
        for post in self.index.posts.values():
            if not post.is_page:
                continue
            page = existing.get(post.id)
            protected = page is not None and (
                page.in_trash or (_edited_since_import(page) and not self.overwrite)
            )
            if protected:
                slug = page.slug
            else:
                wanted = _slug_base(post, PAGE_SLUG_MAX)
                slug = _unique_slug(
                    wanted, taken, post.id, also_free=_page_address_free, limit=PAGE_SLUG_MAX
                )
                if slug != wanted and not (page and page.slug == slug):
                    self.report.renamed_slugs.append((post.id, wanted, slug))
            taken[slug] = post.id
            plans[post.id] = Plan(slug, page.pk if page else None, protected, Page)
        return plans

    def _link_map(self):
        """Old post addresses (permalink, ?p=ID, then guid) -> new article paths.

        A guid is only an identifier: it often names an address that belongs to
        another post today ("?p=568" on post 1158), so it never overrides one."""
        links = {}
        new = {post.id: self.plans[post.id].path for post in self.index.posts.values()}
        for post in self.index.posts.values():
            for url in (post.link, f"/?p={post.id}"):
                links.setdefault(self._link_key(url), new[post.id])
        for post in self.index.posts.values():
            links.setdefault(self._link_key(post.guid), new[post.id])
        links.pop(None, None)
        return links

    def _link_key(self, url):
        parts = urlsplit((url or "").strip())
        if parts.scheme not in ("", "http", "https"):
            return None
        if parts.netloc and host(url) not in self.index.hosts:
            return None
        if not parts.netloc and not parts.path.startswith("/") and not parts.query:
            return None
        query = parse_qs(parts.query)
        # WordPress answers /?p=ID for pages too; /?page_id=ID is a page's plain link.
        post_id = (query.get("p") or query.get("page_id") or [""])[0]
        if post_id.isdigit():
            return f"?p={int(post_id)}"
        path = unquote(parts.path).rstrip("/").lower()
        return path or None

    # One item

    def import_item(self, item):
        reason = skip_reason(item)
        if reason:
            self.report.skipped[reason] += 1
            return
        self.report.comments_not_imported += item.comments
        plan = self.plans[item.id]
        if plan.model is Page:
            self._import_page(item, plan)
            return
        article = Article.objects.filter(pk=plan.article_pk).first() if plan.article_pk else None
        if article is not None and plan.protected:
            self.report.skipped["in the trash" if article.in_trash else "edited since import"] += 1
            self._redirect_post(item, article)
            return
        values, featured = self._article_values(item, plan, article)
        length = len(sanitize_html(values["body"]))
        if length > BODY_MAX_CHARACTERS:
            # The limit every path keeps (save() would refuse it): skip this post,
            # import the rest, and say so.
            self.report.skipped["too long"] += 1
            self.report.too_long.append((item.id, length))
            if article is not None:
                self._redirect_post(item, article)
            return
        if article is None:
            article = Article(wordpress_id=item.id)
            self._save(article, values, featured)
            self.report.created += 1
        elif _changed(article, values, featured):
            self._save(article, values, featured)
            self.report.updated += 1
        else:
            self.report.unchanged += 1
        self._redirect_post(item, article)

    def _import_page(self, item, plan):
        page = Page.objects.filter(pk=plan.article_pk).first() if plan.article_pk else None
        if page is not None and plan.protected:
            self.report.skipped["in the trash" if page.in_trash else "edited since import"] += 1
            self._redirect_post(item, page)
            return
        values = self._page_values(item, plan)
        if page is None:
            page = Page(wordpress_id=item.id)
            self._save(page, values, None)
            self.report.pages_created += 1
        elif _changed(page, values, None):
            self._save(page, values, None)
            self.report.pages_updated += 1
        else:
            self.report.pages_unchanged += 1
        self._redirect_post(item, page)

    def _page_values(self, item, plan):
        title = content.title_text(item.title, TITLE_MAX)
        if not title:
            self.report.untitled += 1
            title = content.title_text(plan.slug.replace("-", " ").capitalize(), TITLE_MAX)
        body = self._body(item, ())
        summary = (
            content.summary_from_excerpt(item.excerpt) or content.summary_from_body(body) or title
        )
        status, published_at = _status_and_time(item)
        return {
            "title": title,
            "slug": plan.slug,
            "summary": summary,
            "body": body,
            "status": status,
            "published_at": published_at,
        }

    def _article_values(self, item, plan, article):
        reuse = _media_names(article) if article else ()
        title = content.title_text(item.title, TITLE_MAX)
        if not title:
            self.report.untitled += 1
            title = content.title_text(plan.slug.replace("-", " ").capitalize(), TITLE_MAX)
        body = self._body(item, reuse)
        summary = (
            content.summary_from_excerpt(item.excerpt) or content.summary_from_body(body) or title
        )
        author, byline = self.authors.resolve(item.creator)
        category = self._category(item)
        status, published_at = _status_and_time(item)
        if status == Article.Status.PUBLISHED:
            self.redirected_categories.setdefault(self._primary_nicename(item), category)
        values = {
            "title": title,
            "slug": plan.slug,
            "summary": summary,
            "body": body,
            "category": category,
            "author": author,
            "author_profile": self.authors.profile(author),
            "byline": byline[: Article._meta.get_field("byline").max_length],
            "status": status,
            "published_at": published_at,
            "is_featured": item.sticky,
        }
        return values, self._featured_image(item, title, reuse)

    def _body(self, item, reuse):
        stats = content.BodyStats()
        handlers = {
            "caption": content.caption_shortcode,
            "wp_caption": content.caption_shortcode,
            "embed": content.embed_shortcode,
            "gallery": lambda attributes, inner: self._gallery(item, attributes),
        }

        def rewrite(tag, attribute, url):
            return self._rewrite_url(item, tag, url, reuse)

        body = content.convert_body(
            item.content,
            shortcode_handlers=handlers,
            rewrite_url=rewrite,
            reusable_blocks=self.index.reusable_blocks,
            stats=stats,
            attachments=self.index.attachments,
            post_meta=item.meta,
        )
        self.report.add_body_stats(stats, item.id)
        return body

    def _gallery(self, item, attributes):
        ids = [int(i) for i in re.findall(r"\d+", attributes.get("ids", "") or "")]
        return "".join(
            content.figure_html(a.url, a.alt or a.title, a.caption)
            for a in self.index.gallery(item.id, ids)
        )

    def _copy_image(self, url, folder, reuse):
        """The image at `url` stored (see media.ImageCopier) and in the media library:
        one record per file, however often the export uses it."""
        result = self.copier.copy(url, folder, reuse)
        if result.status == "stored" and not self.dry_run:
            relative = SIZE_SUFFIX.sub("", self.copier.uploads.relative_path(url) or "")
            image_record(result.name, original_filename=PurePosixPath(relative).name[-255:])
        return result

    def _rewrite_url(self, item, tag, url, reuse):
        """New addresses for images and links in a body (see content.rewrite_urls)."""
        if tag == "img":
            result = self._copy_image(url, "uploads", reuse)
            self.report.note_image(result, item.id)
            if result.status == "stored":
                return result.url
            if result.status == "refused" or not url.strip().lower().startswith("https://"):
                return content.REMOVE
            return None
        new = self.links.get(self._link_key(url))
        if new:
            self.report.links_rewritten += 1
            return new + (f"#{urlsplit(url).fragment}" if urlsplit(url).fragment else "")
        relative = self.copier.uploads.relative_path(url)
        if relative and _looks_like_image(url):
            result = self._copy_image(url, "uploads", reuse)
            self.report.note_image(result, item.id)
            return result.url if result.status == "stored" else None
        if relative and self.copier.uploads.is_own(url):
            self.report.files_not_copied[relative].add(item.id)
        return None

    def _featured_image(self, item, title, reuse):
        """(ImageResult, alt) for the post's featured image, or None without one."""
        thumbnail_id = item.meta.get("_thumbnail_id", "").strip()
        if not thumbnail_id.isdigit() or int(thumbnail_id) == 0:
            return None
        attachment = self.index.attachments.get(int(thumbnail_id))
        if attachment is None:
            self.report.images_missing[f"attachment {thumbnail_id} (not in the export)"].add(
                item.id
            )
            return None
        result = self._copy_image(attachment.url, "featured", reuse)
        self.report.note_image(result, item.id)
        alt = attachment.alt or attachment.title or title
        return result, " ".join(alt.split())[:ALT_MAX]

    # Categories

    def _primary_nicename(self, item):
        return item.categories[0][0] if item.categories else UNCATEGORIZED[0]

    def _category(self, item):
        """The first category of the post (created if need be), else Uncategorized."""
        nicename, label = item.categories[0] if item.categories else UNCATEGORIZED
        if nicename not in self.categories:
            self.categories[nicename] = self._get_or_create_category(nicename, label)
        return self.categories[nicename]

    def _get_or_create_category(self, nicename, label):
        term = self.index.terms.get(nicename)
        slug = slugify(unquote(nicename))[:100].strip("-")
        name = content.title_text((term.name if term else "") or label, CATEGORY_MAX)
        if not slug:
            slug = slugify(name)[:100].strip("-") or f"category-{term.term_id if term else 0}"
        category = Category.objects.filter(slug=slug).first()
        if category is not None:
            return category
        name = name or slug
        if Category.objects.filter(name=name).exists():
            name = f"{name} ({slug})"[:CATEGORY_MAX]
        self.report.categories_created += 1
        return Category.objects.create(
            slug=slug, name=name, description=plain_text(term.description if term else "")
        )

    # Saving

    def _save(self, obj, values, featured):
        for name, value in values.items():
            setattr(obj, name, value)
        if isinstance(obj, Article):
            self._set_featured_image(obj, featured)
        obj.save()
        # imported_at is exactly the saved updated_at: any later save is an edit here.
        type(obj).objects.filter(pk=obj.pk).update(imported_at=F("updated_at"))
        obj.refresh_from_db(fields=["imported_at", "updated_at"])

    def _set_featured_image(self, article, featured):
        """The library's record of the copied file; its description comes from the
        attachment while the library has none (an editor's later one is kept)."""
        if featured is None:
            article.featured_image = None
            return
        result, alt = featured
        if result.status != "stored":
            return  # missing or refused: keep whatever the article has
        if self.dry_run:
            return  # a dry run writes no files or records
        record = image_record(result.name)
        if not record.alt_text:
            record.alt_text = alt
            record.save(update_fields=["alt_text"])
        article.featured_image = record

    # Redirects

    def _redirect_post(self, item, article):
        """The old permalink and /?p=ID (/?page_id=ID for a page) -> the article or
        page, once it is (to be) public. (Not the guid: it is an identifier, not an
        address WordPress answered.)"""
        if article.status != Article.Status.PUBLISHED:
            return
        olds = {f"/?p={item.id}"}
        if isinstance(article, Page):
            olds.add(f"/?page_id={item.id}")
        if item.link and host(item.link) in self.index.hosts:
            olds.add(old_path(item.link))
        for old in sorted(olds):
            self._redirect(old, article.get_absolute_url())

    def redirect_categories(self):
        """/category/<nicename>/ (and the nested form, and /?cat=ID) -> our category."""
        for nicename, category in self.redirected_categories.items():
            new = category.get_absolute_url()
            olds = {
                old_path(f"/category/{nicename}/"),
                old_path(f"/category/{self.index.category_path(nicename)}/"),
            }
            term = self.index.terms.get(nicename)
            if term and term.term_id:
                olds.add(f"/?cat={term.term_id}")
            for old in sorted(olds):
                self._redirect(old, new)

    def _redirect(self, old, new):
        """A new redirect from `old`, unless something already answers there: an address
        the site serves itself, or a redirect (ours from an earlier run, or anyone's)
        to somewhere else. Neither is ever replaced; each is reported."""
        if old in (new, "/"):
            return
        if len(old) > OLD_PATH_MAX:
            self.report.redirects_too_long.append(old)
            return
        refusal = redirect_refusal(old)
        if refusal:
            self.report.redirects_refused.append((old, refusal))
            return
        existing = Redirect.objects.filter(site_id=settings.SITE_ID, old_path=old).first()
        if existing is None:
            Redirect.objects.create(site_id=settings.SITE_ID, old_path=old, new_path=new)
            self.report.redirects["created"] += 1
        elif existing.new_path == new:
            self.report.redirects["already present"] += 1
        else:
            where = existing.new_path or "nowhere (gone)"
            self.report.redirects_refused.append((old, f"already redirects to {where}"))


# Helpers ---------------------------------------------------------------------------


def _redirected_slugs():
    """{slug: where it redirects} for every article address that is a redirect."""
    prefix = reverse("articles:list")
    slugs = {}
    redirects = Redirect.objects.filter(site_id=settings.SITE_ID, old_path__startswith=prefix)
    for old, new in redirects.values_list("old_path", "new_path"):
        try:
            match = resolve(unquote(old.partition("?")[0]))
        except Resolver404:
            continue
        if match.view_name == "articles:detail":
            slugs[match.kwargs["slug"]] = new
    return slugs


def _edited_since_import(obj):
    return obj.imported_at is None or obj.updated_at > obj.imported_at + EDIT_TOLERANCE


def _slug_base(post, limit=SLUG_MAX):
    slug = slugify(unquote(post.slug)) or slugify(content.title_text(post.title))
    slug = slug or f"{post.post_type}-{post.id}"
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug.strip("-")


def _unique_slug(wanted, taken, post_id, also_free=None, limit=SLUG_MAX):
    """`wanted`, or `wanted-2`, `-3`...: the first that no other post has taken (and
    that `also_free(slug)` accepts, when given)."""
    slug, number = wanted, 2
    while taken.get(slug, post_id) != post_id or (
        also_free is not None and taken.get(slug) is None and not also_free(slug)
    ):
        suffix = f"-{number}"
        slug = wanted[: limit - len(suffix)] + suffix
        number += 1
    return slug


def _page_address_free(slug):
    """No route, the admin, static or media files answer /<slug>/ (no page has it yet)."""
    return not address_in_use(reverse("pages:detail", args=[slug]))


def _status_and_time(item):
    """publish -> published; future -> published at a later time (scheduled);
    draft and pending -> draft. Times are the export's GMT ones; drafts often have
    none ("0000-00-00 00:00:00"), then the local time in the site's time zone."""
    if item.status not in PUBLISHED_STATUSES:
        return Article.Status.DRAFT, None
    when = _parse_time(item.date_gmt, datetime.UTC)
    if when is None:
        when = _parse_time(item.date, timezone.get_default_timezone())
    return Article.Status.PUBLISHED, when or timezone.now()


def _parse_time(value, zone):
    value = (value or "").strip()
    if not value or value == NO_DATE:
        return None
    try:
        naive = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return timezone.make_aware(naive, zone)


def _media_names(article):
    """Files in our storage the article already uses: candidates for reuse."""
    prefix = re.escape(settings.MEDIA_URL)
    names = re.findall(rf'src="{prefix}([^"]+)"', article.body)
    if article.featured_image_id:
        names.append(article.featured_image.file.name)
    return names


def _looks_like_image(url):
    return urlsplit(url).path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp"))


def _changed(obj, values, featured):
    """Would saving `values` change the article or page? Compared after the model's
    own normalising step, so what the save would store is what is compared."""
    candidate = copy.copy(obj)
    for name, value in values.items():
        setattr(candidate, name, value)
    candidate.normalize()
    attnames = [obj._meta.get_field(name).attname for name in values]
    if any(getattr(candidate, name) != getattr(obj, name) for name in attnames):
        return True
    if not isinstance(obj, Article):
        return False
    article = obj
    if featured is None:
        return article.featured_image_id is not None
    result, alt = featured
    if result.status != "stored":
        return False
    if article.featured_image_id is None:
        return True
    image = article.featured_image
    return result.name != image.file.name or not image.alt_text
