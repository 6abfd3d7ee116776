"""Staff-only views outside the admin apply the admin's own sign-in rule.

The admin sends some signed-in sessions back to its sign-in page: one that never
gave the code of an authenticator app its owner has since set up, or, with
DJANGO_REQUIRE_2FA, one whose owner must set an app up first. Such a session is
not signed in as staff anywhere else either: previewing a draft or uploading an
image needs what the admin needs (`SiteAdmin.has_permission`), plus the permission.

- `staff_may(request, "app.codename")`: for a view that also serves the public
  (a draft's preview inside the public article view).
- `@staff_required("app.codename")`: for a view only staff use; on a class-based
  view, `method_decorator(staff_required(...), name="dispatch")`.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse


def signed_in_staff(request):
    """True when the admin would let this session in (two-factor rule included)."""
    return admin.site.has_permission(request)


def staff_may(request, permission):
    return signed_in_staff(request) and request.user.has_perm(permission)


def staff_required(permission):
    """Only signed-in staff with `permission`. Others are sent to the admin's sign-in
    (a page they open) or refused with 403 (anything else, e.g. an upload)."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if staff_may(request, permission):
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and not signed_in_staff(request):
                return redirect_to_login(request.get_full_path(), reverse("admin:login"))
            raise PermissionDenied

        return guarded

    return decorator
