"""The header and footer menus (empty: the defaults show until an editor adds links),
and the Editors group's permissions for pages and menus."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LOCATIONS = ["header", "footer"]


def create_menus_and_permissions(apps, schema_editor):
    Menu = apps.get_model("pages", "Menu")
    for location in LOCATIONS:
        Menu.objects.get_or_create(location=location)

    # Permissions are normally created after all migrations have run; make them now.
    app_config = apps.get_app_config("pages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="pages"))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("contacts", "0002_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_menus_and_permissions, migrations.RunPython.noop)]
