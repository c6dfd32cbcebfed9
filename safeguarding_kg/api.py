"""The Python API: open a store, load documents, run named queries, get rows as dicts or a DataFrame.

    from safeguarding_kg.api import KnowledgeGraph

    with KnowledgeGraph("sgkg-store") as kg:
        kg.load("sample-corpus/")
        rows = kg.query("judgement-timeline", authority="Solihull")
        frame = kg.dataframe("actions-overdue", authority="Solihull")   # needs pandas
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import TracebackType

from safeguarding_kg.loading import LoadReport, load_paths
from safeguarding_kg.named_queries import get
from safeguarding_kg.results import Table, run
from safeguarding_kg.store import GraphStore, open_store


class KnowledgeGraph:
    """A knowledge graph in an embedded store on disk (in memory with ``path=":memory:"``) or in a SPARQL server."""

    def __init__(self, path: str | Path | None = None) -> None:
        """``path``: a store folder, ``":memory:"``, or a SPARQL endpoint ``http(s)://…`` (see safeguarding_kg.remote);
        None means ``$SGKG_STORE`` or ./sgkg-store."""
        self.store = GraphStore(None) if path == ":memory:" else open_store(path or None)

    def load(self, *paths: str | Path) -> list[LoadReport]:
        """Load files or folders; returns one report per file (failures included, never raised)."""
        return load_paths(self.store, [Path(p) for p in paths])

    def query(self, name: str, **params: object) -> list[dict[str, object]]:
        """Run a named query with keyword parameters; rows as dicts of plain Python values."""
        text = get(name).bound_text({k: _text(v) for k, v in params.items() if v is not None})
        result = run(self.store, text, f"queries/{name}.rq")
        assert isinstance(result, Table), f"{name} is not a SELECT query"
        return result.records()

    def sparql(self, text: str) -> list[dict[str, object]] | bool | str:
        """Run any SPARQL: rows for SELECT, a bool for ASK, Turtle for CONSTRUCT and DESCRIBE."""
        result = run(self.store, text)
        if isinstance(result, Table):
            return result.records()
        return result if isinstance(result, bool) else result.decode("utf-8")

    def dataframe(self, name: str, **params: object):
        """A named query's rows as a pandas DataFrame (pandas must be installed)."""
        try:
            import pandas
        except ImportError as e:
            raise ImportError("dataframe() needs pandas: pip install pandas") from e
        return pandas.DataFrame(self.query(name, **params))

    def close(self) -> None:
        self.store.flush()
        del self.store

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
