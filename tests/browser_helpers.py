"""Driving Debian's Chromium with Playwright, the network cut off and every request recorded.

Shared, with the ``browser`` fixture in conftest.py, by the browser tests of the graph views
(test_viz_browser.py) and of the reports (test_report_browser.py). Never downloads a browser:
the tests that use it are skipped, saying why, when /usr/bin/chromium or the ``playwright`` package is missing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

needs_chromium = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium)"),
    pytest.mark.skipif(importlib.util.find_spec("playwright") is None,
                       reason="playwright is not installed (pip install '.[test]')"),
]


class OpenedPage:
    """A page with every non-file request aborted and recorded, and console errors collected.

    ``ready`` is a selector the page sets when it has drawn (the graph views); None waits for the load event."""

    def __init__(self, context, html_file: Path, ready: str | None = 'html[data-ready="1"]') -> None:
        self.requests_blocked: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(html_file.resolve().as_uri(), wait_until="load")
        if ready:
            # not wait_for_function: the page's Content-Security-Policy forbids the eval it relies on
            self.page.wait_for_selector(ready, state="attached", timeout=30_000)

    def _route(self, route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests_blocked.append(route.request.url)
            route.abort()


INJECTION = '<script>window.__pwned=1</script>'
IMG_INJECTION = '<img src=x onerror="window.__pwned=1">'
_LETTER = Path(__file__).resolve().parent.parent / "sample-corpus" / "solihull_unannounced-inspection-letter_2011.txt"


def hostile_letter(folder: Path) -> Path:
    """The sample 2011 letter with a script and an onerror image planted in a finding, written to ``folder``."""
    letter = _LETTER.read_text(encoding="utf-8")
    marker = "- The recording of children's ethnicity is inconsistent"
    assert marker in letter
    hostile = letter.replace(marker, f"- The recording {INJECTION} of children's {IMG_INJECTION} ethnicity is "
                                     "inconsistent")
    source = folder / "solihull_unannounced-inspection-letter_2011-hostile.txt"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(hostile, encoding="utf-8")
    return source
