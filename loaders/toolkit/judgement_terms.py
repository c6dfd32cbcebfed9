"""Judgement areas and grades as councils restate them, mapped to the vocabulary's concepts.

Action plans and committee reports repeat an inspection's judgements in their own words
("Children in need of help and protection: Requires Improvement to be Good", "The impact of
leaders on social work practice … Requires improvement"). They are attached to the
inspection's own sg:Judgement nodes, so the area and grade must map to the same concepts the
Ofsted loaders use (local names, e.g. "HelpAndProtection", "RequiresImprovement").
"""

from __future__ import annotations

import re

from safeguarding_kg.loaders.toolkit.text import fold

# Checked in order: "requires improvement to be good" contains "good".
_GRADES = [
    ("RequiresImprovement", r"requires? improvement"),
    ("Inadequate", r"inadequate"),
    ("Outstanding", r"outstanding"),
    ("Good", r"good"),
    ("Adequate", r"adequate"),
]

# Checked in order: ILACS's "children in care and care leavers" is ChildrenInCare, SIF's
# "experiences and progress of care leavers" is CareLeavers; adoption before looked after.
_AREAS = [
    ("OverallEffectiveness", r"overall|children s services in"),
    ("Leadership", r"impact of leaders|leadership"),
    ("HelpAndProtection", r"help and protection"),
    ("AdoptionPerformance", r"adoption"),
    ("SafeguardingBoardEffectiveness", r"safeguarding children board|\blscb\b"),
    ("ChildrenInCare", r"children in care|looked after|achieving permanence"),
    ("CareLeavers", r"care leavers"),
]


def grade_name(text: str) -> str | None:
    """The grade concept's local name for a grade as written, or None when the text names none."""
    folded = fold(text)
    return next((name for name, pattern in _GRADES if re.search(rf"\b(?:{pattern})\b", folded)), None)


def area_name(text: str) -> str | None:
    """The judgement-area concept's local name for an area as written, or None."""
    folded = fold(text)
    return next((name for name, pattern in _AREAS if re.search(pattern, folded)), None)
