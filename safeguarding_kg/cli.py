"""The ``sgkg`` command line.

Heavy modules (pySHACL and rdflib, the PDF library, pyvis, networkx) are imported inside
the commands that use them, so ``sgkg --help`` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from safeguarding_kg import __version__
from safeguarding_kg.store import STORE_ENV, GraphStore, StoreError

EXPORT_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nquads": "N_QUADS", "ntriples": "N_TRIPLES",
                  "jsonld": "JSON_LD"}
# Counts shown in the load summary, in this order; other classes are summed under "other".
SUMMARY_CLASSES = ["Inspection", "Judgement", "Finding", "Recommendation", "ActionPlan", "Action",
                   "ExpectedOutcome", "Meeting", "AgendaItem", "Resolution"]

class _StoreLocation(click.ParamType):
    """A store folder, or a SPARQL endpoint URL kept as text (a Path would fold its ``//``)."""

    name = "folder|url"

    def convert(self, value, param, ctx):
        if isinstance(value, Path) or str(value).startswith(("http://", "https://")):
            return value
        return Path(value)


store_option = click.option(
    "--store", "store_path", type=_StoreLocation(), envvar=STORE_ENV,
    default=None, show_envvar=True,
    help="Store folder (default: ./sgkg-store), or a SPARQL 1.1 endpoint http(s)://… (see SGKG_QUERY_URL, "
         "SGKG_UPDATE_URL, SGKG_GSP_URL, SGKG_USER/SGKG_PASSWORD or SGKG_TOKEN, SGKG_TIMEOUT).",
)


def open_store(store_path: Path | str | None) -> GraphStore:
    """Open the store (a folder or a SPARQL endpoint) for this command; it is closed when the command ends."""
    from safeguarding_kg import store as stores

    try:
        store = stores.open_store(store_path)
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    click.get_current_context().call_on_close(store.close)
    return store


class _Commands(click.Group):
    """Store errors met while a command runs (an endpoint gone away, a refused request) print as messages."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except StoreError as e:
            raise click.ClickException(str(e)) from e


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sgkg")
def main() -> None:
    """Build and query a knowledge graph of Ofsted inspections, safeguarding board reviews,
    council action plans and committee papers about English children's services."""


@main.command()
# exists=False: a missing path or a broken link is reported like any file that cannot be read, and
# the other paths still load (click would refuse the whole command).
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=False, path_type=Path))
@store_option
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the totals.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Documents read in parallel, in this many processes (default: the machine's cores).")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=lambda _ctx, _param, path: _report_file(path),
              help="Also write the reading report of the documents named here to FILE.csv or FILE.json.")
def load(paths: tuple[Path, ...], store_path: Path | None, quiet: bool, jobs: int | None,
         report_path: Path | None) -> None:
    """Load documents (text, PDF, Word, Excel, ODS, CSV/TSV, HTML; files or folders, recursively) into the store.

    Each document is written atomically as its own named graph. Unchanged files are
    skipped; a changed file of the same name replaces its earlier version. The exit
    status is 1 when any file failed; the others are loaded all the same.
    """
    from safeguarding_kg.loaders.toolkit.text import display_name
    from safeguarding_kg.loading import find_files, load_paths

    store = open_store(store_path)
    files = find_files(paths, [store.path] if getattr(store, "path", None) else [])

    def progress(items):
        return click.progressbar(items, label="Loading", file=sys.stderr, show_pos=True,
                                 item_show_func=lambda p: display_name(p.name) if p else "")

    jobs = jobs or os.cpu_count() or 1
    if len(files) > 1 and sys.stderr.isatty():
        with progress(files) as bar:
            # The bar advances as each document is written (not while the folder is listed).
            reports = load_paths(store, files, progress=lambda _files: bar, jobs=jobs)
    else:
        reports = load_paths(store, files, jobs=jobs)
    _print_load_summary(reports, quiet)
    _reading_report(store, [r.path.name for r in reports if not r.failed], report_path)
    if any(r.failed for r in reports):
        sys.exit(1)


@main.command()
@store_option
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              callback=lambda _ctx, _param, path: _report_file(path),
              help="Also write the reading report to FILE.csv or FILE.json.")
def check(store_path: Path | None, report_path: Path | None) -> None:
    """The reading report of every document in the store: what a careful reader would flag
    (a section missing, a gap in paragraph numbers, a short judgement table, a provisional
    authority, a letter with no items). Exit status 1 when anything is flagged."""
    if _reading_report(open_store(store_path), None, report_path):
        sys.exit(1)


def _report_file(path: Path | None) -> Path | None:
    """Refuse a report file of another kind before anything is loaded."""
    if path is not None and path.suffix.lower() not in (".csv", ".json"):
        raise click.BadParameter(f"{path.name}: the reading report is written as .csv or .json")
    return path


def _reading_report(store, files: list[str] | None, report_path: Path | None) -> int:
    """Print the reading report (of ``files``, or of the whole store) and write it; the number of flags."""
    from safeguarding_kg.reading_report import check_store, render, write_report

    flags = check_store(store, files)
    click.echo("\n" + render(flags, "table"))
    if report_path is not None:
        try:
            write_report(flags, report_path)
        except (ValueError, OSError) as e:
            raise click.ClickException(f"cannot write the reading report: {e}") from e
    return len(flags)


def _print_load_summary(reports, quiet: bool) -> None:
    from safeguarding_kg.output import text_table

    shown = [r for r in reports if r.failed] if quiet else reports
    headers = ["file", "genre", "authority", *[_short(c) for c in SUMMARY_CLASSES], "status"]
    from safeguarding_kg.loaders.toolkit.text import display_name

    rows = [[display_name(r.path.name), r.genre or "", r.authority or "",
             *[r.counts.get(c, "") for c in SUMMARY_CLASSES],
             r.status + (f": {r.reason}" if r.reason else "")] for r in shown]
    if rows:
        click.echo(text_table(headers, rows, max_width=80))
    for r in reports:
        for warning in r.warnings:
            click.echo(f"warning: {display_name(r.path.name)}: {warning}", err=True)
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
    """Restore document graphs from a TriG or N-Quads export (each replaced atomically), then
    recompute what is inferred from them."""
    from pyoxigraph import RdfFormat

    from safeguarding_kg.linking import link_after_load
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
        link_after_load(store, graphs)
        click.echo(f"{file.name}: {len(quads)} quads, {len(graphs)} document graphs restored")
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
    from safeguarding_kg.linking import remove_documents

    store = open_store(store_path)
    graphs = [_document_graph(store, name) for name in documents]
    remove_documents(store, graphs)  # derived graphs (recurrence) are recomputed without them
    for name in documents:
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



# -- interactive views (pyvis and networkx are imported inside, so `sgkg --help` stays fast) ---------


@main.group("viz")
def viz() -> None:
    """Write an interactive graph view as one self-contained HTML file (works offline).

    Views: authority, inspection, theme, recurrence, query (a named query), sparql (any
    SELECT or CONSTRUCT). Views over the node cap are refused with how to narrow them.
    """


def _viz_options(filters: tuple[str, ...] = ()):
    """The options every view takes, plus the filters that make sense for it."""
    def decorate(command):
        options = [
            click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                         help="HTML file to write (default: out/<view>-<name>.html)."),
            click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser."),
            click.option("--types", default="", metavar="KINDS",
                         help="Only these node types, comma-separated (e.g. inspection,judgement,recommendation)."),
            click.option("--hide", default="", metavar="KINDS",
                         help="Leave out these node types (e.g. owner,finding)."),
            click.option("--max-nodes", default=2000, show_default=True, help="Refuse views with more nodes."),
            store_option,
        ]
        extra = {
            "from": click.option("--from", "start", metavar="DATE", help="Inspections starting on or after DATE."),
            "to": click.option("--to", "end", metavar="DATE", help="Inspections starting on or before DATE."),
            "framework": click.option("--framework", help="Only this framework (SIF, ILACS, focused-visit, …)."),
            "theme": click.option("--theme", help="Only recommendations and findings with this theme."),
            "as_of": click.option("--as-of", "as_of", metavar="DATE",
                                  help="Judge actions overdue as of DATE (default: each plan's last update)."),
            "authority": click.option("--authority", help="Only this authority's inspections."),
        }
        for name in reversed(filters):
            command = extra[name](command)
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


def _draw(make_view, default_name: str, output: Path | None, open_browser: bool, types: str, hide: str,
          max_nodes: int, store_path: Path | None) -> None:
    """Build the view, apply the node-type filter and the cap, write the page, say what was drawn."""
    from safeguarding_kg.named_queries import QueryParameterError
    from safeguarding_kg.results import QuerySyntaxError
    from safeguarding_kg.viz.render import write_html
    from safeguarding_kg.viz.views import ViewError, check_size, filter_kinds

    store = open_store(store_path)
    try:
        view = make_view(store)
        filter_kinds(view, _kinds(types), _kinds(hide))
        check_size(view, max_nodes)
    except (ViewError, QueryParameterError, QuerySyntaxError) as e:
        raise click.ClickException(str(e)) from e
    target = output or Path("out") / f"{_slug(default_name)}.html"
    write_html(view, target)
    nodes, edges = view.counts
    for note in view.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(f"wrote {target} ({nodes} nodes, {edges} edges)")
    if open_browser:
        import webbrowser

        webbrowser.open(target.resolve().as_uri())


def _kinds(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-").lower() or "view"


@viz.command("authority")
@click.argument("name")
@_viz_options(("from", "to", "framework", "theme", "as_of"))
def viz_authority(name: str, start, end, framework, theme, as_of, **common) -> None:
    """An authority's inspections over time: judgements by grade, recommendations, actions by status
    (overdue ones stand out), owners, themes and recurrence links."""
    from safeguarding_kg.viz.views import authority_view

    _draw(lambda store: authority_view(store, name, start=start, end=end, framework=framework, theme=theme,
                                       as_of=as_of), f"authority-{name}", **common)


@viz.command("inspection")
@click.argument("inspection")
@_viz_options(("as_of",))
def viz_inspection(inspection: str, as_of, **common) -> None:
    """One inspection: findings (by polarity) → recommendations → actions → owners.

    INSPECTION is its IRI, sgid:inspection/…, or AUTHORITY/framework/start-date
    (e.g. Solihull/sif/2016-04-25).
    """
    from safeguarding_kg.viz.views import inspection_view

    _draw(lambda store: inspection_view(store, inspection, as_of=as_of),
          "inspection-" + inspection.rstrip("/").split("inspection/")[-1], **common)


@viz.command("theme")
@click.argument("name")
@_viz_options(("authority", "from", "to", "framework"))
def viz_theme(name: str, authority, start, end, framework, **common) -> None:
    """Where a theme appears: its findings and recommendations, their inspections and years, the authorities."""
    from safeguarding_kg.viz.views import theme_view

    _draw(lambda store: theme_view(store, name, authority=authority, start=start, end=end, framework=framework),
          f"theme-{name}", **common)


@viz.command("recurrence")
@_viz_options(("authority", "from", "to", "framework"))
def viz_recurrence(authority, start, end, framework, **common) -> None:
    """Recommendations and weaknesses linked across inspections (sg:recurrenceOf)."""
    from safeguarding_kg.viz.views import recurrence_view

    _draw(lambda store: recurrence_view(store, authority=authority, start=start, end=end, framework=framework),
          f"recurrence-{authority or 'all'}", **common)


@viz.command("query")
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter (repeatable).")
@_viz_options()
def viz_query(name: str, params: tuple[str, ...], **common) -> None:
    """A named query's result drawn as a graph (see `sgkg queries`)."""
    from safeguarding_kg.viz.views import query_view

    values = _parse_params(params)
    _draw(lambda store: query_view(store, name, values), f"query-{name}", **common)


@viz.command("sparql")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@_viz_options()
def viz_sparql(file, **common) -> None:
    """Any SELECT or CONSTRUCT query from FILE (or - for standard input) drawn as a graph."""
    from safeguarding_kg.viz.views import sparql_view

    text = file.read()
    stem = Path(file.name).stem if file.name != "<stdin>" else "stdin"
    _draw(lambda store: sparql_view(store, text, file.name), f"sparql-{stem}", **common)


# -- the analyst's dossier (Jinja2 and vl-convert are imported inside) -------------------------------


@main.group("report")
def report() -> None:
    """Write an analyst's report as one self-contained HTML page (offline; prints to PDF from the browser).

    Reports: authority (the dossier of one authority), national.
    """


def _write_report(make, default_name: str, output: Path | None, store_path: Path | None) -> None:
    from safeguarding_kg.report.data import ReportError
    from safeguarding_kg.report.page import write

    store = open_store(store_path)
    try:
        html = make(store)
    except ReportError as e:
        raise click.ClickException(str(e)) from e
    target = write(html, output or Path("out") / f"{_slug(default_name)}.html")
    click.echo(f"wrote {target} ({len(html.encode()) / 1024:,.0f} KiB)")


report_output = click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                             help="HTML file to write (default: out/report-<name>.html).")


@report.command("authority")
@click.argument("name")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Judge actions overdue as of DATE (default: each plan's last update).")
@report_output
@store_option
def report_authority(name: str, as_of: str | None, output: Path | None, store_path: Path | None) -> None:
    """The dossier of one authority: grades over time, what inspectors keep saying, whether the council
    acted, its statistical neighbours, and every source line behind them."""
    from safeguarding_kg.report.authority import authority_report
    from safeguarding_kg.report.page import render_authority

    _write_report(lambda store: render_authority(authority_report(store, name, as_of)), f"report-{name}",
                  output, store_path)


@report.command("national")
@report_output
@store_option
def report_national(output: Path | None, store_path: Path | None) -> None:
    """Grades by framework and year, the themes most recommended per year, where themes recurred most."""
    from safeguarding_kg.report.national import national_report
    from safeguarding_kg.report.page import render_national

    _write_report(lambda store: render_national(national_report(store)), "report-national", output, store_path)


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 shares it with the network).")
@click.option("--port", default=7878, show_default=True, help="Port to listen on.")
@click.option("--read-only/--read-write", default=True, show_default=True,
              help="Refuse every update, or accept updates bearing the token in $SGKG_SERVE_TOKEN.")
def serve(store_path: Path | str | None, host: str, port: int, read_only: bool) -> None:
    """Serve the store as a SPARQL 1.1 endpoint (Query, Update, Graph Store) until Ctrl-C.

    YASGUI, Protégé, notebooks and BI tools connect to http://HOST:PORT/query. The Oxigraph
    server holds the store while it runs: other sgkg commands reach it through the endpoint
    (--store http://HOST:PORT, with SGKG_TOKEN for writes).
    """
    import os

    from safeguarding_kg.serve import TOKEN_ENV
    from safeguarding_kg.serve import serve as run_server
    from safeguarding_kg.store import default_store_location

    location = store_path or default_store_location()
    if str(location).startswith(("http://", "https://")):
        raise click.UsageError("sgkg serve serves a store folder, not an endpoint: give --store FOLDER")

    def announce(url: str) -> None:
        mode = "read-only" if read_only else f"read-write (updates need Authorization: Bearer ${TOKEN_ENV})"
        click.echo(f"Serving {location} {mode}\n  query:  {url}/query\n  update: {url}/update\n"
                   f"  graphs: {url}/store\n  YASGUI: {url}/\nCtrl-C stops.", err=True)

    run_server(Path(location), host=host, port=port, read_only=read_only,
               token=os.environ.get(TOKEN_ENV) or None, ready=announce)


if __name__ == "__main__":
    main()
