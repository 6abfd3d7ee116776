"""Old article addresses answer 301 to the new ones, through contrib.redirects."""

from django.conf import settings
from django.contrib.redirects.models import Redirect


def redirect_old_path(old_path, new_path):
    """Make `old_path` redirect to `new_path`, keeping every redirect one hop long."""
    site_id = settings.SITE_ID
    # The new address is live: nothing may redirect away from it.
    Redirect.objects.filter(site_id=site_id, old_path=new_path).delete()
    # Earlier addresses that pointed at the old one now point straight at the new one.
    Redirect.objects.filter(site_id=site_id, new_path=old_path).update(new_path=new_path)
    Redirect.objects.update_or_create(
        site_id=site_id, old_path=old_path, defaults={"new_path": new_path}
    )
