"""Would a fitted polarity model beat the polarity rules? A candidate measured, not shipped.

    .venv/bin/python bench/polarity_model.py [--boot 1000]

The candidate: a multinomial logistic model over clause-level evidence -- the clause reader
(``themes.clause_marks``) marks each clause of each sentence as praising, criticising or neither, once
denials, conditions and shortfalls being put right are removed; the features aggregate those marks (the
shares of praising and criticising clauses and sentences, the first and last sentence and clause,
contrast words, mild and strong criticism) with the cue rules' own reading.

The examples are the labelled findings whose polarity a heading does not state (a letter's "strengths"
and "areas for development" decide theirs), the label the reader's polarity. It prints, for the rules
(``themes.rule_polarity``) and the model, accuracy under a 5-fold cross-validation with whole documents
held out, and on held-out v7 with the model fitted on dev .. v6 (v7 was the last split the cue lists
were not tuned on), with a 95 % interval for the difference from a bootstrap over documents. The model
did not win beyond that noise (docs/themes.md), so the rules stay. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import math
import random
import re
from dataclasses import dataclass

from theme_quality import local, rows
from train_theme_ranker import document_folds

from safeguarding_kg.namespaces import SG
from safeguarding_kg.themes import KIND_POLARITY, clause_marks, rule_polarity

CLASSES = ("Strength", "Weakness", "Mixed", "Neutral")

_CONTRAST = re.compile(r"\b(?:however|but|although|though|nevertheless|nonetheless|whilst|while|despite|yet)\b")
#: Criticism that qualifies rather than condemns: what a mixed finding's weak half usually says.
_MILD = re.compile(r"\b(?:not always|not all|not yet|yet to|some|a minority|a small number|inconsisten\w*|variable"
                   r"|could be|further|more work|still|although)\b")
_STRONG = re.compile(r"\b(?:inadequate|poor|weak|serious\w*|too many|fail\w*|unsafe|significant (?:weakness|delay"
                     r"|concern)\w*|not good enough|widespread|systemic)\b")

FEATURES: dict[str, str] = {
    "praising_clauses": "clauses that praise (capped at 4)",
    "criticising_clauses": "clauses that criticise (capped at 4)",
    "criticising_share": "share of the judging clauses that criticise",
    "praising_sentences_share": "share of sentences that praise",
    "criticising_sentences_share": "share of sentences that criticise",
    "both_in_a_sentence": "a sentence that praises and criticises",
    "first_praises": "the first sentence praises",
    "first_criticises": "the first sentence criticises",
    "last_praises": "the last sentence praises",
    "last_criticises": "the last sentence criticises",
    "no_judgement": "no clause praises or criticises",
    "contrast": "a contrast word (however, but, although ...)",
    "mild": "mild criticism (not always, some, inconsistent ...)",
    "strong": "strong criticism (inadequate, poor, too many ...)",
    "log_sentences": "the finding's length in sentences (log)",
    "last_clause_praises": "the last judging clause praises",
    "rule_Strength": "the cue rules read a strength",
    "rule_Weakness": "the cue rules read a weakness",
    "rule_Mixed": "the cue rules read a mixed finding",
}


def features(marks: list[list[str]], text: str, rule: str) -> dict[str, float]:
    """The model's features from a finding's clause marks, its (case-folded) text and the cue rules' reading."""
    clauses = [m for sentence in marks for m in sentence]
    judging = [m for m in clauses if m]
    praising, criticising = clauses.count("+"), clauses.count("-")
    n = max(len(marks), 1)
    first, last = (marks[0], marks[-1]) if marks else ([], [])
    return {
        "praising_clauses": min(praising, 4),
        "criticising_clauses": min(criticising, 4),
        "criticising_share": criticising / (praising + criticising) if praising + criticising else 0.5,
        "praising_sentences_share": sum("+" in s for s in marks) / n,
        "criticising_sentences_share": sum("-" in s for s in marks) / n,
        "both_in_a_sentence": float(any("+" in s and "-" in s for s in marks)),
        "first_praises": float("+" in first),
        "first_criticises": float("-" in first),
        "last_praises": float("+" in last),
        "last_criticises": float("-" in last),
        "no_judgement": float(not praising and not criticising),
        "contrast": float(bool(_CONTRAST.search(text))),
        "mild": float(bool(_MILD.search(text))),
        "strong": float(bool(_STRONG.search(text))),
        "log_sentences": math.log(n),
        "last_clause_praises": float(bool(judging) and judging[-1] == "+"),
        "rule_Strength": float(rule == "Strength"),
        "rule_Weakness": float(rule == "Weakness"),
        "rule_Mixed": float(rule == "Mixed"),
    }


@dataclass(frozen=True)
class Model:
    """Per class: an intercept and one weight per feature (multinomial logistic)."""

    intercepts: dict[str, float]
    weights: dict[str, dict[str, float]]

    def probabilities(self, values: dict[str, float]) -> dict[str, float]:
        z = {c: self.intercepts[c] + sum(self.weights[c].get(f, 0.0) * v for f, v in values.items())
             for c in self.intercepts}
        top = max(z.values())
        e = {c: math.exp(v - top) for c, v in z.items()}
        total = sum(e.values())
        return {c: v / total for c, v in e.items()}

    def why(self, label: str, values: dict[str, float], strongest: int = 2) -> str:
        parts = sorted(((self.weights[label].get(f, 0.0) * v, f) for f, v in values.items() if v),
                       key=lambda p: -abs(p[0]))
        return ", ".join(f"{FEATURES[f]} {w:+.2f}" for w, f in parts[:strongest])


def decide(marks: list[list[str]], text: str, rule: str, fitted: Model) -> tuple[str, float, str]:
    """(class, its probability, the weightiest features) for one finding."""
    values = features(marks, text.lower(), rule)
    p = fitted.probabilities(values)
    label = max(p, key=lambda c: (p[c], -CLASSES.index(c)))
    return label, p[label], fitted.why(label, values)


SEED = 20261208
C = 1.0


def findings(splits: list[str] | None = None) -> list[dict[str, str]]:
    """Labelled findings whose polarity no heading states."""
    return [r for r in rows() if r["polarity"] and SG[r["finding_kind"]] not in KIND_POLARITY
            and (splits is None or r["split"] in splits)]


def vector(row: dict[str, str]) -> list[float]:
    values = features(clause_marks(row["text"]), row["text"].lower(), rules_say(row))
    return [values[f] for f in FEATURES]


def fit(items: list[dict[str, str]]) -> Model:
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=C, max_iter=10_000).fit([vector(r) for r in items], [r["polarity"] for r in items])
    classes = [str(c) for c in fitted.classes_]
    intercepts = {c: 0.0 for c in CLASSES}
    weights = {c: {f: 0.0 for f in FEATURES} for c in CLASSES}
    for i, c in enumerate(classes):
        intercepts[c] = round(float(fitted.intercept_[i]), 4)
        weights[c] = {f: round(float(w), 4) for f, w in zip(FEATURES, fitted.coef_[i], strict=True)}
    for c in CLASSES:  # a class never labelled can never win
        if c not in classes:
            intercepts[c] = -50.0
    return Model(intercepts, weights)


def model_says(row: dict[str, str], fitted: Model) -> str:
    return decide(clause_marks(row["text"]), row["text"], rules_say(row), fitted)[0]


def rules_say(row: dict[str, str]) -> str:
    return local(rule_polarity(row["text"]).concept)


def cross_validated(items: list[dict[str, str]]) -> dict[str, str]:
    guessed = {}
    for fold in document_folds(items):
        fitted = fit([r for r in items if r["document"] not in fold])
        guessed |= {r["item"]: model_says(r, fitted) for r in items if r["document"] in fold}
    return guessed


def interval(items: list[dict[str, str]], a: dict[str, str], b: dict[str, str], n: int) -> tuple[float, float]:
    """95 % interval of accuracy(b) - accuracy(a), resampling whole documents."""
    by_doc: dict[str, list[dict[str, str]]] = {}
    for r in items:
        by_doc.setdefault(r["document"], []).append(r)
    documents = sorted(by_doc)
    rng = random.Random(SEED)
    deltas = []
    for _ in range(n):
        sample = [r for d in rng.choices(documents, k=len(documents)) for r in by_doc[d]]
        deltas.append(sum((b[r["item"]] == r["polarity"]) - (a[r["item"]] == r["polarity"]) for r in sample)
                      / len(sample))
    deltas.sort()
    return deltas[int(0.025 * n)], deltas[int(0.975 * n) - 1]


def accuracy(items: list[dict[str, str]], guessed: dict[str, str]) -> str:
    right = sum(guessed[r["item"]] == r["polarity"] for r in items)
    return f"{right}/{len(items)} = {right / len(items):.3f}"


def compare(boot: int) -> None:
    items = findings()
    rules = {r["item"]: rules_say(r) for r in items}
    cv = cross_validated(items)
    lo, hi = interval(items, rules, cv, boot)
    print(f"{len(items)} findings whose polarity no heading states, {len({r['document'] for r in items})} documents")
    print("\n| polarity | rules | model | model - rules (95 % interval) |\n|---|---:|---:|---|")
    print(f"| all labelled, model cross-validated by document | {accuracy(items, rules)} | {accuracy(items, cv)} "
          f"| {lo:+.3f} .. {hi:+.3f} |")
    v7 = [r for r in items if r["split"] == "heldout-v7"]
    fitted = fit([r for r in items if r["split"] != "heldout-v7"])
    on_v7 = {r["item"]: model_says(r, fitted) for r in v7}
    lo, hi = interval(v7, rules, on_v7, boot)
    print(f"| held-out v7, model fitted on dev .. v6 | {accuracy(v7, rules)} | {accuracy(v7, on_v7)} "
          f"| {lo:+.3f} .. {hi:+.3f} |")
    for name, guessed, selected in (("rules", rules, items), ("model (cross-validated)", cv, items)):
        confusion = {(r["polarity"], guessed[r["item"]]) for r in selected}
        counts = {pair: sum((r["polarity"], guessed[r["item"]]) == pair for r in selected) for pair in confusion}
        wrong = ", ".join(f"{g}->{p} {n}" for (g, p), n in sorted(counts.items(), key=lambda kv: -kv[1]) if g != p)
        print(f"\n{name}: errors {wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the intervals")
    compare(parser.parse_args().boot)


if __name__ == "__main__":
    main()
