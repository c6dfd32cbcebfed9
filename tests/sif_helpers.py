"""Shared helpers for the SIF / LSCB tests: extraction summaries and comparison with the gold readings."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.text import words_start

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOLD = TESTS / "fixtures" / "gold"
PDFS = TESTS / "fixtures" / "pdf"
CORPUS = ROOT / "sample-corpus"
PROVENANCE = {"sourceLine", "sourcePage", "wasDerivedFrom", "reportedIn"}


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text())


def local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def nodes(out: Extraction) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for quad in out.quads:
        found[quad.subject.value][local(quad.predicate.value)].append(quad.object.value)
    return found


def of_type(out: Extraction, type_name: str) -> list[dict[str, list[str]]]:
    return [p for p in nodes(out).values() if type_name in {local(t) for t in p.get("type", [])}]


def facts(out: Extraction) -> set[tuple[str, str, str]]:
    """Every triple but provenance and the document node: what must agree between two copies of a report."""
    return {(q.subject.value, local(q.predicate.value), q.object.value) for q in out.quads
            if local(q.predicate.value) not in PROVENANCE and q.subject != out.document}


def compare_with_gold(out: Extraction, reading: dict) -> list[str]:
    """Differences between an extraction and a gold reading (empty when equal)."""
    errors: list[str] = []
    judgements = {p["areaText"][0]: p for p in of_type(out, "Judgement")}
    if len(judgements) != len(reading["judgements"]):
        errors.append(f"judgements: {len(judgements)} != {len(reading['judgements'])}")
    for j in reading["judgements"]:
        ours = judgements.get(j["area"])
        if ours is None or ours["gradeText"] != [j["grade"]] or ours["sourceLine"] != [str(j["line"])]:
            errors.append(f"judgement {j['area']}: {ours and (ours['gradeText'], ours['sourceLine'])}")
    recs = {int(p["number"][0]): p for p in of_type(out, "Recommendation")}
    gold_recs = {r["number"]: r for r in reading["recommendations"]}
    if set(recs) != set(gold_recs):
        errors.append(f"recommendation numbers {sorted(recs)} != {sorted(gold_recs)}")
    for number, g in gold_recs.items():
        ours = recs.get(number)
        if ours is None:
            continue
        based_on = sorted(int(x.rsplit("/", 1)[1]) for x in ours.get("basedOnFinding", []))
        got = (words_start(ours["text"][0]), int(ours["sourceLine"][0]), based_on)
        if got != (g["text_start"], g["line"], g.get("para_refs", [])):
            errors.append(f"recommendation {number}: {got}")
    findings = {int(p["paragraphNumber"][0]): p for p in of_type(out, "Finding")}
    gold_findings = {f["number"]: f for f in reading["findings"]}
    if set(findings) != set(gold_findings):
        errors.append(f"finding numbers differ: {sorted(set(findings) ^ set(gold_findings))}")
    for number, g in gold_findings.items():
        ours = findings.get(number)
        if ours is None:
            continue
        numbered = [r for r in g["recommendation_refs"] if r != "unnumbered"]
        cited = sorted(int(x.rsplit("/", 1)[1]) for x in ours.get("citesRecommendation", []))
        got = (words_start(ours["text"][0]), int(ours["sourceLine"][0]), ours["sectionHeading"],
               cited, "unnumbered" in g["recommendation_refs"] and ours.get("unnumberedRecommendationMarker"),
               ours.get("recommendationMarker"))
        want = (g["text_start"], g["line"], [g.get("subsection") or g["section"]],
                sorted(numbered + g.get("cited_by_recommendations_via_para_ref", [])),
                "unnumbered" in g["recommendation_refs"] and ["true"],
                [g["ref_marker"]] if g.get("ref_marker") else None)
        if got != want:
            errors.append(f"finding {number}: {got} != {want}")
    people = sorted((p["name"][0], p["roleText"][0], int(p["sourceLine"][0])) for p in of_type(out, "Person"))
    gold_people = sorted((p["name"], p["role_as_written"], p["line"]) for p in reading["inspectors"])
    if people != gold_people:
        errors.append(f"inspectors {people} != {gold_people}")
    return errors
