"""How we start Debian's Chromium, for the browser tests and `make screenshots`.

Playwright never downloads a browser here; the flags keep Chromium from calling home.
"""

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
