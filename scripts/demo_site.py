"""A throwaway demo site for the scripts that look at the site from outside.

`make screenshots` and `make lighthouse` both build one in a temporary folder (a
SQLite database, a media folder, the demo content), serve it on a free port and
point Debian's Chromium at it.
"""

import os
import socket
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir, **extra):
    """Environment variables for a demo site living in `workdir`."""
    os.environ.pop("REDIS_URL", None)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "recovery_site.settings",
            "DATABASE_URL": f"sqlite:///{workdir}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{workdir}/media",
            "DJANGO_REQUIRE_2FA": "0",
            **extra,
        }
    )


def load_demo():
    """Migrate the empty database and load the demo content."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo_content", verbosity=0)


def wait_for(url, server, seconds=30):
    """Wait until `url` answers, or stop if the server process has stopped."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped with exit code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer {url} within {seconds} seconds")
