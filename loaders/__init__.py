"""Genre loaders and the registry that picks one for each document.

Each module here reads one genre (Ofsted SIF reports, ILACS reports, letters, LSCB
reviews, action plans, committee packs) and exposes a ``LOADER``. A document goes to the
loader that recognises it most confidently; a document none recognises is reported as
"not a recognised document type".
"""

from __future__ import annotations

import functools
import importlib

from safeguarding_kg.loaders.base import Loader
from safeguarding_kg.loaders.toolkit.sources import SourceText

#: Modules holding a ``LOADER``, most specific first (ties go to the earlier one).
GENRE_MODULES: list[str] = [
    "committee_pack",  # before the Ofsted loaders: a pack embeds a whole report
    "action_plan",
    "ofsted_ilacs",
    "ofsted_sif",
    "lac_inspection",
    "lscb_review",
    "ofsted_letters",
]

#: Below this confidence a loader's claim is ignored.
MIN_CONFIDENCE = 0.5


@functools.cache
def all_loaders() -> tuple[Loader, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").LOADER for name in GENRE_MODULES)


def detect(source: SourceText) -> Loader | None:
    """The loader most confident that it can read ``source``, or None."""
    best, best_score = None, 0.0
    for loader in all_loaders():
        score = loader.recognise(source)
        if score >= MIN_CONFIDENCE and score > best_score:
            best, best_score = loader, score
    return best
