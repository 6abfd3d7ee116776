from django.apps import AppConfig
from django.utils.autoreload import file_changed


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Publishing"

    def ready(self):
        file_changed.connect(forget_markup_fingerprint, dispatch_uid="stored-pages-file-changed")


def forget_markup_fingerprint(sender, file_path, **kwargs):
    """Under runserver a template edit reloads the templates without restarting the
    process: the stored and kept pages rendered from the old ones must not be served."""
    from publishing import stored_pages

    stored_pages.markup_fingerprint.cache_clear()
