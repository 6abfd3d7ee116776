"""Two-factor sign-in for staff: a password, then a code from an authenticator app.

Any staff member may set up an authenticator app (TOTP, django-otp) from the admin;
from then on their sign-in asks for its code. With DJANGO_REQUIRE_2FA on, everyone
who can see call-back requests must have one: members of TWO_FACTOR_REQUIRED_GROUPS
(Intake) and superusers. Until they set it up, the admin sends them to the set-up
page and nowhere else. Editors need a code only once they have an app.
"""

import enum
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"
SETUP_TEMPLATE = "admin/two_factor_setup.html"
CODE_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8, "size": 8}
)


class Status(enum.Enum):
    VERIFIED = "verified"  # signed in with a code in this session
    NOT_REQUIRED = "not required"  # no app, and none is required
    CODE_NEEDED = "code needed"  # has an app, but this session gave no code
    SETUP_NEEDED = "setup needed"  # must have an app and has none


def two_factor_required(user):
    return settings.REQUIRE_2FA and (
        user.is_superuser
        or user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()
    )


def confirmed_devices(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True)


def status(user):
    """Where a signed-in staff member stands; remembered for the rest of the request."""
    cached = getattr(user, "_two_factor_status", None)
    if cached is None:
        if getattr(user, "is_verified", lambda: False)():
            cached = Status.VERIFIED
        elif confirmed_devices(user).exists():
            cached = Status.CODE_NEEDED
        elif two_factor_required(user):
            cached = Status.SETUP_NEEDED
        else:
            cached = Status.NOT_REQUIRED
        user._two_factor_status = cached
    return cached


def _verified_device(user, code):
    """The confirmed device that accepts `code` (spaces ignored), or None."""
    code = "".join(code.split())
    if not code:
        return None
    for device in confirmed_devices(user):
        allowed, _ = device.verify_is_allowed()
        if allowed and device.verify_token(code):
            return device
    return None


class StaffAuthenticationForm(AdminAuthenticationForm):
    """The admin sign-in: username and password, plus the app's code for staff who have one.

    A missing, wrong or throttled code is answered exactly like a wrong password, and
    counted by the lockout like one: a different answer would tell someone guessing
    that the password was right.
    """

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the correct %(username)s and password for a staff account, and "
            "the current code from your authenticator app if you have set one up. "
            "Username and password are case-sensitive."
        ),
    }

    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=12,
        widget=CODE_WIDGET,
        help_text="Only if you have set up two-factor sign-in.",
    )

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not confirmed_devices(user).exists():
            return
        device = _verified_device(user, self.cleaned_data.get("otp_token") or "")
        if device is None:
            # What django.contrib.auth.authenticate() sends for a wrong password, so
            # django-axes counts it the same way.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise self.get_invalid_login_error()
        user.otp_device = device


class DeviceConfirmForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    otp_token = forms.CharField(label="Code shown in the app", max_length=12, widget=CODE_WIDGET)

    def __init__(self, *args, request, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.device = device

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # Through authenticate(), so wrong passwords count towards the lockout.
        confirmed = authenticate(self.request, username=user.get_username(), password=password)
        if confirmed is None or confirmed.pk != user.pk:
            raise ValidationError("That is not your password.", code="wrong_password")
        return password

    def clean_otp_token(self):
        code = "".join(self.cleaned_data["otp_token"].split())
        if not self.device.verify_token(code):
            raise ValidationError(
                "That code is not right. Check the time on your phone and try the newest code.",
                code="invalid_code",
            )
        return code


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    # Generated by qrcode from our own URL: no user input reaches the markup.
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def setup_view(request, admin_site):
    """Set up an authenticator app: a new key on request, confirmed by password and code.

    Opening the page changes nothing (an image or link that makes a staff member's
    browser open it must not replace a key they are halfway through adding); the
    key is made by the form's button (a POST). It is shown only on the page that
    made it (or the same form shown again after a mistyped code); once confirmed it
    is never shown again. Staff who already have an app are told so; a superuser
    removes a lost one in the admin (Django OTP > TOTP devices).
    """
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    context = {
        **admin_site.each_context(request),
        "title": "Two-factor sign-in",
        "required": two_factor_required(user),
    }
    if not context["has_permission"]:
        # Staff who must set up an app first see no links into the admin.
        context.update(is_nav_sidebar_enabled=False, available_apps=[])
    if confirmed_devices(user).exists():
        return TemplateResponse(request, SETUP_TEMPLATE, {**context, "enabled": True})
    if request.method != "POST":
        return TemplateResponse(request, SETUP_TEMPLATE, context)

    unconfirmed = TOTPDevice.objects.filter(user=user, confirmed=False)
    if "start" in request.POST:
        unconfirmed.delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        form = DeviceConfirmForm(request=request, device=device)
    else:
        device = unconfirmed.order_by("-pk").first()
        if device is None:  # confirmed or replaced in another tab: start again
            return redirect("admin:two-factor")
        form = DeviceConfirmForm(request.POST, request=request, device=device)
        if form.is_valid():
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # A new session key for the stronger sign-in, as django.contrib.auth.login does.
            request.session.cycle_key()
            otp_login(request, device)
            messages.success(
                request, "Two-factor sign-in is on. From now on, sign in with a code from the app."
            )
            return redirect("admin:index")
    secret = b32encode(device.bin_key).decode()
    context.update(
        form=form,
        qr_svg=_qr_svg(device.config_url),
        secret=_grouped(secret),
        issuer=settings.OTP_TOTP_ISSUER,
    )
    response = TemplateResponse(request, SETUP_TEMPLATE, context)
    response["Cache-Control"] = "no-store"
    return response
