import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from contacts.forms import CONSENT_TEXT_VERSION, STARTED_MAX_AGE, CallbackRequestForm
from contacts.services import (
    RateLimited,
    callback_request_create,
    client_hash,
    network_rate_limited,
    spam_trap_caught,
)
from recovery_site.http import client_address

logger = logging.getLogger(__name__)


def _see_thanks():
    """303 See Other: the browser fetches the thanks page with GET (post/redirect/get)."""
    response = HttpResponseRedirect(reverse("contacts:thanks"))
    response.status_code = 303
    return response


def _no_index(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@method_decorator(never_cache, name="dispatch")
class CallbackRequestView(FormView):
    """The call-back form. Never cached: it carries a CSRF token and a signed timestamp."""

    template_name = "contacts/callback_form.html"
    form_class = CallbackRequestForm
    http_method_names = ["get", "head", "post", "options"]

    def get_initial(self):
        try:
            referer = urlsplit(self.request.headers.get("Referer", ""))
        except ValueError:  # e.g. a malformed IPv6 host
            return {}
        if referer.netloc == self.request.get_host() and referer.path != self.request.path:
            return {"source_path": referer.path}
        return {}

    def render_to_response(self, context, **response_kwargs):
        return _no_index(super().render_to_response(context, **response_kwargs))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.honeypot_filled:
            # The only submission ever discarded: people never see the field. Caught bots
            # see what people see, and learn nothing.
            logger.info("Call-back form: submission caught by the honeypot")
            spam_trap_caught()
            return _see_thanks()
        if not form.is_valid():
            return self.form_invalid(form)
        # None when the token is missing, forged or was sent before: it vouches for nothing.
        age = form.claim_started()
        if age is not None and age > STARTED_MAX_AGE:
            form.restart()
            return self.render_to_response(self.get_context_data(form=form, expired=True))
        # Autofill and practised hands are fast too: store it, and let intake check it.
        sent_fast = age is None or age < settings.CALLBACK_MIN_SECONDS
        return self.form_valid(form, sent_fast=sent_fast)

    def form_valid(self, form, sent_fast=False):
        data = form.cleaned_data
        address = client_address(self.request)
        try:
            if network_rate_limited(address):
                raise RateLimited
            callback_request_create(
                name=data["name"],
                phone=data["phone"],
                best_time=data["best_time"],
                message=data["message"],
                consent_text_version=CONSENT_TEXT_VERSION,
                source_path=data["source_path"],
                client_hash=client_hash(address),
                sent_fast=sent_fast,
            )
        except RateLimited:
            logger.warning("Call-back form: rate limit reached")
            return _no_index(TemplateResponse(self.request, "429.html", status=429))
        except DatabaseError as exc:
            # Keep what they typed and tell them, with the number to call instead. The
            # exception's text is not logged: database errors can quote the row.
            logger.error("Call-back form: the request could not be stored (%s)", type(exc).__name__)
            form.restart()
            context = self.get_context_data(form=form, unavailable=True)
            return self.render_to_response(context, status=503)
        return _see_thanks()

    def form_invalid(self, form):
        form.restart()
        return super().form_invalid(form)


class CallbackThanksView(TemplateView):
    template_name = "contacts/callback_thanks.html"

    def render_to_response(self, context, **response_kwargs):
        return _no_index(super().render_to_response(context, **response_kwargs))
