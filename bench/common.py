"""What the benchmark's helpers share: Django set-up and the work folder."""

import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
WORK_DIR = Path(os.environ.get("BENCH_WORK_DIR", BENCH_DIR / ".work"))


def setup_django():
    """Configure Django from the environment bench/run sets (production settings)."""
    if str(REPO_DIR) not in sys.path:
        sys.path.insert(0, str(REPO_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recovery_site.settings")
    import django

    django.setup()
