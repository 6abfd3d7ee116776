"""Posts built with Divi, WPBakery, Avada and Elementor import with their words,
headings, lists, images and buttons, and none of the builder's markup.

The exports in tests/fixtures/wordpress/builders/ were written for these tests, in
each builder's own markup, from the attribute names its documentation gives."""

import base64
import datetime
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from articles.sanitize import sanitize_html
from articles.wordpress import content
from articles.wordpress.builders import elementor as elementor_module
from articles.wordpress.index import Attachment
from articles.wordpress.shortcodes import MAX_ATTRIBUTES_CHARS, parse

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wordpress" / "builders"
MEDIA = settings.MEDIA_URL
BUILDER_MARKUP = re.compile(r"\[/?(et_pb_|vc_|fusion_)|et_pb_|wpb_|fusion-|elementor|class=")


@pytest.fixture(autouse=True)
def _clock(time_machine):
    time_machine.move_to(datetime.datetime(2024, 6, 1, 12, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def media_dir(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/01").mkdir(parents=True)
    Image.new("RGB", (40, 30), "teal").save(uploads / "2024/01/clinic.jpg", "JPEG")
    Image.new("RGBA", (24, 24), (200, 80, 40, 255)).save(uploads / "2024/01/team.png", "PNG")
    return uploads


def run_import(name, media_dir, *args):
    out = io.StringIO()
    call_command(
        "import_wordpress", str(FIXTURES / name), "--media-dir", str(media_dir), *args, stdout=out
    )
    return out.getvalue()


def body(wordpress_id):
    return Article.objects.get(wordpress_id=wordpress_id).body


def stored_images(html):
    return re.findall(rf'<img src="{re.escape(MEDIA)}uploads/[\w-]+\.(?:jpg|png)"', html)


def assert_nothing_of_the_builder_left(html):
    assert not BUILDER_MARKUP.search(html), BUILDER_MARKUP.search(html)
    leftovers = [node for node in parse(html) if not isinstance(node, str)]
    assert not [node.text for node in leftovers if node.looks_like_one()]


# Whole exports, one per builder -----------------------------------------------------


def test_a_divi_post_imports_with_its_words_headings_lists_images_and_buttons(media_dir):
    output = run_import("divi.xml", media_dir)
    html = body(501)

    assert html.startswith(
        "<h2>What detox is</h2>\n<p>Detox is the body clearing a drug."
    )  # the h1 is the article's
    assert "<li>Medical care makes it safer.</li>" in html
    # The image, copied through the upload checks, linked to the post it pointed at.
    assert len(stored_images(html)) == 2  # the image and the blurb's
    assert '<figure><a href="/articles/finding-help/" rel="noopener noreferrer"><img src=' in html
    assert 'alt="The front door of our clinic"' in html
    # Buttons are links, rewritten like any link between posts.
    assert (
        '<p><a href="/articles/finding-help/" rel="noopener noreferrer">Find help near you</a></p>'
        in html
    )
    assert '<a href="tel:+15555550100" rel="noopener noreferrer">Call (555) 555-0100</a>' in html
    # Toggles, accordions and tabs: each title a heading (attribute codes undone).
    for title in (
        'Is detox "cold turkey"?',
        "How long does it take?",
        "Does insurance pay [in most cases]?",
        "Inpatient",
        "Outpatient",
    ):
        assert f"<h3>{title}</h3>" in html
    assert (
        "<blockquote>\n<p>The nurses were there at 3 a.m. when I needed them.</p>\n</blockquote>"
        in html
    )
    assert "<figcaption>— Sam R., Alumnus, Class of 2020</figcaption>" in html
    assert '<a href="https://www.youtube.com/watch?v=harbor-tour"' in html
    # The code module's placeholders and bracket entities are undone, its script dropped.
    assert "<p>Intake hours [every day]:<br>\n8 a.m. to 8 p.m.</p>" in html
    assert "tracking" not in html and "<script" not in html
    assert "<h3>Talk to someone tonight</h3>" in html  # the call to action
    assert (
        '<h3><a href="/articles/finding-help/" rel="noopener noreferrer">Family program</a></h3>'
        in html
    )
    assert "<h2>After detox</h2>" in html  # inside a specialty section's inner row
    assert "Contact us" not in html  # the form
    assert "<p>25</p>" in html  # an unknown module keeps its text
    assert_nothing_of_the_builder_left(html)
    assert "Images: 2 copied, 0 already here, 0 missing, 0 refused." in output
    assert "Links between posts rewritten: 3." in output


def test_a_wpbakery_post_imports_with_its_images_by_attachment_and_its_buttons(media_dir):
    output = run_import("wpbakery.xml", media_dir)
    html = body(511)

    assert html.startswith("<h2>Alcohol withdrawal</h2>\n<p>Symptoms can start within hours")
    assert "<li>Trouble sleeping</li>" in html
    # vc_single_image names attachment 611: its file, alt text and caption.
    (image,) = stored_images(html)
    assert (
        f'<figure><a href="/articles/finding-help/" rel="noopener noreferrer">{image} '
        'alt="The front door of our clinic"></a><figcaption>Our clinic on Harbor Street'
        "</figcaption></figure>"
    ) in html
    assert (
        '<a href="/articles/finding-help/" rel="noopener noreferrer">Find help near you</a>' in html
    )
    assert '<a href="/articles/finding-help/" rel="noopener noreferrer">Our programs</a>' in html
    assert "<h2>Talk to someone tonight</h2>\n<p>Free and confidential</p>" in html
    assert '<a href="tel:+15555550100" rel="noopener noreferrer">Call (555) 555-0100</a>' in html
    for title in ("When is it an emergency?", "Detox", "After [detox]", 'Is it "safe" at home?'):
        assert f"<h3>{title}</h3>" in html
    assert (
        '<a href="https://vimeo.com/76979871" rel="noopener noreferrer">A tour of the clinic</a>'
        in html
    )
    # Raw HTML, decoded (base64, then URL encoding) and sanitized.
    assert "<p>Our phone line is open <strong>24/7</strong>.</p>" in html
    assert "steal" not in html and "tracker.example" not in html and "alert" not in html
    assert_nothing_of_the_builder_left(html)
    assert "Images: 1 copied, 0 already here, 0 missing, 0 refused." in output


def test_an_avada_post_imports_with_its_titles_image_frames_and_buttons(media_dir):
    run_import("avada.xml", media_dir)
    html = body(521)

    assert html.startswith("<h2>Benzodiazepine withdrawal</h2>\n<p>Never stop")
    assert "<li>Insomnia</li>" in html
    (image,) = stored_images(html)
    assert (
        f'<figure><a href="/articles/finding-help/" rel="noopener noreferrer">{image} '
        'alt="The front door of our clinic"></a></figure>'
    ) in html
    assert "<h2>Questions people ask</h2>\n<h3>How long does it take?</h3>" in html
    assert "<h3>Outpatient</h3>\n<p>Visits a few times a week.</p>" in html
    assert (
        '<a href="/articles/finding-help/" rel="noopener noreferrer">Find help near you</a>' in html
    )
    assert '<a href="https://www.youtube.com/watch?v=harbor-tour"' in html
    # The code block, base64-decoded and sanitized.
    assert (
        '<p>Intake: <a href="tel:+15555550100" rel="noopener noreferrer">(555) 555-0100</a></p>'
        in html
    )
    assert "steal" not in html
    assert "<p>Years of care</p>" in html
    assert_nothing_of_the_builder_left(html)


def test_an_elementor_post_is_converted_from_its_saved_structure(media_dir):
    run_import("elementor.xml", media_dir)
    html = body(531)

    assert "old copy" not in html and "stale" not in html  # the rendered copy is not used
    assert html.startswith("<h2>Opioid withdrawal</h2>\n<p>Withdrawal from opioids")
    (image,) = stored_images(html)
    assert (
        f'<figure><a href="/articles/finding-help/" rel="noopener noreferrer">{image} '
        'alt="The front door of our clinic"></a><figcaption>Our clinic on Harbor Street'
        "</figcaption></figure>"
    ) in html
    assert (
        '<ul>\n<li>Muscle aches</li>\n<li><a href="/articles/finding-help/" '
        'rel="noopener noreferrer">Read about detox</a></li>\n</ul>'
    ) in html
    for title in ("How long does it last?", "What is naloxone?", "Inpatient", "Outpatient"):
        assert f"<h3>{title}</h3>" in html
    assert "<h2>After withdrawal</h2>\n<p>Long-term treatment prevents relapse.</p>" in html
    assert '<a href="tel:+15555550100" rel="noopener noreferrer">Call (555) 555-0100</a>' in html
    assert (
        '<a href="/articles/finding-help/" rel="noopener noreferrer">Find help near you</a>' in html
    )
    assert "<p>Recovery is possible.</p>" in html  # a container (Elementor 3.6+)
    assert_nothing_of_the_builder_left(html)


def test_elementor_data_is_used_only_while_the_post_is_edited_in_elementor(media_dir):
    """Switched back to the WordPress editor, the body is what readers saw; data that
    cannot be read falls back to the body's rendered copy, and the report says so."""
    output = run_import("elementor.xml", media_dir, "--verbosity", "2")

    assert body(533) == "<p>Rewritten in the WordPress editor after Elementor.</p>"
    assert body(534) == "<p>The rendered copy still reads well.</p>"
    assert (
        "  dropped: _elementor_data, its saved structure could not be read: the body's HTML "
        "copy was used (post 534)"
    ) in output


def test_the_report_counts_each_builders_elements_and_lists_drops_with_their_posts(media_dir):
    output = run_import("divi.xml", media_dir)

    assert (
        "Divi: 30 elements converted (layout: 11, text: 4, accordion_item: 2, blurb: 2, "
        "tab: 2, accordion: 1, button: 1, code: 1, cta: 1, image: 1, tabs: 1, testimonial: 1, "
        "toggle: 1, video: 1); 7 dropped (a link refused (javascript:): 2, a button without a "
        "link: 1, a form (the call-back form takes its place here): 1, an image refused (data:): "
        "1, decoration only: 1, not supported: its text is kept: 1)."
    ) in output
    assert "  dropped:" not in output  # the list is for -v 2

    verbose = run_import("divi.xml", media_dir, "--verbosity", "2")

    assert "  dropped: et_pb_divider, decoration only (post 501)" in verbose
    assert "  dropped: et_pb_button, a link refused (javascript:) (post 503)" in verbose
    assert "  dropped: et_pb_number_counter, not supported: its text is kept (post 501)" in verbose


def test_builder_images_are_reused_when_the_export_is_imported_again(media_dir):
    run_import("wpbakery.xml", media_dir)
    before = body(511)

    output = run_import("wpbakery.xml", media_dir)

    assert "Articles: 0 imported, 0 updated, 2 unchanged." in output
    assert "Images: 0 copied, 1 already here" in output
    assert body(511) == before


def test_a_hostile_builder_post_keeps_its_words_and_nothing_dangerous(media_dir, client):
    run_import("divi.xml", media_dir)
    html = body(503)

    assert html == (
        "<p>Plain words survive.</p>\n"
        "<p>Claim your prize</p>\n"  # a button whose link was refused keeps its label
        "<p>Sneaky</p>\n"
        "<p>Brackets [et_pb_text] are shown, [sic] stays.</p>"
    )
    page = client.get("/articles/hostile-divi/").content.decode()
    for poison in ("javascript:", "onerror", "data:image", "alert("):
        assert poison not in page


# Elements, one by one --------------------------------------------------------------

ATTACHMENTS = {
    42: Attachment(
        id=42,
        url="https://old.example/wp-content/uploads/2024/01/clinic.jpg",
        title="clinic",
        alt="The clinic",
        caption="Our clinic",
        parent=0,
        order=0,
    )
}


def rewrite(tag, attribute, url):
    """As the importer does: an image that is not https and not copied is dropped."""
    if tag == "img" and not url.startswith("https://"):
        return content.REMOVE
    return None


def convert(text, post_meta=None):
    stats = content.BodyStats()
    html = content.convert_body(
        text,
        shortcode_handlers={"caption": content.caption_shortcode},
        rewrite_url=rewrite,
        reusable_blocks={},
        stats=stats,
        attachments=ATTACHMENTS,
        post_meta=post_meta,
    )
    return html, stats


def elementor(*widgets):
    data = [{"elType": "section", "settings": [], "elements": [
        {"elType": "column", "settings": {}, "elements": list(widgets)}
    ]}]  # fmt: skip
    return {"_elementor_edit_mode": "builder", "_elementor_data": json.dumps(data)}


def widget(kind, **settings):
    return {"elType": "widget", "widgetType": kind, "settings": settings, "elements": []}


IMG = '<img src="https://old.example/wp-content/uploads/2024/01/clinic.jpg" alt="The clinic">'
CALL = '<p><a href="tel:988" rel="noopener noreferrer">Call</a></p>'


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("[et_pb_text]<p>Words</p>[/et_pb_text]", "<p>Words</p>"),
        (
            '[et_pb_image src="https://old.example/wp-content/uploads/2024/01/clinic.jpg" '
            'alt="The clinic" show_in_lightbox="on" url="https://elsewhere.example/"][/et_pb_image]',
            f"<figure>{IMG}</figure>",  # a lightbox is not a link
        ),
        (
            '[et_pb_button button_url="https://example.org/" button_text="Go"][/et_pb_button]',
            '<p><a href="https://example.org/" rel="noopener noreferrer">Go</a></p>',
        ),
        (
            '[et_pb_blurb title="Care" use_icon="on" font_icon="%%45%%"]<p>Text</p>[/et_pb_blurb]',
            "<h3>Care</h3>\n<p>Text</p>",  # the icon is decoration
        ),
        (
            '[et_pb_cta title="Call" header_level="h2" button_url="tel:988" '
            'button_text="988"]Now[/et_pb_cta]',
            '<h2>Call</h2>\n<p>Now</p>\n<p><a href="tel:988" rel="noopener noreferrer">988</a></p>',
        ),
        ("[et_pb_video][/et_pb_video]", ""),
        (
            '[et_pb_slider][et_pb_slide heading="Help" button_text="Call" '
            'button_link="tel:988"]Today[/et_pb_slide][/et_pb_slider]',
            f"<h3>Help</h3>\n<p>Today</p>\n{CALL}",
        ),
        (
            '[et_pb_gallery gallery_ids="42,43"][/et_pb_gallery]',
            f"<figure>{IMG}<figcaption>Our clinic</figcaption></figure>",
        ),
        (
            '[vc_custom_heading text="Costs" font_container="tag:h4|text_align:left" '
            'link="url:%2Fcosts%2F|title:Costs"]',
            '<h4><a href="/costs/" rel="noopener noreferrer">Costs</a></h4>',
        ),
        ('[vc_text_separator title="Programs"]', "<h3>Programs</h3>"),
        ('[vc_single_image source="featured_image"]', ""),
        ('[vc_gallery images="42"]', f"<figure>{IMG}<figcaption>Our clinic</figcaption></figure>"),
        (
            '[vc_cta_button call_text="Ready?" title="Call" href="tel:988"]',
            '<p>Ready?</p>\n<p><a href="tel:988" rel="noopener noreferrer">Call</a></p>',
        ),
        (
            '[vc_btn title="Go" link="#E-8_' + base64.b64encode(b"x").decode() + '"]',
            "<p>Go</p>",  # "#E-8_" values are base64; this one is no vc_link
        ),
        ('[fusion_title size="3"]<p>Small</p>[/fusion_title]', "<h3>Small</h3>"),
        (
            '[fusion_vimeo id="76979871" /]',
            '<p><a href="https://vimeo.com/76979871" rel="noopener noreferrer">https://vimeo.com/76979871</a></p>',
        ),
        (
            '[fusion_imageframe]<img src="https://old.example/wp-content/uploads/2024/01/'
            'clinic.jpg" alt="The clinic" />[/fusion_imageframe]',
            f"<figure>{IMG}</figure>",  # before Avada 5 the content was an <img>
        ),
        (
            '[fusion_testimonials][fusion_testimonial name="Ana" company="Alumna"]'
            "Thank you.[/fusion_testimonial][/fusion_testimonials]",
            "<figure>\n<blockquote>\n<p>Thank you.</p>\n</blockquote><figcaption>— Ana, Alumna"
            "</figcaption></figure>",
        ),
        (
            '[fusion_tagline_box title="Start" description="Free" button="Call" link="tel:988"]'
            "[/fusion_tagline_box]",
            f"<h3>Start</h3>\n<p>Free</p>\n{CALL}",
        ),
    ],
)
def test_each_element_becomes_plain_html(markup, expected):
    assert convert(markup)[0] == expected


@pytest.mark.parametrize(
    ("widgets", "expected"),
    [
        (
            [
                widget(
                    "heading", title="Help <em>now</em>", header_size="h3", link={"url": "/help/"}
                )
            ],
            '<h3><a href="/help/" rel="noopener noreferrer">Help <em>now</em></a></h3>',
        ),
        (
            [widget("image", image={"id": 42, "url": ""}, caption_source="custom", caption="Ours")],
            f"<figure>{IMG}<figcaption>Ours</figcaption></figure>",
        ),
        (
            [
                widget(
                    "video",
                    video_type="hosted",
                    insert_url="yes",
                    external_url={"url": "https://v.example/a.mp4"},
                )
            ],
            '<p><a href="https://v.example/a.mp4" rel="noopener noreferrer">https://v.example/a.mp4</a></p>',
        ),
        (
            [
                widget("video", video_type="vimeo", vimeo_link="https://vimeo.com/1")
            ],  # Elementor 1.x
            '<p><a href="https://vimeo.com/1" rel="noopener noreferrer">https://vimeo.com/1</a></p>',
        ),
        (
            [widget("html", html="<p>Raw</p><script>x()</script>")],
            "<p>Raw</p>",
        ),
        (
            [
                widget(
                    "shortcode",
                    shortcode='[caption caption="Cap"]<img src="https://x.example/a.jpg">[/caption]',
                )
            ],
            '<figure><img src="https://x.example/a.jpg"><figcaption>Cap</figcaption></figure>',
        ),
        (
            [
                widget(
                    "testimonial",
                    testimonial_content="Kind staff.",
                    testimonial_name="Lee",
                    testimonial_job="Parent",
                )
            ],
            "<figure>\n<blockquote>\n<p>Kind staff.</p>\n</blockquote><figcaption>— Lee, Parent"
            "</figcaption></figure>",
        ),
        (
            [
                {
                    "elType": "widget",
                    "widgetType": "nested-accordion",
                    "settings": {"items": [{"item_title": "Why?"}, {"item_title": "How?"}]},
                    "elements": [
                        {
                            "elType": "container",
                            "elements": [widget("text-editor", editor="Because.")],
                        },
                        {
                            "elType": "container",
                            "elements": [widget("text-editor", editor="Slowly.")],
                        },
                    ],
                }
            ],
            "<h3>Why?</h3>\n<p>Because.</p>\n<h3>How?</h3>\n<p>Slowly.</p>",
        ),
        (
            [widget("image-box", title_text="Family", description_text="Every week.")],
            "<h3>Family</h3>\n<p>Every week.</p>",
        ),
        ([widget("global", templateID=12)], ""),
    ],
)
def test_each_elementor_widget_becomes_plain_html(widgets, expected):
    assert convert("<p>the rendered copy</p>", elementor(*widgets))[0] == expected


def test_unknown_shortcodes_keep_todays_behaviour_beside_builders():
    html, stats = convert(
        '[vc_column_text]Hi[/vc_column_text]\n\n[contact-form-7 id="4"]Form[/contact-form-7]'
    )

    assert html == "<p>Hi</p>\n<p>Form</p>"
    assert stats.shortcodes_removed == {"contact-form-7": 1}
    assert stats.builder_converted == {("WPBakery", "column_text"): 1}


def test_an_unknown_builder_element_keeps_its_text_and_is_reported():
    html, stats = convert(
        '[et_pb_pricing_table title="Plan"]<p>$0 with insurance</p>[/et_pb_pricing_table]'
    )

    assert html == "<p>$0 with insurance</p>"
    assert stats.builder_dropped == {
        ("Divi", "et_pb_pricing_table", "not supported: its text is kept"): 1
    }


def test_an_unknown_elementor_widget_keeps_its_words():
    html, stats = convert(
        "", elementor(widget("call-to-action", title="Ready?", description="We answer."))
    )

    assert html == "<p>Ready?</p>\n<p>We answer.</p>"
    assert (
        "Elementor",
        "call-to-action",
        "not supported: its text is kept",
    ) in stats.builder_dropped


# Hostile input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
    ],
)
def test_buttons_with_dangerous_links_are_refused_and_reported(url):
    html, stats = convert(f'[et_pb_button button_url="{url}" button_text="Click"][/et_pb_button]')

    assert html == "<p>Click</p>"
    ((builder, element, reason),) = stats.builder_dropped
    assert (builder, element) == ("Divi", "et_pb_button") and reason.startswith("a link refused")


def test_enormous_attribute_values_are_refused_and_the_text_kept():
    huge = "A" * (MAX_ATTRIBUTES_CHARS + 10)
    html, stats = convert(
        f'[et_pb_button button_url="https://x.example/" button_text="{huge}"][/et_pb_button]'
        f'[vc_column_text css="{huge}"]Still here.[/vc_column_text]'
    )

    assert html == "<p>Still here.</p>"
    assert "AAAA" not in html
    reason = "attributes over 65,536 characters: its text is kept"
    assert stats.builder_dropped == {
        ("Divi", "et_pb_button", reason): 1,
        ("WPBakery", "vc_column_text", reason): 1,
    }


def test_malformed_tags_stay_text_and_their_neighbours_convert():
    """Unbalanced quotes and brackets inside values: WordPress ends a tag at its
    first "]" and shows the rest as text; so do we, and nothing of it is markup."""
    html, stats = convert(
        '[et_pb_text title="unclosed]<p>One</p>[/et_pb_text]'
        '[vc_btn title="Go [now]" link="url:%2Fa%2F"]'
        "[et_pb_toggle title='x\"]<p>Three</p>[/et_pb_toggle]"
        '[fusion_button link="/b/" title="<b"]Four[/fusion_button]'
    )

    assert html == (
        "<p>One</p>\n"
        '<p>[vc_btn title="Go [now]" link="url:%2Fa%2F"]</p>\n'
        "<p>Three</p>\n"  # the toggle's title never closed: no title
        '<p><a href="/b/" rel="noopener noreferrer">Four</a></p>'
    )
    assert html == sanitize_html(html)
    assert ("Divi", "text") in stats.builder_converted


def test_raw_html_that_is_not_base64_is_dropped_with_a_reason():
    html, stats = convert("[vc_raw_html]%%% not base64 %%%[/vc_raw_html]<p>After</p>")

    assert html == "<p>After</p>"
    assert stats.builder_dropped == {
        ("WPBakery", "vc_raw_html", "raw HTML that could not be decoded"): 1
    }


def test_decoded_raw_html_goes_through_the_one_sanitizer():
    payload = (
        '<p>ok</p><img src=x onerror=alert(1)><a href="javascript:alert(2)">x</a>'
        "<svg onload=alert(3)>"
    )
    encoded = base64.b64encode(quote(payload).encode()).decode()

    html, _ = convert(f"[vc_raw_html]{encoded}[/vc_raw_html]")

    assert html == "<p>ok</p>\n<p>x</p>"
    assert html == sanitize_html(html)  # nothing the sanitizer would still change


@pytest.mark.parametrize(
    "data",
    [
        "[" * 100_000,  # nesting past the JSON parser's recursion limit
        '{"elType": "section"}',  # not a list
        '"' + "x" * 1000,  # not JSON
        json.dumps(json.dumps({"elType": "section"})),  # JSON inside JSON, still not a list
    ],
    ids=["deep", "object", "broken", "twice"],
)
def test_unreadable_elementor_data_falls_back_to_the_rendered_copy(data):
    meta = {"_elementor_edit_mode": "builder", "_elementor_data": data}

    html, stats = convert("<p>Rendered copy.</p>", meta)

    assert html == "<p>Rendered copy.</p>"
    assert list(stats.builder_dropped) == [
        ("Elementor", "_elementor_data", elementor_module.UNREADABLE)
    ]


def test_elementor_data_encoded_twice_is_read():
    meta = elementor(widget("text-editor", editor="Once more."))
    meta["_elementor_data"] = json.dumps(meta["_elementor_data"])

    assert convert("<p>copy</p>", meta)[0] == "<p>Once more.</p>"


def test_elementor_elements_of_the_wrong_shape_are_skipped():
    data = [
        "not an element",
        {"elType": "widget", "widgetType": "heading", "settings": "not settings"},
        {"elType": "widget", "widgetType": "text-editor", "settings": {"editor": ["a list"]}},
        {"elType": "column", "elements": "not a list"},
        {"elType": "widget", "widgetType": "text-editor", "settings": {"editor": "Kept."}},
    ]
    meta = {"_elementor_edit_mode": "builder", "_elementor_data": json.dumps(data)}

    assert convert("<p>copy</p>", meta)[0] == "<p>Kept.</p>"


def test_elementor_structures_nested_too_deep_are_cut_and_reported():
    item = widget("text-editor", editor="Deep.")
    for _ in range(40):
        item = {"elType": "container", "elements": [item]}
    meta = {"_elementor_edit_mode": "builder", "_elementor_data": json.dumps([item])}

    html, stats = convert("<p>copy</p>", meta)

    assert "Deep." not in html
    assert stats.builder_dropped == {("Elementor", "container", "nested too deep"): 1}
