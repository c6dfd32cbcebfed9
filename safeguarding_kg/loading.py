"""Loading files into the store: find them, read them, pick a loader, write each atomically.

Every file gets a :class:`LoadReport`. A file that cannot be read or recognised is
reported with the reason and the others still load; a document's graph is written only
once its extraction has finished, in one transaction, so a failure never leaves part of
a document in the store.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from safeguarding_kg.iris import document_iri
from safeguarding_kg.loaders.base import Extraction, ExtractionError
from safeguarding_kg.loaders.toolkit.errors import SourceError
from safeguarding_kg.loaders.toolkit.sources import read_bytes, read_source, sha256_of
from safeguarding_kg.store import GraphStore

LOADED, UNCHANGED, REPLACED, FAILED = "loaded", "unchanged", "replaced", "failed"


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


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Files named, and every file under folders named (recursively).

    In folders, hidden files and a folder's own notes (README, LICENCE, NOTICE…) are
    skipped: they describe the folder, they are not documents. Files named on the
    command line are always tried.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root) / f for f in sorted(files) if not _folder_note(f))
        else:
            found.append(path)
    return found


def _folder_note(name: str) -> bool:
    stem = name.split(".", 1)[0].upper()
    return name.startswith(".") or stem in {"README", "LICENCE", "LICENSE", "NOTICE", "COPYING", "MANIFEST"}


def extract(path: Path, data: bytes) -> Extraction:
    """Read one file and extract it with the loader that recognises it; raises on any failure."""
    from safeguarding_kg.loaders import detect

    source = read_source(path, data)
    loader = detect(source)
    if loader is None:
        raise ExtractionError("not a recognised document type")
    extraction = Extraction(source)
    loader.extract(source, extraction)
    extraction.describe_document(loader.genre, loader.name)
    return extraction


def load_file(store: GraphStore, path: Path, names_this_run: dict[str, Path] | None = None) -> LoadReport:
    """Load one file; every failure becomes a report, never an exception."""
    try:
        data = read_bytes(path)
        document = document_iri(path.name)
        clash = (names_this_run or {}).get(document.value)
        if clash is not None and read_bytes(clash) != data:
            return LoadReport(path, FAILED, reason=f"another file with the same name was loaded in this run ({clash});"
                              " documents are named by file name, so rename one")
        if names_this_run is not None:
            names_this_run[document.value] = path
        previous = store.document_sha256(document)
        if previous == sha256_of(data):
            return LoadReport(path, UNCHANGED)
        extraction = extract(path, data)
        store.put_document(document, extraction.quads)
    except (SourceError, ExtractionError) as e:
        return LoadReport(path, FAILED, reason=str(e))
    except Exception as e:  # a loader bug must not stop the other files: report it by name
        return LoadReport(path, FAILED, reason=f"internal error while reading: {e.__class__.__name__}: {e}")
    return LoadReport(
        path,
        REPLACED if previous else LOADED,
        genre=_local_name(extraction.genre_iri) if extraction.genre_iri else None,
        loader=extraction.loader_name,
        authority=extraction.authority,
        counts=dict(extraction.counts),
        warnings=extraction.warnings,
    )


def load_paths(store: GraphStore, paths: Iterable[Path],
               progress: Callable[[Iterable[Path]], Iterable[Path]] = iter) -> list[LoadReport]:
    """Load every file under ``paths``; ``progress`` wraps the file list (e.g. a progress bar)."""
    from safeguarding_kg.linking import link_after_load

    names_this_run: dict[str, Path] = {}
    reports = [load_file(store, path, names_this_run) for path in progress(find_files(paths))]
    link_after_load(store, [document_iri(r.path.name) for r in reports if r.status in (LOADED, REPLACED)])
    store.flush()
    return reports


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
