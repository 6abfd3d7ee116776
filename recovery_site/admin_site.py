"""The admin site (installed as admin.site by recovery_site.apps.SiteAdminConfig).

Django's AdminSite with the staff sign-in rules of recovery_site.two_factor: the
sign-in form asks for an authenticator code from staff who have an app, an
unverified session of such staff counts as signed out, and staff who must have an
app but have none are sent to set one up before any other admin page.

Admin pages answer only when the browser opens them as a page, or as a fetch or
script of the admin's own: a page that makes a staff member's browser load an
admin address as an image (an article's <img>, an image elsewhere that redirects
here) gets a 403 before any view runs, so it records nothing in the access log.
"""

from functools import update_wrapper
from urllib.parse import urlsplit, urlunsplit

from django.contrib import admin
from django.contrib.contenttypes import views as contenttype_views
from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from branding.models import get_site_identity
from recovery_site import two_factor

# Sec-Fetch-Dest values (Fetch Metadata) the admin answers: navigations, its own
# fetch/XHR calls and its jsi18n script. Browsers too old to send the header are let
# through; every browser released since 2023 sends it.
ADMIN_FETCH_DESTINATIONS = {"document", "empty", "script"}


class SiteAdmin(admin.AdminSite):
    login_form = two_factor.StaffAuthenticationForm
    login_template = "admin/login_two_factor.html"
    index_title = "Articles, pages and call-back requests"

    def each_context(self, request):
        context = super().each_context(request)
        name = get_site_identity(request).name
        context.update(site_header=f"{name} administration", site_title=f"{name} admin")
        return context

    def has_permission(self, request):
        return super().has_permission(request) and two_factor.status(request.user) in (
            two_factor.Status.VERIFIED,
            two_factor.Status.NOT_REQUIRED,
        )

    def _needs_setup(self, request):
        user = request.user
        return (
            user.is_active
            and user.is_staff
            and two_factor.status(user) is two_factor.Status.SETUP_NEEDED
        )

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        def inner(request, *args, **kwargs):
            destination = request.headers.get("Sec-Fetch-Dest", "document")
            if destination not in ADMIN_FETCH_DESTINATIONS:
                return HttpResponseForbidden("Admin pages open only as pages.")
            if self._needs_setup(request) and request.path != reverse(
                "admin:logout", current_app=self.name
            ):
                return redirect("admin:two-factor", permanent=False)
            return checked(request, *args, **kwargs)

        return update_wrapper(inner, checked)

    def login(self, request, extra_context=None):
        if request.method == "GET" and self._needs_setup(request):
            return redirect("admin:two-factor")
        return super().login(request, extra_context)

    def get_urls(self):
        setup = never_cache(csrf_protect(self.two_factor_view))
        urls = [u for u in super().get_urls() if getattr(u, "name", None) != "view_on_site"]
        return [
            path("two-factor/", setup, name="two-factor"),
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def view_on_site(self, request, content_type_id, object_id):
        """Django's "View on site" redirect, for staff who may see that kind of object,
        to the object's address on the host the request came to.

        Django's own answers any staff member with the object's address, so Intake
        could learn a draft article's address (its title) by guessing ids.
        """
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist:
            raise Http404 from None
        opts = model._meta if model is not None else None
        if opts is None or not any(
            request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
            for action in ("view", "change")
        ):
            raise Http404
        response = contenttype_views.shortcut(request, content_type_id, object_id)
        # Django names the Sites record's domain; staff stay on the host they are using
        # (under `make run PORT=...`, a LAN address, a staging name).
        location = urlsplit(response["Location"])
        if location.netloc == get_current_site(request).domain:
            response["Location"] = urlunsplit(("", "", *location[2:]))
        return response

    def two_factor_view(self, request):
        return two_factor.setup_view(request, self)
