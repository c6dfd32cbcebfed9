"""What Ofsted's children's-services reports and letters share: grades, judgement areas, inspectors, authority.

Used by the ILACS report loader and the letter loader; no ``LOADER`` here (not a genre).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pyoxigraph import NamedNode

from safeguarding_kg import authorities
from safeguarding_kg.iris import person_iri, provisional_authority_iri
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.text import clean, fold
from safeguarding_kg.namespaces import FOAF, SG

# Longest first: "requires improvement to be good" before "requires improvement".
GRADE_WORDS = r"requires?\s+improvement\s+to\s+be\s+good|requires?\s+improvement|outstanding|good|inadequate"
GRADE_AT_END = re.compile(rf"(?P<grade>{GRADE_WORDS})\s*\.?\s*$", re.IGNORECASE)

_GRADES = {"outstanding": SG.Outstanding, "good": SG.Good, "inadequate": SG.Inadequate}


def grade_concept(text: str) -> NamedNode | None:
    """sg:Good for "Good", sg:RequiresImprovement for "Requires improvement (to be good)", …"""
    folded = fold(text)
    if folded.startswith(("requires improvement", "require improvement")):
        return SG.RequiresImprovement
    return _GRADES.get(folded)


def area_concept(text: str) -> NamedNode | None:
    """The judgement area a table row or section heading names (ILACS and SIF wording).

    "children in care and care leavers" (ILACS to 2022) is one area, sg:ChildrenInCare; from 2023
    "children in care" and "care leavers" are judged apart. The 2026 table's leaders row is
    worded differently, so any row about leaders or leadership is sg:Leadership.
    """
    t = fold(text)
    if "overall effectiveness" in t:
        return SG.OverallEffectiveness
    if re.search(r"\bleaders?\b|\bleadership\b", t):
        return SG.Leadership
    if "help and protection" in t:
        return SG.HelpAndProtection
    in_care = re.search(r"children (?:in care|looked after)|looked after children", t)
    leavers = re.search(r"care leavers|care experienced", t)
    if in_care:
        return SG.ChildrenInCare
    if leavers:
        return SG.CareLeavers
    if "adoption" in t:
        return SG.AdoptionPerformance
    return None


def local_name(concept: NamedNode) -> str:
    return concept.value.rsplit("#", 1)[-1]


_LONDON_BOROUGH = re.compile(r"\b(?:London|Royal) Borough of\b", re.IGNORECASE)


def resolve_authority(out: Extraction, candidates: Sequence[str]) -> NamedNode | None:
    """The authority named in ``candidates``, tried in order (title lines first, then wider text).

    A candidate that is a whole name ("London Borough of Bromley") is resolved as one; otherwise the
    first name found in it counts (``find_in_text`` would take "London" from "London Borough of …").
    """
    for text in candidates:
        # "London Borough of Lewisham" would give "London" (the City) to find_in_text.
        found = authorities.resolve(text) or authorities.find_in_text(_LONDON_BOROUGH.sub(" ", text))
        if found:
            out.authority = found.name
            return found.iri
    return None


def provisional_authority(out: Extraction, name: str) -> NamedNode:
    """An authority the register does not know: named provisionally, with a warning."""
    iri = provisional_authority_iri(name)
    out.add(iri, SG.provisional, True)
    out.add(iri, FOAF.name, name)
    out.authority = name
    out.warn(f"authority '{name}' is not in the register of English local authorities; named provisionally")
    return iri


def add_person(out: Extraction, name: str, role: str | None, line: int) -> NamedNode:
    person = out.node(person_iri(name), FOAF.Person, line=line)
    out.add(person, FOAF.name, name)
    out.add(person, SG.roleText, role)
    return person


# "Her Majesty's Inspector", "His Majesty's Inspector", "HMI", "Ofsted Inspector", "Social Care Regulatory Inspector".
ROLE = re.compile(r"(?:(?:Her|His)\s+Majesty.s\s+Inspectors?|HMI|(?:Ofsted|Social Care Regulatory|Senior|Lead|Team)"
                  r"\s+Inspectors?|Regulatory Inspector)\b.*$", re.IGNORECASE)


def split_name_role(text: str) -> tuple[str, str | None]:
    """ "Lynn E Radley Her Majesty's Inspector" -> ("Lynn E Radley", "Her Majesty's Inspector");
    "Victoria Horsefield, His Majesty's Inspector" and "Neil Penswick HMI" likewise."""
    text = clean(text).strip(" ,")
    m = ROLE.search(text)
    if not m or m.start() == 0:
        return text, None
    return text[: m.start()].strip(" ,"), m.group(0).strip(" ,.")


NAME = re.compile(r"^(?:[A-Z][A-Za-z'’\-]+\.?|[A-Z]\.?)(?:\s+(?:[A-Z][A-Za-z'’\-]+|[A-Z]\.?|de|van|von|le|la)){1,4}$")


def looks_like_name(text: str) -> bool:
    return bool(NAME.match(text.strip()))
