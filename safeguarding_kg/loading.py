"""Loading files into the store: find them, read them, pick a loader, write each atomically.

Every file gets a :class:`LoadReport`. A file that cannot be read or recognised is
reported with the reason and the others still load; a document's graph is written only
once its extraction has finished, all or nothing (one transaction, or one journaled bulk
load for a batch of new documents), so a failure never leaves part of a document in the store.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse, serialize

from safeguarding_kg.iris import document_iri
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.errors import SourceError
from safeguarding_kg.loaders.toolkit.sources import read_bytes, read_source, sha256_of
from safeguarding_kg.loaders.toolkit.text import display_name
from safeguarding_kg.store import GraphStore, StoreError
from safeguarding_kg.themes import classify_extraction

LOADED, UNCHANGED, REPLACED, FAILED = "loaded", "unchanged", "replaced", "failed"
#: The end of a reason for a failure no named check foresaw: whoever meets it can act on it.
_REPORT_IT = "if the file looks intact, please report it with the file"


@dataclass
class LoadReport:
    path: Path
    status: str
    genre: str | None = None
    loader: str | None = None
    authority: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    reason: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == FAILED


def find_files(paths: Iterable[Path], stores: Iterable[Path] = ()) -> list[Path]:
    """Files named, and every file under folders named (recursively).

    In folders, hidden files and a folder's own notes (README, LICENCE, NOTICE…) are
    skipped: they describe the folder, they are not documents. A store folder (``stores``, or
    any folder that holds an Oxigraph/RocksDB database) is never read, named or met in a
    walk. Every other path named on the command line is kept, even a missing one, a broken
    link or a pipe: reading it reports why it cannot be loaded, and the others still load.
    Pipes, sockets and devices met in a folder are kept too, to be reported by name.
    """
    skip = {_real(p) for p in stores}
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and _is_store(path, skip):
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _is_store(Path(root) / d, skip))
                found.extend(Path(root) / f for f in sorted(files) if not _folder_note(f))
        else:
            found.append(path)
    return found


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _is_store(folder: Path, stores: set[str]) -> bool:
    """The store being loaded into, or any folder laid out as a RocksDB database (an sgkg store)."""
    return _real(folder) in stores or ((folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file()
                                       and any(folder.glob("MANIFEST-*")))


def _folder_note(name: str) -> bool:
    stem = name.split(".", 1)[0].upper()
    return name.startswith(".") or stem in {"README", "LICENCE", "LICENSE", "NOTICE", "COPYING", "MANIFEST"}


def extract(path: Path, data: bytes, stages: dict[str, float] | None = None) -> Extraction:
    """Read one file and extract it with the loader that recognises it; raises on any failure.

    ``stages`` (optional) accumulates the seconds spent reading the source (PDF text extraction
    included), parsing it with the genre loader, classifying themes, and checking the graph
    against the shapes (the gate; for the benchmark).
    """
    from safeguarding_kg.loaders import detect

    clock = _Stopwatch(stages)
    source = read_source(path, data)
    clock.lap("source")
    loader = detect(source)
    if loader is None:
        raise ExtractionError("not a recognised document type")
    extraction = Extraction(source)
    loader.extract(source, extraction)
    clock.lap("parse")
    classify_extraction(extraction)  # themes, services, polarity: a pure function of the text, kept in this graph
    extraction.describe_document(loader.genre, loader.name)
    clock.lap("classify")
    _gate(extraction)
    clock.lap("gate")
    return extraction


def _gate(extraction: Extraction) -> None:
    """Refuse a graph the project's shapes reject (damaged or misread text): it is never written."""
    from safeguarding_kg.shapes_gate import check_document

    violations = check_document(extraction.triples)
    if violations:
        shown = "; ".join(v.render() for v in violations[:3])
        more = f" (and {len(violations) - 3} more)" if len(violations) > 3 else ""
        raise ExtractionError(f"what was read breaks the shapes, so nothing was written "
                              f"(damaged or misread text?): {len(violations)} violations: {shown}{more}")


def load_paths(store: GraphStore, paths: Iterable[Path],
               progress: Callable[[Iterable[Path]], Iterable[Path]] = iter, jobs: int = 1,
               stages: dict[str, float] | None = None) -> list[LoadReport]:
    """Load every file under ``paths``; ``progress`` wraps the file list (e.g. a progress bar).

    With ``jobs`` > 1, documents are extracted in that many worker processes while this process,
    the single writer, writes each document's graph in file order exactly as a serial load does,
    so the store and the reports are the same whatever ``jobs`` is. ``stages`` (optional)
    accumulates seconds per stage: source, parse, classify (summed over workers), transfer,
    write and link.
    """
    from safeguarding_kg.linking import link_after_load

    files = find_files(paths, [store.path] if getattr(store, "path", None) else [])
    reports = _load_files(store, files, progress, jobs if len(files) > 1 else 1, stages)
    clock = _Stopwatch(stages)
    refused = link_after_load(store, [document_iri(r.path.name) for r in reports if r.status in (LOADED, REPLACED)])
    for report in reports:
        reason = refused.get(document_iri(report.path.name)) if report.status in (LOADED, REPLACED) else None
        if reason is not None:
            report.status, report.reason = FAILED, reason
    store.flush()
    clock.lap("link")
    return reports


# -- the stages of one file: prepare (parent), extract (anywhere), write (parent) -------------


@dataclass
class _Prepared:
    """A file that needs extracting: its bytes, its graph, and the sha256 stored for it before (if any)."""

    path: Path
    data: bytes
    document: NamedNode
    previous: str | None
    #: Named twice in this run with the same bytes: decided when the earlier one has been written.
    repeat: bool = False


@dataclass
class _Extracted:
    """What extraction gives back to the writer; picklable, so a worker process can return it."""

    quads: list[Quad] | None = None
    nquads: bytes | None = None  # the quads as N-Quads when shipped from a worker
    reason: str | None = None  # why the file failed, as the report says it
    genre: str | None = None
    loader: str | None = None
    authority: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)


def _prepare(store: GraphStore, path: Path, names_this_run: dict[str, Path] | None) -> LoadReport | _Prepared:
    """Read the file and decide whether it needs extracting; failures and unchanged files end here."""
    try:
        data = read_bytes(path)
        document = document_iri(path.name)
        clash = (names_this_run or {}).get(document.value)
        if clash is not None and clash.name != path.name:
            return LoadReport(path, FAILED, reason=_same_identity(path.name, clash.name, "also in this load", document))
        if clash is not None and read_bytes(clash) != data:
            return LoadReport(path, FAILED, reason=f"another file with the same name was loaded in this run ({clash});"
                              " documents are named by file name, so rename one")
        stored_name = store.document_source_file(document)
        if stored_name is not None and stored_name != display_name(path.name):
            return LoadReport(path, FAILED, reason=_same_identity(path.name, stored_name, "already loaded", document))
        if names_this_run is not None:
            names_this_run[document.value] = path
        previous = store.document_sha256(document)
        if previous == sha256_of(data):
            return LoadReport(path, UNCHANGED)
    except (SourceError, StoreError) as e:  # a store error (an endpoint gone away) says so itself
        return LoadReport(path, FAILED, reason=str(e))
    except Exception as e:  # a bug must not stop the other files: report it by name
        return LoadReport(path, FAILED, reason=f"could not be prepared for loading ({e.__class__.__name__}: {e});"
                          f" {_REPORT_IT}")
    return _Prepared(path, data, document, previous, repeat=clash is not None)


def _same_identity(name: str, other: str, where: str, document: NamedNode) -> str:
    """Two different file names whose documents would share an IRI: refused, naming both."""
    return (f"'{display_name(name)}' and '{display_name(other)}' ({where}) would be the same document"
            f" ({document.value}); rename one of them")


def _extracted(path: Path, data: bytes, ship: bool, stages: dict[str, float] | None = None) -> _Extracted:
    """Extract one document; a pure function of (path, bytes). ``ship`` returns the quads as N-Quads bytes."""
    own: dict[str, float] = {}
    try:
        extraction = extract(path, data, own)
    except (SourceError, ExtractionError) as e:
        result = _Extracted(reason=str(e))
    except Exception as e:  # a loader bug must not stop the other files: report it by name
        result = _Extracted(reason=f"its text is not laid out as its kind of document is ({e.__class__.__name__}:"
                                   f" {e}): a damaged or unusual copy? {_REPORT_IT}")
    else:
        result = _Extracted(
            quads=None if ship else extraction.quads,
            nquads=_shipped(extraction.document, extraction.quads) if ship else None,
            genre=_local_name(extraction.genre_iri) if extraction.genre_iri else None,
            loader=extraction.loader_name, authority=extraction.authority,
            counts=dict(extraction.counts), warnings=extraction.warnings)
    result.stages = own
    _add_stages(stages, own)
    return result


def _write(store: GraphStore, prepared: _Prepared, extracted: _Extracted,
           stages: dict[str, float] | None) -> LoadReport:
    """Write one extracted document's graph (one atomic put) and report it."""
    path = prepared.path
    if extracted.reason is not None:
        return LoadReport(path, FAILED, reason=extracted.reason)
    clock = _Stopwatch(stages)
    try:
        quads = extracted.quads if extracted.quads is not None else _parse_nquads(extracted.nquads or b"")
        clock.lap("transfer")
        store.put_document(prepared.document, quads)
        clock.lap("write")
    except StoreError as e:  # e.g. the SPARQL endpoint refused or could not be reached: its own words
        return LoadReport(path, FAILED, reason=str(e))
    except Exception as e:  # the store refusing one document must not stop the others
        return LoadReport(path, FAILED, reason=f"the store refused this document ({e.__class__.__name__}: {e});"
                          " nothing of it was written")
    return LoadReport(path, REPLACED if prepared.previous else LOADED, genre=extracted.genre,
                      loader=extracted.loader, authority=extracted.authority, counts=extracted.counts,
                      warnings=extracted.warnings)


def _shipped(document: NamedNode, quads: list[Quad]) -> bytes:
    """A document's quads and their merged default-graph triples as N-Quads, ready for the store to load.

    Every quad is in the document's graph, so each merged triple is its quad's line without the
    graph term; cutting it from the text is far cheaper than building a second set of quads.
    N-Quads escapes line breaks inside literals, so " <document> .\n" only ever ends a line.
    """
    data = serialize(quads, format=RdfFormat.N_QUADS)
    return data + data.replace(f" {document} .\n".encode(), b" .\n")


def _parse_nquads(data: bytes) -> list[Quad]:
    """The document's own quads from shipped N-Quads (the merged triples are put_document's to make)."""
    return [q for q in parse(data, format=RdfFormat.N_QUADS) if not isinstance(q.graph_name, DefaultGraph)]


# -- parallel extraction, one writer ----------------------------------------------------------


#: Documents each worker may extract ahead of the writer: enough to keep the workers busy while
#: the writer bulk-loads a batch (~50 documents), few enough to keep memory small (~0.5 MB each).
_AHEAD = 64


def _load_files(store: GraphStore, files: list[Path], progress: Callable[[Iterable[Path]], Iterable[Path]],
                jobs: int, stages: dict[str, float] | None) -> list[LoadReport]:
    """Extract in ``jobs`` worker processes (here, with one job), write here in file order.

    Files are prepared (read, checked against the store) in order and submitted a few per
    worker ahead of the writer, so memory holds a bounded window of documents. A file whose
    name repeats in the run waits for the earlier one to be written and is then decided as a
    serial load decides it. If a worker dies (a crash in a PDF library), the file it was
    reading fails with the reason and the rest are read here, one at a time.
    """
    window: deque[tuple[Path, LoadReport | _Prepared, Future | None]] = deque()
    names_this_run: dict[str, Path] = {}
    upcoming = iter(files)
    reports: list[LoadReport] = []
    batch = _NewDocuments(store, stages, reports)
    with _WorkerPool(jobs) as pool:
        for path in progress(files):
            while len(window) < jobs * _AHEAD:
                nxt = next(upcoming, None)
                if nxt is None:
                    break
                prepared = _prepare(store, nxt, names_this_run)
                submit = isinstance(prepared, _Prepared) and not prepared.repeat
                window.append((nxt, prepared, pool.submit(prepared) if submit else None))
            queued, prepared, future = window.popleft()
            assert queued == path, "the writer follows the file order"
            extracted = pool.result(future, prepared, stages) if future is not None else None
            if extracted is not None and batch.takes(prepared, extracted):
                continue
            batch.write()  # reports stay in file order, and a repeat sees what came before it
            if isinstance(prepared, LoadReport):
                reports.append(prepared)
            elif extracted is None:  # a repeat: same bytes as a file written earlier in this run
                reports.append(_repeat(store, prepared, stages))
            else:
                reports.append(_write(store, prepared, extracted, stages))
        batch.write()
    return reports


class _NewDocuments:
    """New documents written together: one journaled bulk load (``GraphStore.put_new_documents``) per batch.

    A transaction per document costs more than the document's own quads on Oxigraph's disk
    store, and the single writer is the bottleneck of a load. A batch is all or nothing, so
    every document in it is still written whole or not at all; if the batch fails, each
    document is written alone and reported on its own.
    """

    QUADS = 100_000  # about fifty reports' worth (~30 MB): the bulk loader's speed levels off here

    def __init__(self, store: GraphStore, stages: dict[str, float] | None, reports: list[LoadReport]) -> None:
        self.store, self.stages, self.reports = store, stages, reports
        self.items: list[tuple[_Prepared, _Extracted]] = []
        self.size = 0

    def takes(self, prepared: _Prepared, extracted: _Extracted) -> bool:
        """Add a new, successfully extracted document to the batch (False: write it otherwise)."""
        if prepared.previous is not None or extracted.nquads is None or \
                not hasattr(self.store, "put_new_documents"):
            return False
        self.items.append((prepared, extracted))
        self.size += extracted.nquads.count(b"\n")
        if self.size >= self.QUADS:
            self.write()
        return True

    def write(self) -> None:
        if not self.items:
            return
        clock = _Stopwatch(self.stages)
        try:
            self.store.put_new_documents([(p.document, e.nquads or b"") for p, e in self.items])
        except Exception:  # one bad document must not sink the others: write each alone
            self.reports.extend(_write(self.store, p, e, self.stages) for p, e in self.items)
        else:
            clock.lap("write")
            self.reports.extend(
                LoadReport(p.path, LOADED, genre=e.genre, loader=e.loader, authority=e.authority, counts=e.counts,
                           warnings=e.warnings) for p, e in self.items)
        self.items, self.size = [], 0


def _repeat(store: GraphStore, prepared: _Prepared, stages: dict[str, float] | None) -> LoadReport:
    if store.document_sha256(prepared.document) == sha256_of(prepared.data):
        return LoadReport(prepared.path, UNCHANGED)
    prepared.previous = store.document_sha256(prepared.document)
    return _write(store, prepared, _extracted(prepared.path, prepared.data, ship=False, stages=stages), stages)


def _extract_in_worker(path: Path, data: bytes) -> _Extracted:
    return _extracted(path, data, ship=True)


#: How often a worker checks that the load that started it is still alive (seconds).
_PARENT_CHECK = 0.2


def _die_with_parent(parent: int) -> None:
    """Run in each worker: exit as soon as the loading process is gone.

    A parent killed outright (SIGKILL, the OOM killer) cannot tell its workers; they would wait
    on the task pipe for ever, since each holds both of its ends, and the resource tracker with
    them. A thread watching the parent's pid ends the worker within ``_PARENT_CHECK`` seconds; the
    tracker then sees its pipe close and ends too.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK)
        os._exit(1)

    threading.Thread(target=watch, name="sgkg-parent-watch", daemon=True).start()


class _WorkerPool:
    """A process pool started on first use (a reload of unchanged files starts none), with a serial fallback.

    With one job there is no pool: documents are extracted here, as a worker would.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self.broken = False

    def submit(self, prepared: _Prepared) -> Future | None:
        if self.broken:
            return None
        if self.jobs <= 1:
            done: Future = Future()
            done.set_result(_extract_in_worker(prepared.path, prepared.data))
            return done
        if self._pool is None:
            # spawn, not fork: the parent holds an open RocksDB store and its threads.
            # Workers watch their parent and leave with it (see _die_with_parent).
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_die_with_parent, initargs=(os.getpid(),))
        return self._pool.submit(_extract_in_worker, prepared.path, prepared.data)

    def result(self, future: Future | None, prepared: _Prepared, stages: dict[str, float] | None) -> _Extracted:
        if future is None:  # submitted after the pool broke: read it here
            return _extracted(prepared.path, prepared.data, ship=False, stages=stages)
        try:
            extracted = future.result()
        except BrokenProcessPool as e:
            if not self.broken:
                self.broken = True
                return _Extracted(reason=f"the PDF or Word library crashed reading this file ({e}): it is damaged"
                                         " in a way the library cannot survive; try saving it again from its source")
            return _extracted(prepared.path, prepared.data, ship=False, stages=stages)
        _add_stages(stages, extracted.stages)
        return extracted

    def __enter__(self) -> _WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class _Stopwatch:
    """Adds the seconds since the last lap to ``stages[name]``; does nothing without ``stages``."""

    def __init__(self, stages: dict[str, float] | None) -> None:
        self.stages = stages
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        if self.stages is not None:
            now = time.perf_counter()
            self.stages[name] = self.stages.get(name, 0.0) + now - self.last
            self.last = now


def _add_stages(total: dict[str, float] | None, part: dict[str, float]) -> None:
    if total is not None:
        for name, seconds in part.items():
            total[name] = total.get(name, 0.0) + seconds


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
