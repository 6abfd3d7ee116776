from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_delete, post_save


class SiteConfig(AppConfig):
    name = "recovery_site"
    verbose_name = "Site"

    def ready(self):
        from articles.models import Article, Category, Source
        from contacts.signals import contact_settings_changed
        from recovery_site.page_cache import bump_content_version

        # Anything a cached page shows changed: drop every cached page.
        for model in (Article, Category, Source):
            post_save.connect(
                bump_content_version, sender=model, dispatch_uid=f"page-cache-{model}"
            )
            post_delete.connect(
                bump_content_version, sender=model, dispatch_uid=f"page-cache-del-{model}"
            )
        contact_settings_changed.connect(bump_content_version, dispatch_uid="page-cache-contact")


class SiteAdminConfig(AdminConfig):
    """django.contrib.admin, with our AdminSite (staff two-factor rules) as admin.site."""

    default_site = "recovery_site.admin_site.SiteAdmin"
