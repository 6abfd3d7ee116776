"""The data migration from the shared notes box to notes, and into the call queue."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# serialized_rollback: the tests after this one find the migrated groups again.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

BEFORE = [("contacts", "0007_callback_notes_call_attempts")]
AFTER = [("contacts", "0009_remove_notes_box")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_apps():
    apps = migrate(BEFORE)
    yield apps
    migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def make_request(apps, **fields):
    now = timezone.now()
    return apps.get_model("contacts", "CallbackRequest").objects.create(
        name="Sam",
        phone="+16195550142",
        consent_text_version="v1",
        consented_at=now,
        client_hash="a" * 64,
        **fields,
    )


def test_each_notes_box_becomes_one_earlier_note_and_waiting_requests_join_the_queue(old_apps):
    received = timezone.now() - datetime.timedelta(days=2)
    written = received + datetime.timedelta(hours=1)
    boxed = make_request(
        old_apps,
        staff_notes="Voicemail Monday.\nCalled back Tuesday.",
        status="attempted",
        created_at=received,
        last_asked_at=received,
    )
    old_apps.get_model("contacts", "CallbackRequestEvent").objects.create(
        request=boxed,
        kind="changed",
        field="staff_notes",
        new_value="Voicemail Monday.",
        created_at=written,
    )
    empty = make_request(old_apps, staff_notes="", created_at=received, last_asked_at=received)
    closed = make_request(old_apps, status="closed", created_at=received, last_asked_at=received)

    new_apps = migrate(AFTER)
    Note = new_apps.get_model("contacts", "CallbackNote")
    (note,) = Note.objects.all()
    assert (note.request_id, note.text, note.earlier, note.author_id) == (
        boxed.pk,
        "Voicemail Monday.\nCalled back Tuesday.",
        True,
        None,
    )
    assert note.created_at == written  # when the box was last changed
    Event = new_apps.get_model("contacts", "CallbackRequestEvent")
    assert Event.objects.get(kind="note").note_id == note.pk

    Request = new_apps.get_model("contacts", "CallbackRequest")
    due = dict(Request.objects.values_list("pk", "next_call_at"))
    assert due == {boxed.pk: received, empty.pk: received, closed.pk: None}
