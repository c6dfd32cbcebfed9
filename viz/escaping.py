"""Data for a page's ``<script type="application/json">`` element, escaped so that no text can end it.

Shared by the graph views (render.py) and the dossier (report/page.py).
"""

from __future__ import annotations

import json


def json_for_html(data: object) -> str:
    """JSON that cannot end its <script> element or be read as markup: <, >, & and U+2028/9 escaped."""
    from markupsafe import Markup

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return Markup(text)
