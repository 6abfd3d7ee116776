"""Bad requests get a clear answer in the site's layout, never a 500."""

import logging
import re

import pytest
from django.core import mail

from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

READ_ONLY_PATHS = [
    "/",
    "/articles/",
    "/articles/category/c/",
    "/articles/a/",
    "/search/?q=x",
    "/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
    "/call-back/thanks/",
]


@pytest.fixture(autouse=True)
def content():
    ArticleFactory(slug="a", category=CategoryFactory(slug="c"))


@pytest.mark.parametrize("path", READ_ONLY_PATHS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_methods_that_change_things_are_405_on_read_only_pages(client, path, method):
    response = getattr(client, method)(path)
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    if path not in ("/robots.txt", "/healthz", "/feed/", "/sitemap.xml"):
        assert "That cannot be done on this page" in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/articles/a/", "/call-back/", "/no-such-page/"])
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:8000@evil", "a b", "x" * 300])
def test_bad_host_headers_get_the_400_page(client, path, host):
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 400
    assert "We could not read what was sent" in response.content.decode()
    assert host not in response.content.decode()


def test_oversized_form_bodies_get_the_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = client.post("/call-back/", {"name": "x" * 20_000, "phone": "6195550100"})
    assert response.status_code in (400, 413)
    assert "We could not read what was sent" in response.content.decode()


def test_too_many_fields_get_the_400_page(client):
    response = client.post("/call-back/", {f"f{i}": "x" for i in range(2000)})
    assert response.status_code == 400


def test_no_personal_data_in_logs_mail_subjects_urls_or_titles(
    client, settings, caplog, django_capture_on_commit_callbacks, task_worker
):
    settings.CALLBACK_MIN_SECONDS = 0
    settings.CALLBACK_NOTIFY_EMAILS = ["intake@example.org"]
    settings.CALLBACK_EMAIL_INCLUDE_CONTACT = False
    name, phone, message = "Zebulon Quartermaine", "(619) 555-0142", "relapsed on oxycodone"
    caplog.set_level(logging.DEBUG)
    form = client.get("/call-back/").content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    data = {
        **fields,
        "name": name,
        "phone": phone,
        "best_time": "asap",
        "message": message,
        "consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/call-back/", data, follow=True)
    assert response.redirect_chain[-1][0] == "/call-back/thanks/"
    thanks = response.content.decode()
    # A second, invalid submission is logged as an error case too.
    client.post("/call-back/", {**data, "phone": "not a phone"})
    task_worker()  # the staff email, and the worker's own log lines

    for secret in (name, "Zebulon", "555-0142", "5550142", message, "oxycodone"):
        assert secret not in caplog.text, secret
        for email in mail.outbox:
            assert secret not in email.subject, secret
            assert secret not in email.body, secret
        for url, _status in response.redirect_chain:
            assert secret not in url
        assert secret not in re.search(r"<title>(.*?)</title>", thanks, re.S).group(1)
    assert len(mail.outbox) == 1


# Staff are not attackers, but a mistyped or pasted admin address is bad input too.
ADMIN_ADDRESSES = [
    "abc/change/",
    "abc/delete/",
    "abc/history/",
    "1/history/abc/",
    "abc/history/1/",
    "999999/history/999999/",
]
ADMIN_QUERIES = ["q=%00", "q=a%00b", "p=abc", "o=zz", "status=zz", "trash=abc", "page=-1"]


def admin_models():
    from django.contrib import admin

    return sorted(
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    )


@pytest.mark.parametrize("list_url", admin_models())
def test_no_admin_address_or_query_causes_a_server_error(admin_user, list_url):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    for address in ADMIN_ADDRESSES:
        for method in (client.get, client.post):
            response = method(f"{list_url}{address}")
            assert response.status_code < 500, (method.__name__, address)
    for query in ADMIN_QUERIES:
        assert client.get(f"{list_url}?{query}").status_code < 500, query


@pytest.mark.parametrize("model", ["articles/article", "pages/page"])
def test_a_restore_address_without_an_id_is_not_found(admin_client, model):
    assert admin_client.post(f"/admin/{model}/abc/restore/").status_code == 404
    assert admin_client.get(f"/admin/{model}/abc/history/").status_code == 404
    assert admin_client.get(f"/admin/{model}/1/history/abc/").status_code == 404


def admin_form_urls(list_url):
    """The add form, and the change form of the first object when there is one."""
    from django.contrib import admin

    (model,) = [m for m in admin.site._registry if list_url.endswith(f"/{m._meta.model_name}/")]
    first = model._default_manager.order_by("pk").first()
    return [f"{list_url}add/"] + ([f"{list_url}{first.pk}/change/"] if first else [])


@pytest.mark.parametrize("list_url", admin_models())
def test_no_admin_form_field_sent_as_text_causes_a_server_error(
    admin_user, list_url, settings, tmp_path
):
    """Each field of each admin form, sent back as text that is not an id, a number or
    a date: the form answers with its error."""
    from django.test import Client

    from tests.admin_forms import form_data
    from tests.factories import CallbackRequestFactory, PageFactory, PersonFactory

    settings.MEDIA_ROOT = tmp_path
    PageFactory(), PersonFactory(), CallbackRequestFactory()
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    for url in admin_form_urls(list_url):
        form = client.get(url)
        if form.status_code != 200 or "adminform" not in (form.context or {}):
            continue  # not a form this admin offers (a list-only or read-only model)
        data = form_data(form)
        for name in data:
            response = client.post(url, {**data, name: "abc"})
            assert response.status_code < 500, (url, name)


def test_an_article_sent_back_with_a_category_that_is_not_an_id_shows_the_field_error(
    admin_client,
):
    from tests.admin_forms import form_data

    article = ArticleFactory()
    url = f"/admin/articles/article/{article.pk}/change/"
    for name in ("category", "author_profile", "reviewer"):
        response = admin_client.post(url, {**form_data(admin_client.get(url)), name: "abc"})
        assert response.status_code == 200
        assert "Select a valid choice" in str(response.context["adminform"].form.errors[name])
