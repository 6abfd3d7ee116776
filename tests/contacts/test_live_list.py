"""The live call-back list: the endpoint the open list polls, and what the list
page gives its script."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contacts import services
from contacts.models import CallbackRequestEvent
from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contacts/callbackrequest/"
LIVE = "/admin/contacts/callbackrequest/live/"


def newest_event():
    return CallbackRequestEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def ask(phone="+16195550142", name="Sam", client_hash="a" * 64):
    return services.callback_request_create(
        name=name,
        phone=phone,
        best_time="asap",
        message="",
        consent_text_version="v1",
        client_hash=client_hash,
    )[0]


def test_it_counts_requests_received_since_the_newest_entry_the_page_had(intake_client):
    ask(phone="+16195550100")
    since = newest_event()
    assert intake_client.get(LIVE, {"after": since}).json() == {"newest": since, "arrived": 0}
    ask(phone="+16195550101", name="Maria Secret", client_hash="b" * 64)
    ask(phone="+16195550102", client_hash="c" * 64)
    response = intake_client.get(LIVE, {"after": since})
    assert response.json() == {"newest": newest_event(), "arrived": 2}
    assert "Maria" not in response.content.decode()
    assert "555" not in response.content.decode()


def test_a_repeat_from_the_same_phone_counts_and_staff_work_does_not(intake_client, intake_user):
    first = ask()
    since = newest_event()
    services.callback_note_add(first, author=intake_user, text="Called")
    services.callback_request_viewed(first, actor=intake_user)
    data = intake_client.get(LIVE, {"after": since}).json()
    assert data == {"newest": newest_event(), "arrived": 0}
    ask(name="Luis", client_hash="d" * 64)  # asked again
    assert intake_client.get(LIVE, {"after": data["newest"]}).json()["arrived"] == 1


def test_it_is_never_cached(intake_client):
    response = intake_client.get(LIVE, {"after": 0})
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("after", ["", "abc", "-1", "1.5", "9" * 40, "１２"])
def test_a_bad_cursor_is_a_clear_400(intake_client, after):
    response = intake_client.get(LIVE, {"after": after})
    assert response.status_code == 400
    assert "after=" in response.json()["error"]


def test_only_staff_who_may_see_requests_get_an_answer(client):
    assert client.get(LIVE, {"after": 0}).status_code == 302  # to the sign-in page
    editor = StaffUserFactory(username="editor-eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(LIVE, {"after": 0}).status_code == 403


def test_the_endpoint_runs_the_same_few_queries_however_many_arrived(intake_client):
    intake_client.get(LIVE, {"after": 0})

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert intake_client.get(LIVE, {"after": 0}).status_code == 200
        return [query["sql"] for query in captured]

    quiet = queries()
    for _ in range(30):
        CallbackRequestEvent.objects.create(request=CallbackRequestFactory(), kind="created")
    busy = queries()
    # The session, the user, their authenticator check, their two permission reads, the count.
    assert len(busy) == len(quiet) == 6
    assert "contacts_callbackrequestevent" in busy[-1]


def test_the_list_gives_its_script_the_newest_entry_and_no_inline_script(intake_client):
    ask()
    html = intake_client.get(CHANGELIST).content.decode()
    assert f'data-newest="{newest_event()}"' in html
    assert f'data-poll-url="{LIVE}"' in html
    assert re.search(r'<script src="[^"]*contacts/admin/live_list\.js"', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # the CSP allows no inline code
