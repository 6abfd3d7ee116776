"""Work done outside the visitor's request, by the task worker (`manage.py db_worker`).

Tasks are queued in the project's own database (django-tasks with django-tasks-db), in
the same transaction as the row they are about: a request that is stored always has its
notification queued, and one that is rolled back never does. When Django's own
`django.tasks` is available, only the import below changes.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from contacts.notifications import callback_request_notify, is_pending, notifications_configured

# After a failed send, the worker tries again this much later; after the last one, the
# cron job (`send_pending_notifications`) keeps trying every minute.
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10))


@task()
def notify_staff(callback_request_id, attempt=1):
    """Email staff about a new call-back request (at least once; see contacts.notifications)."""
    if callback_request_notify(callback_request_id):
        return "sent"
    retry = notifications_configured() and attempt <= len(RETRY_DELAYS)
    if retry and is_pending(callback_request_id):
        notify_staff.using(run_after=timezone.now() + RETRY_DELAYS[attempt - 1]).enqueue(
            callback_request_id, attempt + 1
        )
        return "retry queued"
    return "not sent"
