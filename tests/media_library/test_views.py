"""CKEditor's side of the library: an upload is a record; "Browse Server" lists the
library under the site's strict Content Security Policy."""

import re

import pytest

from media_library.models import MediaImage
from media_library.views import BROWSE_PAGE_SIZE

from .conftest import image_upload

pytestmark = pytest.mark.django_db

BROWSE = "/editor/images/"


def test_an_editor_upload_becomes_a_library_record(editor_client, editor):
    response = editor_client.post("/editor/upload-image/", {"upload": image_upload("Scan 1.png")})
    image = MediaImage.objects.get()
    assert response.json() == {"uploaded": 1, "fileName": image.name, "url": image.url}
    assert (image.uploaded_by, image.original_filename) == (editor, "Scan 1.png")
    assert (image.width, image.height) == (64, 48)


def test_a_refused_upload_leaves_no_record(editor_client):
    fake = image_upload()
    fake.file = type(fake.file)(b"GIF89a<script>alert(1)</script>")
    response = editor_client.post("/editor/upload-image/", {"upload": fake})
    assert response.json()["uploaded"] == 0
    assert not MediaImage.objects.exists()


def test_browse_lists_images_with_their_address_and_description(editor_client, make_image):
    image = make_image(alt_text='Hills "at" dawn <b>')
    html = editor_client.get(BROWSE, {"CKEditorFuncNum": "3"}).content.decode()
    assert f'data-image-url="{image.url}"' in html
    assert 'data-image-alt="Hills &quot;at&quot; dawn &lt;b&gt;"' in html
    assert 'data-ckeditor-func-num="3"' in html


def test_browse_searches_descriptions_captions_and_file_names(editor_client, make_image):
    wanted = make_image(name="garden-view.png", alt_text="Hills", caption="Spring")
    other = make_image(name="tea.png", alt_text="A cup of tea")
    for query in ("hills", "spring", "garden"):
        html = editor_client.get(BROWSE, {"q": query}).content.decode()
        assert wanted.url in html and other.url not in html, query
    assert "No image matches" in editor_client.get(BROWSE, {"q": "zebra"}).content.decode()


def test_browse_pages_keep_the_search_and_the_editor(editor_client, make_image):
    for n in range(BROWSE_PAGE_SIZE + 1):
        make_image(alt_text=f"Hills {n}")
    html = editor_client.get(BROWSE, {"q": "hills", "CKEditorFuncNum": "7"}).content.decode()
    assert html.count("data-image-url=") == BROWSE_PAGE_SIZE
    assert "?CKEditorFuncNum=7&amp;q=hills&amp;page=2" in html
    second = editor_client.get(BROWSE, {"q": "hills", "page": 2}).content.decode()
    assert second.count("data-image-url=") == 1


@pytest.mark.parametrize("func_num", ["1);alert(1)//", "12a", "", "٣", "9" * 12])
def test_only_a_plain_callback_number_reaches_the_page(editor_client, func_num):
    html = editor_client.get(BROWSE, {"CKEditorFuncNum": func_num}).content.decode()
    assert 'data-ckeditor-func-num=""' in html
    assert "alert" not in html


def test_browse_runs_under_the_strict_policy_with_no_inline_script(editor_client, make_image):
    make_image()
    response = editor_client.get(BROWSE)
    policy = response["Content-Security-Policy"]
    directives = dict(
        part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip()
    )
    assert directives["script-src"] == "'self'" and "unsafe-inline" not in policy
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts)
    assert "<script" not in re.sub(r"<script[^>]*src=[^>]*></script>", "", html)
    assert not re.search(r"<[^>]*\son[a-z]+=", html)  # no inline event handler


def test_browse_is_never_cached(editor_client):
    assert "no-store" in editor_client.get(BROWSE)["Cache-Control"]
