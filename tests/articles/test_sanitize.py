"""Every stored body is sanitized against the allowlist; hostile input renders inert."""

import re
from pathlib import Path

import pytest

from articles.admin import ArticleAdminForm
from articles.sanitize import IMAGE_CLASSES, render_body, sanitize_html
from tests.factories import ArticleFactory, MediaImageFactory, PersonFactory, SourceFactory
from tests.html_checks import inert_problems

from .hostile_payloads import PAYLOADS


def test_allowlisted_markup_survives():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><p>A <strong>bold</strong> <em>claim</em>"
        '<sup>1</sup> <abbr title="gamma-aminobutyric acid">GABA</abbr>.</p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quote</blockquote>"
        '<figure><img src="/media/uploads/a.png" alt="A chart" width="640" height="480">'
        "<figcaption>Caption</figcaption></figure>"
        '<table><caption>Doses</caption><thead><tr><th scope="col">Drug</th></tr></thead>'
        '<tbody><tr><td colspan="2">x</td></tr></tbody></table>'
    )
    assert sanitize_html(html) == html


def test_links_get_rel_noopener_and_keep_only_safe_schemes():
    cleaned = sanitize_html(
        '<a href="https://nih.gov/" title="NIH" target="_blank" class="x">NIH</a>'
        '<a href="tel:+18588880101">call</a><a href="mailto:help@example.org">mail</a>'
        '<a href="ftp://example.org/">ftp</a>'
    )
    assert '<a href="https://nih.gov/" title="NIH" rel="noopener noreferrer">NIH</a>' in cleaned
    assert 'href="tel:+18588880101"' in cleaned
    assert 'href="mailto:help@example.org"' in cleaned
    assert "ftp:" not in cleaned
    assert "target" not in cleaned and "class" not in cleaned


def test_no_attribute_is_allowed_on_every_element():
    assert sanitize_html('<p title="x" lang="en">a</p>') == "<p>a</p>"
    assert (
        sanitize_html('<img src="/media/a.png" title="t" alt="">')
        == '<img src="/media/a.png" alt="">'
    )


def test_class_style_id_and_unknown_tags_are_removed():
    cleaned = sanitize_html('<div class="a" style="color:red" id="b"><span>kept text</span></div>')
    assert cleaned == "kept text"


def test_h1_is_demoted_to_text_so_the_page_keeps_one_h1():
    assert "<h1>" not in sanitize_html("<h1>Title again</h1>")


def test_images_only_from_media_or_https():
    assert 'src="/media/x.png"' in sanitize_html('<img src="/media/x.png" alt="">')
    assert 'src="https://nih.gov/x.png"' in sanitize_html('<img src="https://nih.gov/x.png">')
    assert "src" not in sanitize_html('<img src="http://example.org/x.png">')
    assert "src" not in sanitize_html('<img src="/static/../x.png">')


@pytest.mark.parametrize(
    "src",
    [
        "/media/../admin/contacts/callbackrequest/4/change/",
        "/media/uploads/../../admin/contacts/callbackrequest/4/change/",
        "/static/../admin/two-factor/",
        "/media/%2e%2e/admin/",
        "/media/.%2E/admin/",
        "/media/..%2fadmin/",
        "/media/..\\admin/",
        "/media/\t../admin/",
        "//evil.example/x.png",
        "/admin/contacts/callbackrequest/4/change/",
        "https://testserver/admin/contacts/callbackrequest/4/change/",
        "https://TESTSERVER:443/media/../admin/",
        "https://x@localhost./admin/",
        "https://testserver\\admin\\contacts\\callbackrequest\\4\\change\\?@evil.example",
        "https://127.0.0.1/admin/",
        "/media/",
        "/media/uploads/a.png?x=/../../admin/",
    ],
)
def test_image_addresses_cannot_leave_the_media_or_static_folders(src):
    """Every reader's browser loads an image with their cookies: an article must not make
    staff open admin pages (the access log recorded views nobody made)."""
    cleaned = sanitize_html(f'<img src="{src}" alt="x">')
    assert cleaned == '<img alt="x">', src


@pytest.mark.parametrize(
    "src, stored",
    [
        ("/media/uploads/a.png", "/media/uploads/a.png"),
        ("/media/uploads/./b/../a.png", "/media/uploads/a.png"),
        ("/static/img/logo.1a2b3c.png", "/static/img/logo.1a2b3c.png"),
        ("https://testserver/media/uploads/a.png", "/media/uploads/a.png"),
        ("https://www.nih.gov/images/chart.png", "https://www.nih.gov/images/chart.png"),
    ],
)
def test_image_addresses_are_stored_normalised(src, stored):
    assert sanitize_html(f'<img src="{src}" alt="">') == f'<img src="{stored}" alt="">'


def test_body_is_sanitized_on_every_save(db):
    article = ArticleFactory(body="<p onclick=alert(1)>hi</p><script>alert(1)</script>")
    article.refresh_from_db()
    assert article.body == "<p>hi</p>"
    article.body = '<a href="javascript:alert(1)">x</a>'
    article.save()
    article.refresh_from_db()
    assert "javascript" not in article.body


def test_rendering_sanitizes_again_html_that_bypassed_save(db):
    article = ArticleFactory()
    type(article).objects.filter(pk=article.pk).update(body="<p>ok</p><script>alert(1)</script>")
    article.refresh_from_db()
    assert str(render_body(article.body).html) == "<p>ok</p>"


def test_headings_get_unique_anchors_for_the_table_of_contents():
    body = render_body("<h2>Side effects</h2><p>x</p><h2>Side effects</h2><h2><em>Help</em></h2>")
    assert body.toc == (
        ("side-effects", "Side effects"),
        ("side-effects-2", "Side effects"),
        ("help", "Help"),
    )
    assert '<h2 id="side-effects-2">Side effects</h2>' in body.html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_payload_is_inert_on_rendered_pages(client, payload):
    """The payload goes into every field a staff member (or an import) can fill."""
    article = ArticleFactory(
        title=payload[:200],
        summary=payload[:300],
        body=f"<h2>{payload}</h2><p>{payload}</p>{payload}",
        featured_image=MediaImageFactory(
            alt_text=payload[:250], caption=payload[:500], credit=payload[:200]
        ),
        byline=payload[:200],
        reviewer=PersonFactory(
            name=payload[:120], credentials=payload[:80], job_title=payload[:120], bio=payload
        ),
    )
    SourceFactory(article=article, title=payload[:300], url=payload[:500], publisher=payload[:200])
    detail = client.get(article.get_absolute_url())
    listing = client.get("/articles/")
    profile = client.get(article.reviewer.get_absolute_url())
    assert detail.status_code == profile.status_code == 200
    assert inert_problems(profile.content.decode()) == []
    assert inert_problems(detail.content.decode()) == []
    assert inert_problems(listing.content.decode()) == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_sanitized_output_is_stable_when_parsed_again(payload):
    """Mutation XSS relies on markup that changes meaning when re-parsed; ours does not."""
    once = sanitize_html(payload)
    assert sanitize_html(once) == once
    assert inert_problems(once) == []


def _lines_run_in_sanitize(body):
    """How many lines of articles/sanitize.py rendering `body` executes: a measure of
    its work that does not depend on the machine's speed or load."""
    import sys

    from articles import sanitize

    count = 0

    def in_frame(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return in_frame

    def on_call(frame, event, arg):
        return in_frame if frame.f_code.co_filename == sanitize.__file__ else None

    sys.settrace(on_call)
    try:
        sanitize._render(body)  # not the memoised one
    finally:
        sys.settrace(None)
    return count


def test_repeated_headings_cost_linear_time_so_one_article_cannot_stall_the_site():
    """Unique anchors for N equal headings must not try N suffixes each (N² in total):
    12,000 of them once kept every view of one article busy until gunicorn killed it."""
    small = _lines_run_in_sanitize("<h2>x</h2>" * 200)
    large = _lines_run_in_sanitize("<h2>x</h2>" * 800)
    assert large < 5 * small  # four times the headings, about four times the work
    body = render_body("<h2>x</h2>" * 3 + "<h2>x-2</h2>" + "<h2>x</h2>")
    assert [anchor for anchor, _ in body.toc] == ["x", "x-2", "x-3", "x-2-2", "x-4"]


def test_the_image_dialog_offers_only_what_a_save_keeps(settings):
    """Alignment and size are classes the sanitizer keeps and the stylesheet lays out;
    the fields whose output a save drops (inline styles, old attributes) are hidden."""
    base = Path(settings.BASE_DIR)
    script = (base / "publishing/static/publishing/admin/image-dialog.js").read_text()
    offered = set(re.findall(r'"((?:align|size)-[a-z]+)"', script))
    assert offered == set(IMAGE_CLASSES)
    stylesheet = (base / "static/css/site.css").read_text()
    for name in IMAGE_CLASSES:
        kept = sanitize_html(f'<img src="/media/a.png" alt="x" class="{name} other">')
        assert kept == f'<img src="/media/a.png" alt="x" class="{name}">'
        assert f".prose img.{name}" in stylesheet
    # What CKEditor's own width, height, border, spacing and alignment fields write.
    dropped = sanitize_html(
        '<img src="/media/a.png" alt="x" style="width:10px;float:left;border:1px solid;'
        'margin:4px" align="left" border="1" hspace="4" vspace="4" class="other">'
    )
    assert dropped == '<img src="/media/a.png" alt="x">'
    hidden = re.search(r"HIDDEN = \[([^\]]*)\]", script).group(1)
    for field in ("txtWidth", "txtHeight", "txtBorder", "txtHSpace", "txtVSpace", "cmbAlign"):
        assert f'"{field}"' in hidden
    # The editor's own filter lets the same classes through, and only on images.
    config = ArticleAdminForm().fields["body"].widget.config
    assert config["extraAllowedContent"] == f"img({','.join(IMAGE_CLASSES)})"
