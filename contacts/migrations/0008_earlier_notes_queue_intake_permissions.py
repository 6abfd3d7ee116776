"""The shared notes box becomes one earlier note per request, waiting requests join
the call queue, and Intake may add notes and call attempts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import F

INTAKE_PERMISSIONS = [
    ("contacts", "view_callbacknote"),
    ("contacts", "add_callbacknote"),
    ("contacts", "view_callattempt"),
    ("contacts", "add_callattempt"),
]


def earlier_notes(apps, schema_editor):
    """Each non-empty notes box becomes one note, dated when the box was last changed
    (its author is not known: several people may have written in it)."""
    CallbackRequest = apps.get_model("contacts", "CallbackRequest")
    CallbackNote = apps.get_model("contacts", "CallbackNote")
    CallbackRequestEvent = apps.get_model("contacts", "CallbackRequestEvent")
    with_notes = CallbackRequest.objects.exclude(staff_notes="").only(
        "pk", "staff_notes", "updated_at"
    )
    for callback_request in with_notes.iterator(chunk_size=500):
        last_change = (
            CallbackRequestEvent.objects.filter(
                request_id=callback_request.pk, kind="changed", field="staff_notes"
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        written = last_change or callback_request.updated_at
        note = CallbackNote.objects.create(
            request_id=callback_request.pk,
            text=callback_request.staff_notes.strip(),
            earlier=True,
            created_at=written,
        )
        CallbackRequestEvent.objects.create(
            request_id=callback_request.pk, kind="note", note=note, created_at=written
        )


def notes_box_again(apps, schema_editor):
    CallbackNote = apps.get_model("contacts", "CallbackNote")
    CallbackRequest = apps.get_model("contacts", "CallbackRequest")
    texts = {}
    for note in CallbackNote.objects.order_by("created_at", "pk"):
        texts.setdefault(note.request_id, []).append(note.text)
    for pk, parts in texts.items():
        CallbackRequest.objects.filter(pk=pk).update(staff_notes="\n\n".join(parts))
    CallbackNote.objects.all().delete()


def queue_waiting_requests(apps, schema_editor):
    """New requests are due since they arrived; attempted ones since they last asked."""
    CallbackRequest = apps.get_model("contacts", "CallbackRequest")
    CallbackRequest.objects.filter(status="new").update(next_call_at=F("created_at"))
    CallbackRequest.objects.filter(status="attempted").update(next_call_at=F("last_asked_at"))


def intake_adds_notes_and_attempts(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    intake, _ = Group.objects.get_or_create(name="Intake")
    for app_label, codename in INTAKE_PERMISSIONS:
        intake.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_callback_notes_call_attempts"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(earlier_notes, notes_box_again),
        migrations.RunPython(queue_waiting_requests, migrations.RunPython.noop),
        migrations.RunPython(intake_adds_notes_and_attempts, migrations.RunPython.noop),
    ]
