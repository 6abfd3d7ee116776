"""The admin site (installed as admin.site by recovery_site.apps.SiteAdminConfig).

Django's AdminSite with the staff sign-in rules of recovery_site.two_factor: the
sign-in form asks for an authenticator code from staff who have an app, an
unverified session of such staff counts as signed out, and staff who must have an
app but have none are sent to set one up before any other admin page.
"""

from functools import update_wrapper

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from recovery_site import two_factor


class SiteAdmin(admin.AdminSite):
    login_form = two_factor.StaffAuthenticationForm
    login_template = "admin/login_two_factor.html"

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
        return [path("two-factor/", setup, name="two-factor"), *super().get_urls()]

    def two_factor_view(self, request):
        return two_factor.setup_view(request, self)
