"""Deterministic IRIs: the same fact read twice, from one file or another, gets one IRI.

IRIs are built from what identifies a thing — the authority's GSS code, the framework,
the inspection's start date, a printed number — never from load order. Unnumbered items
use a short hash of their normalised text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

from pyoxigraph import NamedNode

from safeguarding_kg.namespaces import SGID_BASE


def slug(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug: "Children's services in Solihull" -> "childrens-services-in-solihull"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:max_length].rstrip("-") or "x"


def text_key(text: str, length: int = 12) -> str:
    """A stable key for unnumbered items: a hash of the text with case, spacing and punctuation folded."""
    folded = re.sub(r"[^a-z0-9]+", " ", unicodedata.normalize("NFKD", text).lower()).strip()
    return hashlib.sha256(folded.encode()).hexdigest()[:length]


def iri(*parts: str | int | dt.date) -> NamedNode:
    """``iri("authority", "E08000029")`` -> ``sgid:authority/E08000029``."""
    return NamedNode(SGID_BASE + "/".join(_part(p) for p in parts))


def _part(value: str | int | dt.date) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return text if re.fullmatch(r"[A-Za-z0-9._-]+", text) else slug(text)


def authority_iri(gss_code: str) -> NamedNode:
    return iri("authority", gss_code)


def provisional_authority_iri(name: str) -> NamedNode:
    return iri("authority", "provisional", slug(name))


def board_iri(authority: NamedNode) -> NamedNode:
    """The safeguarding board (LSCB or partnership) serving an authority."""
    return NamedNode(authority.value.replace("/authority/", "/board/", 1))


def document_iri(file_name: str) -> NamedNode:
    """A document is named by its file name: loading a changed file of that name replaces it."""
    return iri("document", slug(file_name, max_length=120))


def inspection_iri(authority: NamedNode, framework_slug: str, start: dt.date | str) -> NamedNode:
    """``sgid:inspection/E08000029/sif/2016-04-25``; the authority part is its GSS code (or provisional slug)."""
    key = authority.value.removeprefix(SGID_BASE + "authority/")
    return iri("inspection", *key.split("/"), framework_slug, start)


def within(parent: NamedNode, *parts: str | int | dt.date) -> NamedNode:
    """A thing identified inside another: ``within(inspection, "recommendation", 7)``."""
    return NamedNode(parent.value + "/" + "/".join(_part(p) for p in parts))


def post_iri(authority: NamedNode, post_name: str) -> NamedNode:
    return within(authority, "post", slug(post_name))


def person_iri(name: str) -> NamedNode:
    """People are identified by name alone: the same inspector across reports is one node."""
    return iri("person", slug(name))
