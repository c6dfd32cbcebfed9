"""The ``sgkg`` command line.

Heavy modules (pySHACL and rdflib, the PDF library, pyvis, networkx) are imported inside
the commands that use them, so ``sgkg --help`` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from safeguarding_kg import __version__
from safeguarding_kg.store import STORE_ENV, GraphStore, StoreError, default_store_path

EXPORT_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS", "ntriples": "N_TRIPLES",
                  "jsonld": "JSON_LD"}
# Counts shown in the load summary, in this order; other classes are summed under "other".
SUMMARY_CLASSES = ["Inspection", "Judgement", "Finding", "Recommendation", "ActionPlan", "Action",
                   "ExpectedOutcome", "Meeting", "AgendaItem", "Resolution"]

store_option = click.option(
    "--store", "store_path", type=click.Path(file_okay=False, path_type=Path), envvar=STORE_ENV,
    default=None, show_envvar=True,
    help="Store folder (default: ./sgkg-store).",
)


def open_store(store_path: Path | None) -> GraphStore:
    """Open the store for this command; it is closed when the command ends, however it ends."""
    try:
        store = GraphStore(store_path or default_store_path())
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    click.get_current_context().call_on_close(store.close)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sgkg")
def main() -> None:
    """Build and query a knowledge graph of Ofsted inspections, safeguarding board reviews,
    council action plans and committee papers about English children's services."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@store_option
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the totals.")
def load(paths: tuple[Path, ...], store_path: Path | None, quiet: bool) -> None:
    """Load documents (text, PDF, Word; files or folders, recursively) into the store.

    Each document is written atomically as its own named graph. Unchanged files are
    skipped; a changed file of the same name replaces its earlier version. The exit
    status is 1 when any file failed; the others are loaded all the same.
    """
    from safeguarding_kg.loading import find_files, load_paths

    store = open_store(store_path)
    files = find_files(paths)

    def progress(items):
        return click.progressbar(items, label="Loading", file=sys.stderr, show_pos=True,
                                 item_show_func=lambda p: p.name if p else "")

    if len(files) > 1 and sys.stderr.isatty():
        with progress(files) as bar:
            reports = load_paths(store, bar)
    else:
        reports = load_paths(store, files)
    _print_load_summary(reports, quiet)
    if any(r.failed for r in reports):
        sys.exit(1)


def _print_load_summary(reports, quiet: bool) -> None:
    from safeguarding_kg.output import text_table

    shown = [r for r in reports if r.failed] if quiet else reports
    headers = ["file", "genre", "authority", *[_short(c) for c in SUMMARY_CLASSES], "status"]
    rows = [[r.path.name, r.genre or "", r.authority or "",
             *[r.counts.get(c, "") for c in SUMMARY_CLASSES],
             r.status + (f": {r.reason}" if r.reason else "")] for r in shown]
    if rows:
        click.echo(text_table(headers, rows, max_width=80))
    for r in reports:
        for warning in r.warnings:
            click.echo(f"warning: {r.path.name}: {warning}", err=True)
    totals = {}
    for r in reports:
        totals[r.status] = totals.get(r.status, 0) + 1
    click.echo(f"\n{len(reports)} files: " + ", ".join(f"{n} {s}" for s, n in sorted(totals.items())))


def _short(class_name: str) -> str:
    return {"Inspection": "insp", "Judgement": "judg", "Finding": "find", "Recommendation": "recs",
            "ActionPlan": "plans", "Action": "actions", "ExpectedOutcome": "outcomes", "Meeting": "meet",
            "AgendaItem": "agenda", "Resolution": "resol"}[class_name]


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def import_(files: tuple[Path, ...], store_path: Path | None) -> None:
    """Restore graphs from a TriG or N-Quads export (each named graph replaced atomically)."""
    from pyoxigraph import RdfFormat

    from safeguarding_kg.store import parse_quads

    store = open_store(store_path)
    for file in files:
        rdf_format = RdfFormat.from_extension(file.suffix.lstrip("."))
        if rdf_format is None or not rdf_format.supports_datasets:
            raise click.ClickException(f"{file.name}: give a .trig or .nq file (named graphs are documents)")
        try:
            quads = parse_quads(file.read_bytes(), rdf_format)
        except SyntaxError as e:
            raise click.ClickException(f"{file.name}: {e}") from e
        graphs = store.restore_graphs(quads)
        click.echo(f"{file.name}: {len(quads)} quads in {graphs} graphs")
    store.flush()


@main.command()
@store_option
def docs(store_path: Path | None) -> None:
    """List the documents in the store."""
    from safeguarding_kg.output import text_table

    documents = open_store(store_path).documents()
    click.echo(text_table(["file", "genre", "triples", "sha256", "iri"],
                          [[d.source_file, (d.genre or "").rsplit("#")[-1], d.triples, d.sha256[:12], d.iri]
                           for d in documents], max_width=90))
    click.echo(f"\n{len(documents)} documents")


@main.command()
@store_option
def stats(store_path: Path | None) -> None:
    """Count the nodes of each class, and the documents and triples in the store."""
    from safeguarding_kg.output import text_table

    store = open_store(store_path)
    counts = store.class_counts()
    click.echo(text_table(["class", "nodes"], [[_prefixed(c), n] for c, n in counts]))
    click.echo(f"\n{len(store.documents())} documents, {len(store)} quads")


def _prefixed(iri: str) -> str:
    from safeguarding_kg.namespaces import PREFIXES

    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


@main.command()
@store_option
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="trig", show_default=True)
@click.option("--graph", "graph", help="Export one document: its file name or IRI.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def export(store_path: Path | None, fmt: str, graph: str | None, output: Path | None) -> None:
    """Export the graph (all documents, the vocabulary and the register, or one document)."""
    from pyoxigraph import RdfFormat

    store = open_store(store_path)
    graph_iri = _document_graph(store, graph) if graph else None
    try:
        data = store.dump(getattr(RdfFormat, EXPORT_FORMATS[fmt]), graph_iri)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(data)


def _document_graph(store: GraphStore, name: str):
    from pyoxigraph import NamedNode

    for d in store.documents():
        if name in (d.iri, d.source_file):
            return NamedNode(d.iri)
    raise click.ClickException(f"no document named {name!r} in the store (see `sgkg docs`)")


@main.command()
@click.argument("documents", nargs=-1, required=True)
@store_option
def remove(documents: tuple[str, ...], store_path: Path | None) -> None:
    """Remove documents (by file name or IRI) and everything read from them alone."""
    store = open_store(store_path)
    for name in documents:
        graph = _document_graph(store, name)
        store.remove_document(graph)
        click.echo(f"removed {name}")
    store.flush()


@main.command()
@store_option
@click.option("--max-results", default=50, show_default=True, help="How many violations to list.")
def validate(store_path: Path | None, max_results: int) -> None:
    """Check the graph against the SHACL shapes; exit status 1 when anything violates them."""
    from safeguarding_kg.validation import validate_store

    report = validate_store(open_store(store_path))
    click.echo(report.render(max_results))
    if not report.conforms:
        sys.exit(1)


@main.command("queries")
def list_queries() -> None:
    """List the named queries: name, title and parameters."""
    from safeguarding_kg.named_queries import library
    from safeguarding_kg.output import text_table

    rows = [[q.name, q.title, ", ".join(f"{p.name}:{p.type}" + ("" if p.required else "?") for p in q.parameters)]
            for q in library().values()]
    click.echo(text_table(["name", "title", "parameters (? = optional)"], rows, max_width=70))


def _parse_params(params: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r}: write --param name=value", param_hint="--param")
        values[name.strip()] = value
    return values


format_option = click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "markdown"]),
                             default="table", show_default=True, help="How to print the results.")


@main.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@format_option
@store_option
def run_named_query(name: str, params: tuple[str, ...], fmt: str, store_path: Path | None) -> None:
    """Run a named query (see `sgkg queries`)."""
    from safeguarding_kg.named_queries import QueryParameterError, get

    try:
        query = get(name)
        text = query.bound_text(_parse_params(params))
    except QueryParameterError as e:
        raise click.UsageError(str(e)) from e
    _run_and_print(open_store(store_path), text, f"queries/{name}.rq", fmt)


@main.command("sparql")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@format_option
@store_option
def run_sparql(file, fmt: str, store_path: Path | None) -> None:
    """Run any SPARQL query from FILE (or - for standard input): SELECT, ASK, CONSTRUCT or DESCRIBE."""
    _run_and_print(open_store(store_path), file.read(), file.name, fmt)


def _run_and_print(store: GraphStore, sparql: str, source_name: str, fmt: str) -> None:
    from safeguarding_kg.results import QuerySyntaxError, render, run

    try:
        click.echo(render(run(store, sparql, source_name), fmt))
    except QuerySyntaxError as e:
        raise click.ClickException(str(e)) from e
    except (OSError, RuntimeError) as e:  # evaluation errors Oxigraph reports
        raise click.ClickException(f"{source_name}: {e}") from e


if __name__ == "__main__":
    main()
