"""Genre loaders and the registry that picks one for each document.

Each module here reads one genre (Ofsted SIF reports, ILACS reports, letters, LSCB
reviews, action plans, committee packs) and exposes a ``LOADER``. A document goes to the
loader that recognises it most confidently; a document none recognises is reported as
"not a recognised document type". A recognised document that fails to read fails: it is
never handed to another loader.

Recognition is by what a document is, not by what it quotes: the loaders of Ofsted's own
documents never read a document that names itself a council's plan, tracker, progress
report, minutes or agenda, or carries a plan's action table (toolkit/genre_signs.py), however
much of the report it restates.
"""

from __future__ import annotations

import functools
import importlib

from safeguarding_kg.loaders.base import Loader
from safeguarding_kg.loaders.toolkit.genre_signs import names_council_document
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

#: Loaders of Ofsted's own reports and letters: they never claim a council's document.
OFSTED_MODULES = frozenset({"ofsted_ilacs", "ofsted_sif", "lac_inspection", "lscb_review", "ofsted_letters"})

#: Below this confidence a loader's claim is ignored.
MIN_CONFIDENCE = 0.5


@functools.cache
def all_loaders() -> tuple[Loader, ...]:
    return tuple(importlib.import_module(f"{__name__}.{name}").LOADER for name in GENRE_MODULES)


def detect(source: SourceText) -> Loader | None:
    """The loader most confident that it can read ``source``, or None."""
    best, best_score = None, 0.0
    council = names_council_document(source)
    for name, loader in zip(GENRE_MODULES, all_loaders(), strict=True):
        if council and name in OFSTED_MODULES:
            continue  # a council document quoting a report is not the report
        score = loader.recognise(source)
        if score >= MIN_CONFIDENCE and score > best_score:
            best, best_score = loader, score
    return best
