"""The staff groups: Editors work the articles, Intake works the call-back requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

INTAKE_PERMISSIONS = [
    ("contacts", "view_callbackrequest"),
    ("contacts", "change_callbackrequest"),
    ("contacts", "view_callbackrequestevent"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations have run; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="articles"))

    intake, _ = Group.objects.get_or_create(name="Intake")
    for app_label, codename in INTAKE_PERMISSIONS:
        intake.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
