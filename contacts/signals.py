"""Signals other apps can listen to."""

import django.dispatch

# Sent (sender=ContactSettings, instance=...) after the contact settings are saved, so
# caches holding rendered pages with the phone number can be dropped. Receivers must be
# idempotent: inside a transaction it is sent right after save and again after commit.
contact_settings_changed = django.dispatch.Signal()
