"""The reference graphs every store holds: the vocabulary (ontology and concept schemes) and the authority register.

Each comes with a digest of the bundled files it is built from, so a store reloads it
only when a new version of the package changes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from importlib import resources

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from safeguarding_kg.namespaces import AUTHORITIES_GRAPH, VOCABULARY_GRAPH


def _vocabulary_files() -> list[bytes]:
    from safeguarding_kg.ontology import ONTOLOGY_FILES

    return [path.read_bytes() for path in ONTOLOGY_FILES]


def vocabulary_quads() -> Iterator[Quad]:
    for data in _vocabulary_files():
        for triple in parse(data, format=RdfFormat.TURTLE):
            yield Quad(triple.subject, triple.predicate, triple.object, VOCABULARY_GRAPH)


def _register_files() -> list[bytes]:
    data = resources.files("safeguarding_kg") / "data"
    return [(data / name).read_bytes() for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".csv"))]


def _authority_quads() -> Iterator[Quad]:
    from safeguarding_kg.authorities import register_quads

    return register_quads()


def _digest(parts: list[bytes], salt: bytes) -> str:
    digest = hashlib.sha256(salt)
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def reference_graphs() -> dict[NamedNode, tuple[str, Callable[[], Iterator[Quad]]]]:
    """Graph name -> (digest of its sources, function yielding its quads)."""
    # The salt changes when the code that turns files into quads changes meaning.
    return {
        VOCABULARY_GRAPH: (_digest(_vocabulary_files(), b"vocabulary-1"), vocabulary_quads),
        AUTHORITIES_GRAPH: (_digest(_register_files(), b"authorities-1"), _authority_quads),
    }
