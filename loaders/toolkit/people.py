"""People named in documents: inspectors, signatories, councillors and officers.

:func:`add_person` is how every loader declares a person (``person_iri(name)``, foaf:name and the
role as written), so the same name is one node whichever document names it. The rest reads
Ofsted's way of writing an inspector ("Lynn E Radley Her Majesty's Inspector"), shared by its
reports and letters.
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from safeguarding_kg.iris import person_iri
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.text import clean
from safeguarding_kg.namespaces import FOAF, SG


def add_person(out: Extraction, name: str, role: str | None, line: int | None) -> NamedNode:
    """The person named ``name`` (foaf:Person, foaf:name, sg:roleText ``role``), declared at ``line``."""
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
    """A personal name as an inspector signs it: two to five capitalised words or initials."""
    return bool(NAME.match(text.strip()))
