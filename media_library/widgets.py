"""The featured and social image chooser: the chosen image's thumbnail and
description, "Choose from the library" (the library's grid of thumbnails in the
admin's lookup window, as the raw-id lookup does) and "Remove"."""

from django.contrib.admin.widgets import ForeignKeyRawIdWidget

from media_library.models import MediaImage


class ImageChooserWidget(ForeignKeyRawIdWidget):
    template_name = "media_library/widgets/image_chooser.html"

    class Media:
        css = {"all": ["media_library/admin/chooser.css"]}
        js = ["media_library/admin/chooser.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = str(context["widget"]["value"] or "")
        context["image"] = (
            MediaImage.objects.using(self.db).filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        return context
