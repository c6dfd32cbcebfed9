"""Fit the theme classifier's three models on the labelled items and write them.

    .venv/bin/python bench/train_theme_ranker.py [--check] [--measure] [--splits dev heldout-v1 ...]

1. The **ranker** (``safeguarding_kg/theme_ranking.py``, ``data/theme-ranker.json``): each candidate
   theme the lexicon finds in a labelled item is one example, its features the lexicon's evidence
   (``theme_ranking.FEATURES``), its label whether a reader gave the item that theme; logistic (L2, C=1).
2. The **word model** (``safeguarding_kg/top_concepts.py``, ``data/theme-words.json``): per top concept,
   a logistic model (C=4) over the item's TF-IDF words and word pairs (``top_concepts.words_of``; terms
   in at least two items).
3. The **top-concept model** (``data/theme-tops.json``): each top concept with a candidate theme is one
   example, its features the aggregate of its candidate themes (``top_concepts.FEATURES``), computed with
   ranker and word-model probabilities from models fitted without the item's documents (inner folds), as
   they will be on unseen items.

The two thresholds (a top concept's probability; a theme's ranker probability within a kept top concept)
are chosen on predictions for documents held out of the fitting (inner folds): the top threshold nearest
the aim over top concepts (the largest min(P/0.9, R/0.9)), then the theme threshold with the best F1 over
themes. ``--measure`` prints, with nothing fitted or chosen on the scored items, P/R over top concepts
and themes by a 5-fold cross-validation with whole documents held out and on held-out v7 fitted on
dev .. v6 (the last split the lexicon was not tuned on), and keeps them in the model files; ``--check``
refits at the shipped thresholds and fails unless the shipped models are what the labelled set gives.

Needs scikit-learn (``pip install -e .[train]``); classifying does not.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from theme_quality import LABELLED, TUNED_ON, context, local, prf, rows, theme_table, tops

from safeguarding_kg.theme_ranking import FEATURES, MODEL_FILE, Model, features
from safeguarding_kg.themes import rank_themes, sentence_count, theme_candidates
from safeguarding_kg.top_concepts import FEATURES as TOP_FEATURES
from safeguarding_kg.top_concepts import (
    TOP_CONCEPTS,
    TOPS_FILE,
    WORDS_FILE,
    TopModel,
    WordModel,
    word_model_of,
    words_of,
)
from safeguarding_kg.top_concepts import features as top_features

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "safeguarding_kg" / "data"
MODEL_PATH = DATA / MODEL_FILE
THRESHOLDS = [round(0.20 + 0.025 * i, 3) for i in range(21)]  # 0.20 .. 0.70
FOLDS = 5
INNER_FOLDS = 4
SEED = 20261123
AIM = (0.90, 0.90)
WORDS_MIN_DF = 2
WORDS_C = 4.0
#: The splits fitted on: every labelled split (v7 included: it was scored once, with sgkg-lexicon-6).
SPLITS_FITTED = TUNED_ON
#: The split the lexicon was last not tuned on, for --measure.
UNTUNED = ("heldout-v7",)


def candidate_features(row: dict[str, str]) -> list[tuple[str, list[float]]]:
    """Each candidate theme the lexicon finds in a labelled item (local name), with its feature values."""
    found = theme_candidates(row["text"])
    candidates = [c for _, c in found]
    result = []
    for index, (theme, _) in enumerate(found):
        values = features(candidates, index, row["item_class"], sentence_count(row["text"]))
        result.append((local(theme), [values[name] for name in FEATURES]))
    return result


def examples(items: list[dict[str, str]]) -> tuple[list[list[float]], list[bool]]:
    x, y = [], []
    for row in items:
        gold = set(row["themes"].split())
        for theme, values in candidate_features(row):
            x.append(values)
            y.append(theme in gold)
    return x, y


def fit(items: list[dict[str, str]], threshold: float = 0.5) -> Model:
    from sklearn.linear_model import LogisticRegression

    x, y = examples(items)
    fitted = LogisticRegression(C=1.0, max_iter=10_000).fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(FEATURES, fitted.coef_[0], strict=True)}
    return Model(weights, round(float(fitted.intercept_[0]), 4), threshold)


def precision_recall(items: list[dict[str, str]], predicted: dict[str, set[str]]) -> tuple[float, float]:
    """Micro precision and recall over top concepts, counted by bench/theme_quality.py's own table."""
    top_concepts = theme_table(items, lambda row: predicted[row["item"]])[-2]  # the micro row over top concepts
    return prf(*top_concepts[1:])


def theme_precision_recall(items: list[dict[str, str]], predicted: dict[str, set[str]]) -> tuple[float, float]:
    return prf(*theme_table(items, lambda row: predicted[row["item"]])[-1][1:])


@dataclass(frozen=True)
class Models:
    ranker: Model
    tops: TopModel
    words: WordFit


def predict(items: list[dict[str, str]], models: Models) -> dict[str, set[str]]:
    """Each item's themes (local names) as the classifier gives them with these models."""
    return {row["item"]: {local(a.concept) for a in rank_themes(row["text"], context(row), models.ranker, models.tops,
                                                                 models.words.model).kept} for row in items}


def document_folds(items: list[dict[str, str]], folds: int = FOLDS, seed: int = SEED) -> list[set[str]]:
    """The items' documents dealt into seeded folds: a fold holds whole documents."""
    documents = sorted({row["document"] for row in items})
    random.Random(seed).shuffle(documents)
    return [set(documents[i::folds]) for i in range(folds)]


def fit_words(items: list[dict[str, str]]) -> WordFit:
    """One TF-IDF logistic model per top concept over the items' words and word pairs."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = TfidfVectorizer(analyzer=words_of, min_df=WORDS_MIN_DF, sublinear_tf=True)
    x = vectoriser.fit_transform([r["text"] for r in items])
    terms = [str(t) for t in vectoriser.get_feature_names_out()]
    weights, intercepts = {}, {}
    for top in TOP_CONCEPTS:
        y = [top in tops({t for t in r["themes"].split()}) for r in items]
        fitted = LogisticRegression(C=WORDS_C, max_iter=10_000).fit(x, y)
        weights[top] = [round(float(w), 4) for w in fitted.coef_[0]]
        intercepts[top] = round(float(fitted.intercept_[0]), 4)
    idf = [round(float(v), 4) for v in vectoriser.idf_]
    return WordFit(terms, idf, weights, intercepts)


@dataclass(frozen=True)
class WordFit:
    """A fitted word model as it is written (terms, idf, per top weights and intercepts), and to score with."""

    terms: list[str]
    idf: list[float]
    weights: dict[str, list[float]]
    intercepts: dict[str, float]

    @functools.cached_property
    def model(self) -> WordModel:
        return word_model_of(self.terms, self.idf, self.weights, self.intercepts)

    def probabilities(self, text: str) -> dict[str, float]:
        return self.model.probabilities(text)


def _out_of_fold(items: list[dict[str, str]]) -> tuple[dict[str, list[float]], dict[str, dict[str, float]]]:
    """Each item's candidate theme probabilities and word-model probabilities from models fitted without its
    documents: what the top-concept model will see on unseen items."""
    themes: dict[str, list[float]] = {}
    words: dict[str, dict[str, float]] = {}
    for fold in document_folds(items, INNER_FOLDS, SEED + 1):
        train = [r for r in items if r["document"] not in fold]
        ranker, word_model = fit(train), fit_words(train)
        for row in items:
            if row["document"] in fold:
                themes[row["item"]] = _theme_probabilities(row, ranker)
                words[row["item"]] = word_model.probabilities(row["text"])
    return themes, words


def _theme_probabilities(row: dict[str, str], ranker: Model) -> list[float]:
    candidates = [c for _, c in theme_candidates(row["text"])]
    n = sentence_count(row["text"])
    return [ranker.probability(features(candidates, i, row["item_class"], n)) for i in range(len(candidates))]


def fit_tops(items: list[dict[str, str]], threshold: float = 0.5) -> TopModel:
    from sklearn.linear_model import LogisticRegression

    oof_themes, oof_words = _out_of_fold(items)
    x, y = [], []
    for row in items:
        candidates = [c for _, c in theme_candidates(row["text"])]
        gold = tops(set(row["themes"].split()))
        for top, values in top_features(candidates, oof_themes[row["item"]], row["item_class"],
                                        sentence_count(row["text"]), oof_words[row["item"]]).items():
            x.append([values[n] for n in TOP_FEATURES])
            y.append(top in gold)
    fitted = LogisticRegression(C=1.0, max_iter=10_000).fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(TOP_FEATURES, fitted.coef_[0], strict=True)}
    return TopModel(weights, round(float(fitted.intercept_[0]), 4), threshold)


def fit_all(items: list[dict[str, str]], thresholds: tuple[float, float] | None = None) -> Models:
    """The three models fitted on the items; the thresholds chosen on out-of-fold predictions unless given."""
    top, theme = thresholds or choose_thresholds(items)
    return Models(fit(items, theme), fit_tops(items, top), fit_words(items))


def choose_thresholds(items: list[dict[str, str]]) -> tuple[float, float]:
    """The top-concept threshold nearest the aim over top concepts, then the theme threshold with the best F1
    over themes, both on predictions for documents held out of the fitting (inner folds)."""
    folds = document_folds(items, INNER_FOLDS, SEED + 2)
    fitted = [(fold, fit_all([r for r in items if r["document"] not in fold], (0.5, 0.5))) for fold in folds]

    def pooled(top: float, theme: float) -> dict[str, set[str]]:
        guessed: dict[str, set[str]] = {}
        for fold, models in fitted:
            use = Models(Model(models.ranker.weights, models.ranker.intercept, theme),
                         TopModel(models.tops.weights, models.tops.intercept, top), models.words)
            guessed |= predict([r for r in items if r["document"] in fold], use)
        return guessed

    by_top = {t: precision_recall(items, pooled(t, 0.5)) for t in THRESHOLDS}
    top = nearest_aim(by_top)
    by_theme = {t: theme_precision_recall(items, pooled(top, t)) for t in THRESHOLDS}
    theme = max(by_theme, key=lambda t: (_f1(*by_theme[t]), -t))
    return top, theme


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validated(items: list[dict[str, str]]) -> dict[str, float]:
    """P/R over top concepts and themes, each fold's models fitted (and thresholds chosen) without its documents."""
    predicted: dict[str, set[str]] = {}
    for fold in document_folds(items):
        models = fit_all([r for r in items if r["document"] not in fold])
        predicted |= predict([r for r in items if r["document"] in fold], models)
    (p, r), (tp, tr) = precision_recall(items, predicted), theme_precision_recall(items, predicted)
    return {"precision": round(p, 3), "recall": round(r, 3), "theme_precision": round(tp, 3),
            "theme_recall": round(tr, 3)}


def tested_on(items: list[dict[str, str]], newest: list[str]) -> dict[str, float]:
    """P/R on the ``newest`` splits, the models fitted on the others."""
    models = fit_all([r for r in items if r["split"] not in newest])
    unseen = [r for r in items if r["split"] in newest]
    predicted = predict(unseen, models)
    (p, r), (tp, tr) = precision_recall(unseen, predicted), theme_precision_recall(unseen, predicted)
    return {"precision": round(p, 3), "recall": round(r, 3), "theme_precision": round(tp, 3),
            "theme_recall": round(tr, 3), "thresholds": [models.tops.threshold, models.ranker.threshold]}


def nearest_aim(table: dict[float, tuple[float, float]]) -> float:
    return max(table, key=lambda t: (min(table[t][0] / AIM[0], table[t][1] / AIM[1]), -t))


def fingerprint(items: list[dict[str, str]]) -> str:
    """A digest of the rows fitted on (adding a later held-out split to the file does not change it)."""
    return hashlib.sha256("\n".join(json.dumps(r, sort_keys=True) for r in items).encode()).hexdigest()


def trained(splits: list[str], measured: dict | None = None,
            thresholds: tuple[float, float] | None = None) -> dict[str, dict]:
    """The three model files' contents, fitted on ``splits`` (at the given thresholds, else chosen anew)."""
    items = [r for r in rows() if r["split"] in splits]
    models = fit_all(items, thresholds)
    x, _ = examples(items)
    trained_on = {"file": str(LABELLED.relative_to(ROOT)), "splits": splits, "items": len(items),
                  "sha256": fingerprint(items)}
    by = "bench/train_theme_ranker.py"
    words = models.words
    return {
        MODEL_FILE: {
            "about": "Theme ranker of safeguarding-kg: logistic weights over the lexicon's evidence "
                     f"(safeguarding_kg/theme_ranking.py), fitted by {by}; threshold: what a theme of a kept "
                     "top concept needs.",
            "trained_on": {**trained_on, "candidates": len(x)},
            "threshold": models.ranker.threshold, "intercept": models.ranker.intercept,
            "weights": models.ranker.weights},
        TOPS_FILE: {
            "about": "Top-concept model of safeguarding-kg: logistic weights over the evidence of a top concept's "
                     f"candidate themes (safeguarding_kg/top_concepts.py), fitted by {by}.",
            "trained_on": trained_on, "measured": measured or {},
            "threshold": models.tops.threshold, "intercept": models.tops.intercept, "weights": models.tops.weights},
        WORDS_FILE: {
            "about": "Word model of safeguarding-kg: per top concept, logistic weights over TF-IDF words and word "
                     f"pairs (safeguarding_kg/top_concepts.py), fitted by {by}.",
            "trained_on": trained_on, "terms": words.terms, "idf": words.idf,
            "intercepts": words.intercepts, "weights": words.weights},
    }


#: How far a refitted weight may be from the shipped one: solvers of other scikit-learn versions differ in the
#: 4th place.
TOLERANCE = 0.005


def same_model(shipped: dict, refitted: dict) -> bool:
    """Same metadata, thresholds and terms, and every number within TOLERANCE (the measured figures aside)."""
    return all(_close(shipped.get(k), v) for k, v in refitted.items() if k != "measured")


def _close(a: object, b: object) -> bool:
    if isinstance(b, dict):
        return isinstance(a, dict) and a.keys() == b.keys() and all(_close(a[k], b[k]) for k in b)
    if isinstance(b, list):
        return isinstance(a, list) and len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(b, float) and isinstance(a, (int, float)):
        return abs(a - b) <= TOLERANCE
    return a == b


def measure(splits: list[str]) -> dict:
    items = [r for r in rows() if r["split"] in splits]
    result = {"cross_validated": {"folds": FOLDS, "by": "document", "splits": splits, **cross_validated(items)}}
    if all(s in splits for s in UNTUNED):
        result["held_out"] = {"fitted_on": [s for s in splits if s not in UNTUNED], "scored_on": list(UNTUNED),
                              **tested_on(items, list(UNTUNED))}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--splits", nargs="+", default=list(SPLITS_FITTED), help="the labelled splits to fit on")
    parser.add_argument("--check", action="store_true", help="fail unless the shipped models are what training gives")
    parser.add_argument("--measure", action="store_true",
                        help="also measure (cross-validated and held-out v7) and keep the figures; slow")
    args = parser.parse_args()
    names = (MODEL_FILE, TOPS_FILE, WORDS_FILE)
    shipped = {n: json.loads((DATA / n).read_text(encoding="utf-8")) for n in names if (DATA / n).exists()}
    measured = measure(args.splits) if args.measure else shipped.get(TOPS_FILE, {}).get("measured")
    if measured:
        print(json.dumps(measured, indent=2))
    # --check refits at the shipped thresholds (choosing them again fits every model 20 times more)
    at = (shipped[TOPS_FILE]["threshold"], shipped[MODEL_FILE]["threshold"]) if args.check and len(shipped) == 3 \
        else None
    result = trained(args.splits, measured, at)
    if args.check:
        wrong = [name for name, content in result.items()
                 if name not in shipped or not same_model(shipped[name], content)]
        if wrong:
            sys.exit(f"{', '.join(wrong)} not what the labelled set gives: run bench/train_theme_ranker.py")
        print("the shipped models are what the labelled set gives")
        return
    for name, content in result.items():
        (DATA / name).write_text(json.dumps(content, indent=None if name == WORDS_FILE else 2) + "\n",
                                 encoding="utf-8")
    print(f"wrote {', '.join(result)}: thresholds top {result[TOPS_FILE]['threshold']}, "
          f"theme {result[MODEL_FILE]['threshold']}; {result[TOPS_FILE]['trained_on']['items']} items, "
          f"{len(result[WORDS_FILE]['terms'])} word-model terms")


if __name__ == "__main__":
    main()
