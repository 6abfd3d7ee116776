"""Helpers for tests that post admin forms as a browser would."""

from django.db.models.fields.files import FieldFile


def form_data(response):
    """The POST data a browser would send for the admin form in `response`."""
    data = {}
    adminform = response.context["adminform"].form
    for name, field in adminform.fields.items():
        value = adminform[name].value()
        if value is None or value is False or isinstance(value, FieldFile):
            continue  # no new file: the stored one stays
        if name == "published_at":
            local = adminform[name].field.widget.decompress(value)
            data["published_at_0"], data["published_at_1"] = (
                local[0].isoformat(),
                local[1].isoformat(),
            )
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        # Leave the blank extra forms out, as an untouched browser form would.
        data[f"{formset.prefix}-TOTAL_FORMS"] = formset.initial_form_count()
        for form in formset.initial_forms:
            for name in form.fields:
                value = form[name].value()
                if value not in (None, False):
                    data[form.add_prefix(name)] = value.pk if hasattr(value, "pk") else value
    return data
