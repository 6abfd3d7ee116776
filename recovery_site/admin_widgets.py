"""Admin widgets that answer bad form data with the form's own error, never a 500.

Django's autocomplete widget looks the value it shows up as it was sent: a form posted
back with "abc" (or any text that is not an id) for a category, an author or a
reviewer failed while the form was redrawn to show its "Select a valid choice" error.
`ValidIdsAutocompleteSelect` leaves values that cannot be ids out of that lookup; the
field itself still refuses them, with its message.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class ValidIdsAutocompleteSelect(AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        return super().optgroups(name, [v for v in value if is_valid_value(target, v)], attr)


def is_valid_value(field, value):
    """Whether `value` (text from a form or an address) is one `field` can hold."""
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


class ValidIdsAutocomplete:
    """ModelAdmin mixin: its `autocomplete_fields` use `ValidIdsAutocompleteSelect`."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = ValidIdsAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
