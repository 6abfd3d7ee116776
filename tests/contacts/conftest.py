import time

import pytest
from django.contrib.auth.models import Group
from django.contrib.sites.models import Site

from contacts.forms import sign_started
from tests.factories import StaffUserFactory


@pytest.fixture(autouse=True)
def _callback_settings(settings):
    settings.CALLBACK_NOTIFY_EMAILS = ["intake@example.org"]
    settings.CALLBACK_EMAIL_INCLUDE_CONTACT = False
    settings.CALLBACK_MIN_SECONDS = 3
    settings.CALLBACK_RATE_LIMIT = 5
    settings.TRUSTED_PROXIES = 0


@pytest.fixture
def site_domain(db, settings):
    settings.SITE_DOMAIN = "recovery.example.org"
    Site.objects.filter(pk=1).update(domain="recovery.example.org", name="Recovery Site")
    Site.objects.clear_cache()
    yield "recovery.example.org"
    Site.objects.clear_cache()


def form_data(**overrides):
    """What a person's browser sends: a form served ten seconds ago, filled in."""
    data = {
        "name": "Sam",
        "phone": "(619) 555-0142",
        "best_time": "morning",
        "message": "",
        "consent": "on",
        "website": "",
        "started": sign_started(time.time() - 10),
        "source_path": "/articles/klonopin/",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def intake_user(db):
    user = StaffUserFactory(username="intake-ina")
    user.groups.add(Group.objects.get(name="Intake"))
    return user


@pytest.fixture
def intake_client(client, intake_user):
    client.force_login(intake_user)
    return client
