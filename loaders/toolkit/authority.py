"""Which local authority a document is about: the register's entry, or a provisional one.

Every loader names the authority through :func:`resolve_authority`, so the same wording gives
the same ``Authority.iri`` whatever the genre.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pyoxigraph import NamedNode

from safeguarding_kg import authorities
from safeguarding_kg.iris import provisional_authority_iri
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.namespaces import SG, SKOS

_LONDON_BOROUGH = re.compile(r"\b(?:London|Royal) Borough of\b", re.IGNORECASE)


def resolve_authority(out: Extraction, candidates: Sequence[str]) -> NamedNode | None:
    """The authority named in ``candidates``, tried in order (title lines first, then wider text);
    sets ``out.authority``. None when no candidate names a registered authority.

    A candidate that is a whole name ("London Borough of Bromley") is resolved as one; otherwise the
    first name found in it counts (``find_in_text`` would take "London" from "London Borough of …").
    """
    for text in candidates:
        trust = authorities.served_by_trust(text)
        if trust:
            return _served(out, *trust)
        # "London Borough of Lewisham" would give "London" (the City) to find_in_text.
        found = authorities.resolve(text) or authorities.find_in_text(_LONDON_BOROUGH.sub(" ", text))
        if found:
            out.authority = found.name
            return found.iri
    return None


def _served(out: Extraction, trust: authorities.ListedForm, served: tuple[authorities.Authority, ...]) -> NamedNode:
    """A report titled by a children's services trust or company is about the authority it serves;
    one serving several (and not narrowed by the text) is about all of them, named by the first."""
    first, *others = served
    out.authority = first.name
    out.also_inspected = tuple(a.iri for a in others)
    if others:
        out.warn(f"'{trust.form}' serves {' and '.join(a.name for a in served)}: the inspection is read as "
                 "about each of them")
    return first.iri


def provisional_authority(out: Extraction, name: str) -> NamedNode:
    """An authority the register does not know: a sg:LocalAuthority marked sg:provisional, labelled
    with the name as written, and a warning naming it."""
    iri = provisional_authority_iri(name)
    out.node(iri, SG.LocalAuthority)
    out.add(iri, SG.provisional, True)
    out.add(iri, SKOS.prefLabel, name)
    out.authority = name
    out.warn(f"authority '{name}' is not in the register of English local authorities; named provisionally")
    return iri
