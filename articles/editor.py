"""The one rich-text seam: the article body field and its editor.

The body is stored as HTML and sanitized by `articles.sanitize` on every save, so
the editor is a convenience for staff, never the security boundary. Swapping the
editor means changing the base class below and `CKEDITOR_CONFIGS` in settings;
views and templates only ever see sanitized HTML.
"""

from ckeditor_uploader.fields import RichTextUploadingField


class RichTextField(RichTextUploadingField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("config_name", "articles")
        super().__init__(*args, **kwargs)
