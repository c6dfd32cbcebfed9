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


#: Longest document slug; longer names are cut and told apart by a hash of the whole name.
_DOCUMENT_SLUG = 120


def document_iri(file_name: str) -> NamedNode:
    """A document is named by its file name: loading a changed file of that name replaces it.

    A plain ASCII name keeps the readable slug it has always had ("Solihull 2016.txt" ->
    ``document/solihull-2016-txt``). A name the slug cannot tell apart from others — any
    character outside ASCII (which the slug drops), a name cut at the slug's length, a name with
    no letter or digit, or bytes that are not UTF-8 — gets ``--`` and a hash of its exact bytes
    after the slug; plain slugs never hold ``--``, so the two kinds cannot meet. Plain ASCII
    names that still share a slug ("report 2019.txt", "report_2019.txt") are refused by the
    loader naming both files (see ``loading._prepare``), never merged.
    """
    full = slug(file_name, max_length=10**6)
    if file_name.isascii() and len(full) <= _DOCUMENT_SLUG and any(c.isalnum() for c in file_name):
        return iri("document", full)
    digest = hashlib.sha256(file_name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    cut = full[:_DOCUMENT_SLUG - 18].rstrip("-") if full != "x" else "document"
    return iri("document", f"{cut}--{digest}")


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
