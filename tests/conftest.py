"""Shared fixtures: the bundled sample corpus and a fresh on-disk store per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from safeguarding_kg.store import GraphStore

REPO = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = REPO / "sample-corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sample_corpus() -> Path:
    return SAMPLE_CORPUS


@pytest.fixture
def store(tmp_path: Path) -> GraphStore:
    """A real Oxigraph store on disk, empty but for the vocabulary and the authority register."""
    return GraphStore(tmp_path / "store")
