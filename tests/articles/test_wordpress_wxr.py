"""The streaming WXR reader: what it reads, what it refuses, how little it keeps."""

import tracemalloc
from pathlib import Path

import pytest

from articles.wordpress.wxr import Author, Item, Site, Term, WxrError, read_export

EXPORT = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress" / "export.xml"


def write_export(path, items, namespace="http://wordpress.org/export/1.2/"):
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0" xmlns:wp="{namespace}" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
        "<title>Site</title><link>https://site.example</link>"
        "<wp:wxr_version>1.0</wp:wxr_version>\n" + "".join(items) + "</channel></rss>"
    )
    return path


def test_records_come_in_file_order_with_the_site_first():
    records = list(read_export(EXPORT))

    assert isinstance(records[0], Author)  # the channel header, as written
    site = next(r for r in records if isinstance(r, Site))
    assert (site.title, site.wxr_version) == ("Harbor Recovery Center", "1.2")
    assert records.index(site) < min(i for i, r in enumerate(records) if isinstance(r, Item))
    terms = {r.nicename: r for r in records if isinstance(r, Term)}
    # Names are as exported (WordPress escapes them even inside CDATA); the importer decodes.
    assert terms["detox"].parent == "help" and terms["detox"].name == "Detox &amp; withdrawal"


def test_an_item_carries_what_the_importer_uses():
    post = next(r for r in read_export(EXPORT) if isinstance(r, Item) and r.id == 101)

    assert post.post_type == "post" and post.status == "publish" and post.sticky
    assert post.categories == [("detox", "Detox &amp; withdrawal"), ("treatment", "Treatment")]
    assert post.meta == {"_thumbnail_id": "202"}  # only the keys we read
    assert post.comments == 1  # approved only
    assert post.content.startswith("Withdrawal is the body adjusting.")
    assert post.creator == "alice" and post.date_gmt == "2023-03-01 15:00:00"


@pytest.mark.parametrize(
    "namespace",
    [
        "http://wordpress.org/export/1.0/",
        "http://wordpress.org/export/1.1/",
        "https://wordpress.org/export/1.2/",
    ],
)
def test_every_wxr_version_is_read(tmp_path, namespace):
    item = (
        "<item><title>Hi</title><wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type></item>"
    )

    records = list(read_export(write_export(tmp_path / "e.xml", [item], namespace)))

    assert [(r.id, r.post_type) for r in records if isinstance(r, Item)] == [(7, "post")]


def test_memory_stays_bounded_by_the_largest_item_not_the_file(tmp_path):
    body = "<p>" + "Recovery is possible. " * 400 + "</p>"  # ~9 KB per item
    items = [
        f"<item><title>Post {n}</title><content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{n}</wp:post_id><wp:post_type>post</wp:post_type></item>\n"
        for n in range(2000)
    ]
    export = write_export(tmp_path / "big.xml", items)
    assert export.stat().st_size > 15_000_000

    tracemalloc.start()
    try:
        count = sum(1 for r in read_export(export) if isinstance(r, Item))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert count == 2000
    assert peak < 2_000_000


def test_a_file_without_a_wxr_version_is_not_an_export(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(
        "<rss><channel><title>Blog</title><item><title>x</title></item></channel></rss>"
    )

    with pytest.raises(WxrError, match="no <wp:wxr_version>"):
        list(read_export(feed))


def test_another_root_element_is_not_an_export(tmp_path):
    page = tmp_path / "page.xml"
    page.write_text("<html><body>Hi</body></html>")

    with pytest.raises(WxrError, match="its root element is <html>"):
        list(read_export(page))


def test_an_unreadable_file_is_reported(tmp_path):
    with pytest.raises(WxrError, match="Cannot read"):
        list(read_export(tmp_path / "absent.xml"))


def test_a_truncated_file_is_reported_with_its_line(tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_text(EXPORT.read_text()[:3000])

    with pytest.raises(WxrError, match=r"is not well-formed XML: .* at line \d+, column \d+"):
        list(read_export(cut))


def test_an_oversized_title_is_refused(tmp_path):
    item = f"<item><title>{'x' * 10_001}</title><wp:post_id>1</wp:post_id></item>"

    with pytest.raises(WxrError, match="item 1 has a title of 10,001 characters"):
        list(read_export(write_export(tmp_path / "e.xml", [item])))
