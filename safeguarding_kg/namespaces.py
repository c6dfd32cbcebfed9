"""IRIs of the vocabularies the graph uses, as pyoxigraph terms.

``SG.Finding`` is ``NamedNode("https://w3id.org/safeguarding-kg/ontology#Finding")``: the
attribute style keeps loader code close to the Turtle it produces.
"""

from __future__ import annotations

from pyoxigraph import NamedNode

SG_BASE = "https://w3id.org/safeguarding-kg/ontology#"
SGID_BASE = "https://w3id.org/safeguarding-kg/id/"
GRAPH_BASE = "https://w3id.org/safeguarding-kg/graph/"


class Namespace:
    """A namespace whose attributes and items are the NamedNodes of its terms."""

    def __init__(self, base: str) -> None:
        self.base = base

    def __getattr__(self, name: str) -> NamedNode:
        if name.startswith("__"):
            raise AttributeError(name)
        node = NamedNode(self.base + name)
        setattr(self, name, node)  # loaders name terms in hot loops: the next lookup is a plain attribute
        return node

    def __getitem__(self, name: str) -> NamedNode:
        return NamedNode(self.base + name)


SG = Namespace(SG_BASE)
SGID = Namespace(SGID_BASE)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")

#: Prefixes declared for every query and export, so analysts can write ``sg:Finding``.
PREFIXES: dict[str, str] = {
    "sg": SG_BASE,
    "sgid": SGID_BASE,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "xsd": XSD.base,
    "org": ORG.base,
    "prov": PROV.base,
    "skos": SKOS.base,
    "dcterms": DCTERMS.base,
    "foaf": FOAF.base,
}

#: Named graph holding the ontology and concept schemes (so queries can use labels).
VOCABULARY_GRAPH = NamedNode(GRAPH_BASE + "vocabulary")
#: Named graph holding the register of English local authorities.
AUTHORITIES_GRAPH = NamedNode(GRAPH_BASE + "authorities")
