"""What a genre loader is, and the builder it writes its triples with.

A loader looks at a document's text and says how sure it is that the document is of its
genre (:meth:`Loader.recognise`); the most confident loader then extracts the document
into an :class:`Extraction`, which collects the triples of that document's named graph
and adds the provenance every extracted node carries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import ClassVar, Protocol

from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.iris import document_iri
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import display_name
from safeguarding_kg.namespaces import DCTERMS, PROV, RDF, SG, XSD

Value = NamedNode | Literal | str | int | bool | dt.date


class Loader(Protocol):
    """A genre loader. Loaders are stateless: one instance serves every document."""

    #: Short name shown to users ("ofsted-sif", "action-plan").
    name: ClassVar[str]
    #: The ``sg:Genres`` concept of the documents it reads.
    genre: ClassVar[NamedNode]

    def recognise(self, source: SourceText) -> float:
        """0 when the document is not of this genre, up to 1 when certain."""
        ...

    def extract(self, source: SourceText, out: Extraction) -> None:
        """Add the document's facts to ``out``; raise ``ExtractionError`` when it cannot be read."""
        ...


class ExtractionError(Exception):
    """A recognised document whose content could not be extracted; the message says what was missing."""


def term(value: Value) -> NamedNode | Literal:
    """A Python value as an RDF term: dates as xsd:date, ints as xsd:integer, str as plain literals."""
    if isinstance(value, NamedNode | Literal):
        return value
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return Literal(str(value), datatype=XSD.integer)
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    return Literal(value)


class Extraction:
    """The triples read from one document, all in the document's own named graph."""

    def __init__(self, source: SourceText) -> None:
        #: The text being read (an excerpt while an embedded document is read, see :meth:`reading`).
        self.source = source
        self.document = document_iri(source.name)
        self.quads: list[Quad] = []
        #: The same statements as (subject, predicate, object), for the shapes gate: reading the terms
        #: back out of thousands of Quads costs more than checking them.
        self.triples: list[tuple[NamedNode, NamedNode, NamedNode | Literal]] = []
        self._seen: set[Quad] = set()
        self._declared: set[tuple[NamedNode, NamedNode]] = set()
        self.counts: Counter[str] = Counter()
        self.warnings: list[str] = []
        self.authority: str | None = None  # display name, for the load summary
        #: The other authorities a trust serving several serves with ``authority`` (see toolkit.authority).
        self.also_inspected: tuple[NamedNode, ...] = ()
        self.genre_iri: str | None = None
        #: The kind of document found, when a loader reads several (minutes or an agenda, not a pack).
        self.genre: NamedNode | None = None
        self.loader_name: str | None = None

    def add(self, subject: NamedNode, predicate: NamedNode, value: Value | None) -> None:
        """Add one triple; None and empty strings are skipped, so optional fields need no ifs."""
        if value is None or value == "":
            return
        obj = term(value)
        quad = Quad(subject, predicate, obj, self.document)
        if quad not in self._seen:
            self._seen.add(quad)
            self.quads.append(quad)
            self.triples.append((subject, predicate, obj))

    def node(self, subject: NamedNode, rdf_class: NamedNode, line: int | None = None) -> NamedNode:
        """Declare an extracted node: its class, the document it came from, and where in it.

        ``line`` is the 1-based line of the extracted text where the item starts; the page
        is derived from it for paged formats.
        """
        if (subject, rdf_class) not in self._declared:
            self._declared.add((subject, rdf_class))
            self.counts[rdf_class.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
        self.add(subject, RDF.type, rdf_class)
        self.add(subject, PROV.wasDerivedFrom, self.document)
        if line is not None:
            self.add(subject, SG.sourceLine, self.source.file_line(line))
            self.add(subject, SG.sourcePage, self.source.page_of(line))
        return subject

    @contextmanager
    def reading(self, excerpt: SourceText) -> Iterator[None]:
        """Hand an embedded document to another loader: lines it reports are lines of ``excerpt``."""
        whole, self.source = self.source, excerpt
        try:
            yield
        finally:
            self.source = whole

    def describe_document(self, genre: NamedNode, loader_name: str, title: str | None = None,
                          issued: dt.date | None = None) -> None:
        """The sg:Document node itself: what was read, from which bytes, by which loader."""
        doc, source = self.document, self.source
        genre = self.genre or genre
        self.genre_iri, self.loader_name = genre.value, loader_name
        self.add(doc, RDF.type, SG.Document)
        self.add(doc, SG.genre, genre)
        self.add(doc, SG.sha256, source.sha256)
        self.add(doc, SG.sourceFile, display_name(source.name))
        self.add(doc, DCTERMS.format, source.media_type)
        self.add(doc, SG.loader, loader_name)
        self.add(doc, SG.lineCount, len(source.lines))
        self.add(doc, SG.pageCount, source.page_count)
        self.add(doc, DCTERMS.title, title)
        self.add(doc, DCTERMS.issued, issued)

    def warn(self, message: str) -> None:
        """Something the document should have had and did not: reported with the document's name.

        Loaders cite lines of the text they read ("line 12", "lines 40–44"); the warning cites the
        file's own lines, as provenance does.
        """
        self.warnings.append(_LINE_CITATION.sub(self._file_lines, message))

    def _file_lines(self, match: re.Match[str]) -> str:
        first, sep, last = match["first"], match["sep"], match["last"]
        cited = f"{match['word']} {self.source.file_line(int(first))}"
        return cited + (f"{sep}{self.source.file_line(int(last))}" if last else "")


_LINE_CITATION = re.compile(r"\b(?P<word>lines?) (?P<first>\d+)(?:(?P<sep>[–-]|\s+to\s+)(?P<last>\d+))?")
