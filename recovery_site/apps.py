from django.apps import AppConfig, apps
from django.contrib.admin.apps import AdminConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class SiteConfig(AppConfig):
    name = "recovery_site"
    verbose_name = "Site"

    def ready(self):
        from articles.models import Category, Source
        from branding.models import SiteIdentity
        from contacts.signals import contact_settings_changed
        from media_library.models import MediaImage
        from pages.models import Menu, MenuLink
        from people.models import Person
        from publishing.models import publishable_models
        from recovery_site.page_cache import bump_content_version

        # Anything a cached page shows changed: drop every cached page.
        for model in (
            *publishable_models(),
            *(Category, Source, SiteIdentity, Menu, MenuLink, Person, MediaImage),
        ):
            post_save.connect(
                bump_content_version, sender=model, dispatch_uid=f"page-cache-{model}"
            )
            post_delete.connect(
                bump_content_version, sender=model, dispatch_uid=f"page-cache-del-{model}"
            )
        contact_settings_changed.connect(bump_content_version, dispatch_uid="page-cache-contact")
        connect_stored_pages()
        # After django.contrib.sites has created its default record (this app has no
        # models, so it gets no post_migrate of its own).
        post_migrate.connect(
            sync_site_record, sender=apps.get_app_config("sites"), dispatch_uid="sync-site-record"
        )


def connect_stored_pages():
    """What makes stored pages (publishing.stored_pages) out of date."""
    from django.db.models import Q

    from articles.models import Article, Category, Source
    from branding.models import SiteIdentity
    from contacts.signals import contact_settings_changed
    from media_library.models import MediaImage, references
    from pages.models import Menu, MenuLink, Page
    from people.models import Person
    from publishing import stored_pages
    from search.models import SynonymSet

    def connect(receiver, model, name):
        for signal in (post_save, post_delete):
            signal.connect(
                receiver, sender=model, weak=False, dispatch_uid=f"stored-{name}-{signal}-{model}"
            )

    # What every page shows around its content.
    for model in (SiteIdentity, Menu, MenuLink, Page, Category):
        connect(stored_pages.bump_layout, model, "layout")
    contact_settings_changed.connect(stored_pages.bump_layout, dispatch_uid="stored-contact")
    # What lists of articles (related and recent posts) and search results show.
    for model in (Article, Category, SynonymSet):
        connect(stored_pages.bump_content, model, "content")

    # What shows on one article's page only.
    def sources_changed(instance, **kwargs):
        stored_pages.forget(Article, [instance.article_id])

    def person_changed(instance, **kwargs):
        credited = Article.objects.filter(Q(author_profile=instance) | Q(reviewer=instance))
        stored_pages.forget(Article, credited.values("pk"))

    def image_changed(instance, created=False, **kwargs):
        # A new image is used nowhere; a used one cannot be deleted. What an article
        # or page shows of it (file, description, caption, credit) is in its page,
        # and a featured image in the article's cards too.
        if created:
            return
        for rel in references():
            users = rel.related_model._base_manager.filter(**{rel.field.name: instance})
            stored_pages.forget(rel.related_model, users.values("pk"))
        if Article._base_manager.filter(featured_image=instance).exists():
            stored_pages.bump_content()

    connect(sources_changed, Source, "source")
    connect(person_changed, Person, "person")
    post_save.connect(image_changed, sender=MediaImage, weak=False, dispatch_uid="stored-image")


def sync_site_record(using="default", **kwargs):
    """Keep the Sites record (used for links in staff email) in step with the settings,
    so nobody has to remember to edit example.com in the admin."""
    from django.conf import settings
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": settings.SITE_NAME}
    )
    Site.objects.clear_cache()


class SiteAdminConfig(AdminConfig):
    """django.contrib.admin, with our AdminSite (staff two-factor rules) as admin.site."""

    default_site = "recovery_site.admin_site.SiteAdmin"
