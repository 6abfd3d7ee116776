"""Pass one of an import: everything in the export but the post bodies.

Small enough to keep in memory for any export (ids, addresses, titles, the
attachments' URLs and alt texts), and enough to know every post's new address
before the first body is converted.
"""

from dataclasses import dataclass

from articles.sanitize import plain_text
from articles.wordpress import content
from articles.wordpress.redirects import host
from articles.wordpress.wxr import Author, Item, Site, Term, read_export

IMPORTED_STATUSES = {"publish", "future", "draft", "pending"}
# Posts become articles, pages become pages.
IMPORTED_TYPES = {"post", "page"}
REUSABLE_BLOCK_TYPE = "wp_block"


def skip_reason(item):
    """Why an export item is not imported (as an article or a page), or None."""
    if item.post_type not in IMPORTED_TYPES:
        return item.post_type or "item without a type"
    if item.password:
        return "password protected"
    if item.status not in IMPORTED_STATUSES:
        return item.status or "post without a status"
    return None


@dataclass
class Attachment:
    id: int
    url: str
    title: str
    alt: str
    caption: str
    parent: int
    order: int


@dataclass
class PostEntry:
    """What pass one keeps of an importable post or page: enough to plan its address."""

    id: int
    slug: str
    title: str
    link: str
    guid: str
    post_type: str = "post"

    @property
    def is_page(self):
        return self.post_type == "page"


class ExportIndex:
    def __init__(self):
        self.site = Site()
        self.authors = {}  # login -> display name
        self.terms = {}  # nicename -> Term
        self.attachments = {}  # post id -> Attachment
        self.posts = {}  # post id -> PostEntry, importable posts and pages in file order
        self.reusable_blocks = {}  # post id -> block markup
        self.item_count = 0
        self.hosts = set()

    @classmethod
    def read(cls, path):
        index = cls()
        for record in read_export(path):
            index.add(record)
        return index

    def add(self, record):
        if isinstance(record, Site):
            self.site = record
            self.hosts.update(host(url) for url in (record.link, record.base_blog_url))
        elif isinstance(record, Author):
            self.authors[record.login] = record.display_name
        elif isinstance(record, Term):
            self.terms[record.nicename] = record
        elif isinstance(record, Item):
            self.item_count += 1
            self._add_item(record)
        self.hosts.discard("")

    def _add_item(self, item):
        if item.post_type == "attachment":
            self.attachments[item.id] = Attachment(
                id=item.id,
                url=item.attachment_url or item.guid,
                title=content.title_text(item.title),
                alt=item.meta.get("_wp_attachment_image_alt", ""),
                caption=plain_text(item.excerpt),
                parent=item.parent,
                order=item.order,
            )
        elif item.post_type == REUSABLE_BLOCK_TYPE:
            self.reusable_blocks[item.id] = item.content
        elif skip_reason(item) is None:
            self.posts[item.id] = PostEntry(
                item.id, item.slug, item.title, item.link, item.guid, item.post_type
            )
            self.hosts.add(host(item.link))

    def gallery(self, post_id, ids=None):
        """The attachments a [gallery] shows: the listed ids, else the post's own."""
        if ids:
            return [self.attachments[i] for i in ids if i in self.attachments]
        children = [a for a in self.attachments.values() if a.parent == post_id]
        return sorted(children, key=lambda a: (a.order, a.id))

    def category_path(self, nicename):
        """The nested form WordPress uses in category addresses: "parent/child"."""
        path, seen = [nicename], {nicename}
        term = self.terms.get(nicename)
        while term and term.parent and term.parent not in seen:
            path.insert(0, term.parent)
            seen.add(term.parent)
            term = self.terms.get(term.parent)
        return "/".join(path)
