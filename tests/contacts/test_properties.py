"""Property-based: whatever a visitor sends, never a 500 and nothing invalid stored."""

import unicodedata
from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contacts.forms import CONSENT_TEXT_VERSION, FORBIDDEN_CATEGORIES, CallbackRequestForm
from contacts.models import CallbackRequest
from contacts.phone import parse_phone
from tests.contacts.conftest import form_data

pytestmark = pytest.mark.django_db

FIELDS = [
    "name",
    "phone",
    "best_time",
    "message",
    "consent",
    "website",
    "started",
    "source_path",
    "csrfmiddlewaretoken",
]
BEST_TIMES = {choice for choice, _ in CallbackRequest.BestTime.choices}

# What an HTTP client can put in a form body: any text without lone surrogates.
texts = st.one_of(
    st.text(max_size=120),
    st.text(max_size=1200),
    st.sampled_from(["", " ", "\x00", "\u202e", "\u200b", "\r\n", "+1", "=1+1", "asap", "on"]),
    st.sampled_from([2_000, 1_100_000, 3_000_000]).map(lambda n: "a" * n),
)
values = st.one_of(texts, st.lists(texts, max_size=3))
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=30))
posts = st.one_of(
    st.dictionaries(keys, values, max_size=12),
    # Mostly valid submissions with some fields replaced: these reach the service.
    st.dictionaries(st.sampled_from(FIELDS), values, max_size=4).map(
        lambda changes: {**form_data(), **changes}
    ),
)
relaxed = hypothesis_settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_everything_stored_is_valid():
    for request in CallbackRequest.objects.all():
        assert 0 < len(request.name) <= 100
        assert request.name == request.name.strip()
        assert not any(unicodedata.category(c) in FORBIDDEN_CATEGORIES for c in request.name)
        assert parse_phone(request.phone) == request.phone
        assert request.best_time in BEST_TIMES
        assert len(request.message) <= 1000
        assert not any(
            unicodedata.category(c) in FORBIDDEN_CATEGORIES and c not in "\n\t"
            for c in request.message
        )
        assert request.consent_text_version == CONSENT_TEXT_VERSION
        assert request.source_path == "" or request.source_path.startswith("/")
        assert request.status == CallbackRequest.Status.NEW


@relaxed
@given(data=posts)
def test_any_form_post_is_answered_without_a_server_error(settings, data):
    settings.CALLBACK_RATE_LIMIT = 10_000
    response = Client().post("/call-back/", data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code < 500
    assert_everything_stored_is_valid()


@relaxed
@given(body=st.binary(max_size=3000))
def test_any_raw_body_is_answered_without_a_server_error(body):
    response = Client().post("/call-back/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    assert_everything_stored_is_valid()


@relaxed
@given(query=st.dictionaries(keys, texts.filter(lambda t: len(t) < 5000), max_size=5))
def test_any_query_string_on_the_pages_is_fine(query):
    for path in ("/call-back/", "/call-back/thanks/"):
        assert Client().get(path + "?" + urlencode(query)).status_code < 500


# At the form level, even lone surrogates (which no HTTP body can carry) are refused.
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=150)


@relaxed
@given(name=any_text, phone=any_text, best_time=any_text, message=any_text, source=any_text)
def test_the_form_never_raises_and_only_cleans_to_valid_values(
    name, phone, best_time, message, source
):
    form = CallbackRequestForm(
        data={
            "name": name,
            "phone": phone,
            "best_time": best_time,
            "message": message,
            "consent": "on",
            "source_path": source,
        }
    )
    if form.is_valid():
        data = form.cleaned_data
        assert 0 < len(data["name"]) <= 100
        assert not any(unicodedata.category(c) in FORBIDDEN_CATEGORIES for c in data["name"])
        assert parse_phone(data["phone"]) == data["phone"]
        assert data["best_time"] in BEST_TIMES
        assert len(data["message"]) <= 1000
        assert data["source_path"] == "" or data["source_path"].startswith("/")
