"""A WordPress export with one distinct photo-sized image per post, for killing an
import halfway."""

import os
from pathlib import Path

from PIL import Image

SITE = "https://fault-test.example"


def write_export(folder, posts=40):
    """(export path, uploads dir, number of images) under `folder`."""
    folder = Path(folder)
    uploads = folder / "uploads"
    (uploads / "2024/01").mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(1, posts + 1):
        image = uploads / f"2024/01/photo-{n}.jpg"
        if not image.exists():
            # Noise does not compress: each file is a few hundred KB, like a photo.
            Image.frombytes("RGB", (900, 600), os.urandom(900 * 600 * 3)).save(image, "JPEG")
        items.append(
            f"""<item><title>Fault post {n}</title><link>{SITE}/fault-post-{n}/</link>
<content:encoded><![CDATA[<p>Post {n}.</p>
<img src="{SITE}/wp-content/uploads/2024/01/photo-{n}.jpg" alt="Photo {n}" />]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{1000 + n}</wp:post_id>
<wp:post_date_gmt><![CDATA[2024-01-02 10:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[fault-post-{n}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password>
<category domain="category" nicename="faults"><![CDATA[Faults]]></category></item>"""
        )
    export = folder / "export.xml"
    export.write_text(
        f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Fault test</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{SITE}</wp:base_site_url><wp:base_blog_url>{SITE}</wp:base_blog_url>
<wp:category><wp:term_id>9</wp:term_id><wp:category_nicename><![CDATA[faults]]></wp:category_nicename>
<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Faults]]></wp:cat_name></wp:category>
{"".join(items)}
</channel></rss>
""",
        encoding="utf-8",
    )
    return export, uploads, posts
