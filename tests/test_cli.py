"""The sgkg command line on real documents and a real on-disk store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.cli import main
from safeguarding_kg.namespaces import PROV, RDF, SG, XSD
from safeguarding_kg.store import GraphStore

LETTER = "solihull_unannounced-inspection-letter_2011.txt"
REPORT = "solihull_inspection-and-lscb-review_2016.txt"


def sgkg(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole sample corpus loaded once through the CLI (read by the tests that only look)."""
    path = tmp_path_factory.mktemp("sample") / "store"
    result = sgkg("load", Path(__file__).resolve().parent.parent / "sample-corpus", "--store", path)
    assert result.exit_code == 0, result.output
    return path


def quad_count(path: Path) -> int:
    with GraphStore(path) as store:
        return len(store)


def test_the_sample_corpus_loads_every_document(loaded_store: Path, sample_corpus: Path) -> None:
    documents = sgkg("docs", "--store", loaded_store).output
    expected = sorted(p.name for p in sample_corpus.iterdir() if p.suffix in {".txt", ".pdf"})
    assert all(name in documents for name in expected)
    assert f"{len(expected)} documents" in documents


def test_loading_the_same_bytes_again_changes_nothing(loaded_store: Path, sample_corpus: Path) -> None:
    before = quad_count(loaded_store)
    result = sgkg("load", sample_corpus, "--store", loaded_store)
    assert result.exit_code == 0
    assert "unchanged" in result.output and " loaded" not in result.output.split("files:")[-1]
    assert quad_count(loaded_store) == before


def test_stats_counts_nodes_per_class(loaded_store: Path) -> None:
    output = sgkg("stats", "--store", loaded_store).output
    for name in ("sg:Document", "sg:Inspection", "sg:Judgement", "sg:Recommendation", "sg:Finding"):
        assert name in output


def test_a_changed_file_of_the_same_name_replaces_its_graph(tmp_path: Path, sample_corpus: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    letter = folder / LETTER
    original = (sample_corpus / LETTER).read_text(encoding="utf-8")
    letter.write_text(original, encoding="utf-8")
    store = tmp_path / "store"
    assert sgkg("load", letter, "--store", store).exit_code == 0

    letter.write_text(original.replace("are effective, are embedded well", "are effective and embedded"))
    result = sgkg("load", letter, "--store", store)
    assert result.exit_code == 0 and "replaced" in result.output
    graph = GraphStore(store)
    found = graph.select("SELECT ?t WHERE { ?f sg:text ?t FILTER(CONTAINS(?t, 'Early intervention services')) }")
    assert [row["t"].value.count("are effective and embedded") for row in found] == [1]
    graph.close()
    assert "1 documents" in sgkg("docs", "--store", store).output


def test_remove_drops_a_document_and_what_only_it_said(tmp_path: Path, sample_corpus: Path) -> None:
    store = tmp_path / "store"
    assert sgkg("load", sample_corpus / LETTER, sample_corpus / REPORT, "--store", store).exit_code == 0
    assert sgkg("remove", LETTER, "--store", store).exit_code == 0
    graph = GraphStore(store)
    frameworks = {r["f"].value.rsplit("#")[-1] for r in graph.select("SELECT ?f WHERE { ?i sg:framework ?f }")}
    assert frameworks == {"SIF"}
    graph.close()
    assert sgkg("remove", LETTER, "--store", store).exit_code != 0  # no longer there: said so


def test_a_document_that_fails_half_way_leaves_nothing_and_keeps_the_old_version(
    tmp_path: Path, sample_corpus: Path
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    report = folder / REPORT
    shutil.copy(sample_corpus / REPORT, report)
    store = tmp_path / "store"
    assert sgkg("load", report, "--store", store).exit_code == 0
    before = quad_count(store)

    # A real malformed input: the report with its inspection dates cut out. The loader
    # recognises it and reads much of it before finding that nothing names the inspection.
    text = report.read_text(encoding="utf-8")
    report.write_text("\n".join(line for line in text.splitlines() if not line.startswith("Inspection date")))
    result = sgkg("load", report, "--store", store)
    assert result.exit_code == 1
    assert "failed" in result.output and "date" in result.output
    assert quad_count(store) == before

    fresh = tmp_path / "fresh"
    assert sgkg("load", report, "--store", fresh).exit_code == 1
    assert sgkg("docs", "--store", fresh).output.strip().endswith("0 documents")


def test_bad_inputs_are_named_with_their_reason_while_the_others_load(tmp_path: Path, sample_corpus: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(sample_corpus / LETTER, folder / LETTER)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 50)
    (folder / "chinese.txt").write_bytes(("儿童服务检查报告。" * 200).encode("gb18030"))
    pdf = (sample_corpus / "solihull_focused-visit_2021-08-02.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "recipe.txt").write_text("Victoria sponge\n\nCream the butter and sugar, then add the eggs.\n")

    result = sgkg("load", folder, "--store", tmp_path / "store")
    assert result.exit_code == 1
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.split()}
    assert "empty file" in lines["empty.txt"]
    assert "binary file" in lines["junk.txt"]
    assert "not UTF-8" in lines["chinese.txt"]
    assert "failed" in lines["truncated.pdf"]
    assert "not a recognised document type" in lines["recipe.txt"]
    assert "loaded" in lines[LETTER]
    assert "1 loaded" in result.output and "5 failed" in result.output


def test_export_then_import_gives_the_same_graphs(loaded_store: Path, tmp_path: Path) -> None:
    import rdflib
    from rdflib.compare import isomorphic

    export = tmp_path / "all.trig"
    assert sgkg("export", "--store", loaded_store, "--format", "trig", "--output", export).exit_code == 0
    fresh = tmp_path / "fresh"
    assert sgkg("import", export, "--store", fresh).exit_code == 0

    original, restored = GraphStore(loaded_store), GraphStore(fresh)
    documents = [NamedNode(d.iri) for d in original.documents()]
    assert [d.iri for d in restored.documents()] == [d.iri for d in original.documents()]
    for document in documents:
        a = set(original.quads(document))
        assert a and a == set(restored.quads(document))
    original.close()
    restored.close()
    reexport = tmp_path / "again.trig"
    assert sgkg("export", "--store", fresh, "--output", reexport).exit_code == 0
    first, second = (rdflib.Dataset().parse(f, format="trig") for f in (export, reexport))
    names = {g.identifier for g in first.graphs()}
    assert names == {g.identifier for g in second.graphs()} and len(names) > 3
    for name in names:
        assert isomorphic(first.graph(name), second.graph(name)), name


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld"])
def test_every_export_format_parses_back(loaded_store: Path, tmp_path: Path, fmt: str) -> None:
    import rdflib

    out = tmp_path / f"out.{fmt}"
    graph_args = ["--graph", LETTER] if fmt == "turtle" else []
    assert sgkg("export", "--store", loaded_store, "--format", fmt, *graph_args, "--output", out).exit_code == 0
    parsed = rdflib.Dataset().parse(out, format={"turtle": "turtle", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    assert len(parsed) > 0 or sum(len(g) for g in parsed.graphs()) > 0


def test_validate_passes_on_the_sample_corpus_and_fails_on_a_planted_violation(loaded_store: Path,
                                                                                tmp_path: Path) -> None:
    result = sgkg("validate", "--store", loaded_store)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output

    planted = tmp_path / "planted"
    shutil.copytree(loaded_store, planted)
    store = GraphStore(planted)
    document = NamedNode(store.documents()[0].iri)
    planted_node = NamedNode("https://w3id.org/safeguarding-kg/id/planted")
    store.put_document(document, [*store.quads(document),  # a judgement with no grade, and a date that is not one
                                  Quad(planted_node, RDF.type, SG.Judgement, document),
                                  Quad(planted_node, SG.startDate, Literal("last spring"), document),
                                  Quad(planted_node, PROV.wasDerivedFrom, document, document),
                                  Quad(planted_node, SG.sourceLine, Literal("1", datatype=XSD.integer), document)])
    store.close()
    result = sgkg("validate", "--store", planted)
    assert result.exit_code == 1
    assert "sg:grade" in result.output and "planted" in result.output


def test_a_second_writer_is_refused_clearly(tmp_path: Path, sample_corpus: Path) -> None:
    path = tmp_path / "store"
    holder = GraphStore(path)
    # The installed console script, as a user runs it (`python -m` from the checkout would import
    # the repository's safeguarding_kg/ folder instead of the installed package).
    sgkg_script = str(Path(sys.executable).with_name("sgkg"))
    result = subprocess.run([sgkg_script, "load", str(sample_corpus / LETTER), "--store", str(path)],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 1
    assert "in use by another sgkg process" in result.stderr
    assert holder.documents() == []


def test_help_imports_no_heavy_module(tmp_path: Path) -> None:
    code = ("import sys; from click.testing import CliRunner; from safeguarding_kg.cli import main; "
            "CliRunner().invoke(main, ['--help']); CliRunner().invoke(main, ['load', '--help']); "
            "CliRunner().invoke(main, ['report', 'authority', '--help']); "
            "print(sorted(m for m in ('rdflib', 'pyshacl', 'pypdfium2', 'pyvis', 'networkx', 'docx', 'jinja2', "
            "'vl_convert') "
            "if m in sys.modules))")
    # Run outside the checkout, so the installed package is imported, not the repository's folder.
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.stdout.strip() == "[]", result.stderr
