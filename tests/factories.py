"""factory_boy factories shared by the tests."""

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct-horse-battery-staple")


# contacts


class StaffUserFactory(UserFactory):
    is_staff = True


class CallbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contacts.CallbackRequest"

    name = factory.Sequence(lambda n: f"Visitor {n}")
    phone = factory.Sequence(lambda n: f"+1619555{n % 10000:04d}")
    best_time = "asap"
    message = ""
    consent_text_version = "2026-11-v1"
    consented_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)
    source_path = "/"
    client_hash = factory.Sequence(lambda n: f"{n:064x}")
    status = "new"
