import hashlib
import logging
import secrets
import time
import unicodedata
from urllib.parse import urlsplit

from django import forms
from django.core import signing
from django.core.cache import cache
from django.utils.html import format_html

from contacts.models import CallbackRequest
from contacts.phone import parse_phone

logger = logging.getLogger(__name__)

# The consent wording and its version travel together: change one, change both.
CONSENT_TEXT = "You may call or text me at this number about treatment options"
CONSENT_TEXT_VERSION = "2026-11-v1"

# Control, format (zero-width, direction overrides), surrogate and line/paragraph
# separator characters: invisible, or able to disguise what staff read.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}
INVISIBLE_MESSAGE = (
    "Please remove invisible or control characters (they can come with copy and paste)."
)

STARTED_SALT = "contacts.callback-form.started"
# A form older than this gets a friendly "please send it again" instead of going through.
STARTED_MAX_AGE = 24 * 60 * 60


def has_forbidden_characters(value, allowed=""):
    return any(
        unicodedata.category(char) in FORBIDDEN_CATEGORIES and char not in allowed for char in value
    )


def sign_started(now=None):
    """The form's time-trap token: when it was served, and a nonce that makes it one
    page load's own."""
    started = int(now if now is not None else time.time())
    return signing.Signer(salt=STARTED_SALT).sign(f"{started}.{secrets.token_urlsafe(9)}")


def started_age(token, now=None):
    """Seconds since the form was served, or None when the token is missing or forged."""
    if not isinstance(token, str) or not token:
        return None
    try:
        started = int(signing.Signer(salt=STARTED_SALT).unsign(token).split(".", 1)[0])
    except (signing.BadSignature, ValueError):
        return None
    return (now if now is not None else time.time()) - started


def claim_started(token):
    """True the first time a token is sent, False ever after (within STARTED_MAX_AGE).

    One page load is good for one submission: a token replayed for many would let a
    bot wait once and then send as fast as it likes. Claims live in the cache (shared
    by every process with REDIS_URL); if it is out of reach, the token is accepted.
    """
    key = "contacts:started-used:" + hashlib.sha256(token.encode()).hexdigest()
    try:
        return bool(cache.add(key, True, STARTED_MAX_AGE + 60))
    except Exception:  # noqa: BLE001 - a cache outage must not turn a person away
        logger.warning("Call-back form: cache unavailable, time-trap token not checked")
        return True


def clean_source_path(value):
    """The path part of a same-site address, or an empty string."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        return ""
    path = urlsplit(value).path
    if len(path) > 200 or has_forbidden_characters(path) or any(c.isspace() for c in path):
        return ""
    return path


class MultilineTextField(forms.CharField):
    """Line breaks arrive as CR LF; count and store them as one character."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CallbackRequestForm(forms.Form):
    name = forms.CharField(
        label="Your name",
        max_length=100,
        help_text="A first name is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": "Please tell us your name, so we know whom to ask for.",
            "max_length": "Please shorten the name to 100 characters or fewer.",
        },
    )
    phone = forms.CharField(
        label="Phone number",
        max_length=40,
        # The example number must not break across lines on a phone.
        help_text=format_html(
            'The number we should call, for example <span class="phone">{}</span>.', "619-555-0142"
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        error_messages={
            "required": "Please enter a phone number we can call.",
            "max_length": "That is too long for a phone number. Please check it.",
        },
    )
    best_time = forms.ChoiceField(
        label="Best time to call",
        choices=CallbackRequest.BestTime.choices,
        initial=CallbackRequest.BestTime.ASAP,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Please choose a time to call.",
            "invalid_choice": "Please choose one of the times.",
        },
    )
    message = MultilineTextField(
        label="Anything you would like us to know (optional)",
        required=False,
        max_length=1000,
        help_text="You do not need to explain anything now. Up to 1,000 characters.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Please shorten the message to 1,000 characters or fewer."},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        required=True,
        error_messages={"required": "Please tick this box so that we may call you."},
    )
    # Honeypot: hidden from people and assistive technology; bots fill it in.
    website = forms.CharField(required=False, label="Website")
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    source_path = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial.setdefault("started", sign_started())

    def clean_name(self):
        name = self.cleaned_data["name"]
        if has_forbidden_characters(name):
            raise forms.ValidationError(INVISIBLE_MESSAGE)
        return name

    def clean_phone(self):
        e164 = parse_phone(self.cleaned_data["phone"])
        if e164 is None:
            raise forms.ValidationError(
                "Please check the phone number: we could not read it as a number we can call."
            )
        return e164

    def clean_message(self):
        message = self.cleaned_data["message"]
        if has_forbidden_characters(message, allowed="\n\t"):
            raise forms.ValidationError(INVISIBLE_MESSAGE)
        return message

    def clean_source_path(self):
        return clean_source_path(self.cleaned_data["source_path"])

    @property
    def honeypot_filled(self):
        return bool(self.data.get("website"))

    @property
    def started_age(self):
        return started_age(self.data.get("started"))

    def claim_started(self):
        """The token's age, claimed for this submission; None if it is missing, forged
        or was sent before (a token already used vouches for nothing)."""
        age = self.started_age
        if age is None or not claim_started(self.data["started"]):
            return None
        return age

    def restart(self):
        """Give a bound form a fresh timestamp, for showing it again."""
        data = self.data.copy()
        data["started"] = sign_started()
        self.data = data
