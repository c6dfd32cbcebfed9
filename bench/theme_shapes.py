"""Which classification shape keeps every main subject? Candidates compared by document-grouped cross-validation.

    .venv/bin/python bench/theme_shapes.py [--splits dev heldout-v1 ...] [--boot 1000]

Every candidate reads the same lexicon candidates (``themes.theme_candidates``) and differs in how it decides:

- ``ranker``: today's shape (``theme_ranking.kept``): one logistic model per candidate theme, keep those whose
  probability reaches a threshold, and always the most probable one;
- ``per-top``: top concepts decided first, each on its own (a logistic model over the evidence of all its
  candidate themes: their best theme probability, summed score relative to the item's best top, share of the
  item's sentences naming it, signal terms in the first sentence, class, the top itself), calibrated, with its
  own threshold; the item keeps every top whose probability reaches it (and its most probable top when none
  does); then, within each kept top, the themes whose probability reaches the theme threshold, and always the
  top's best theme;
- ``per-top+words``: the same, with one more feature per top: the probability a TF-IDF logistic model over the
  item's words and bigrams gives that top (fitted in the same folds), so words the lexicon lacks can weigh;
- ``per-top+sentences``: the same as ``per-top``, the top's evidence aggregated from per-sentence decisions (the
  share of sentences in which the top is the best-scoring one) besides the item-level features.

Every threshold is chosen inside the training folds (nested: an inner cross-validation over the training
documents gives out-of-fold probabilities, the threshold nearest the aim -- P 0.90, R 0.90 over top concepts --
is taken there), so the outer fold is scored with nothing fitted or chosen on it. Figures: micro P/R over top
concepts and over themes, pooled over the outer folds; the difference in F1 from ``ranker`` with a 95 % interval
from a bootstrap over documents (a candidate wins beyond noise only when the interval excludes 0).
"""

from __future__ import annotations

import argparse
import math
import random
from collections import Counter
from dataclasses import dataclass

from theme_quality import TUNED_ON, local, rows, tops
from train_theme_ranker import FOLDS, SEED, document_folds

from safeguarding_kg.theme_ranking import FEATURES, TOP_CONCEPTS, Candidate, features
from safeguarding_kg.themes import sentence_count, theme_candidates, top_concept

AIM = (0.90, 0.90)
THRESHOLDS = [round(0.20 + 0.025 * i, 3) for i in range(25)]  # 0.20 .. 0.80
ITEM_CLASSES = ("Finding", "Recommendation", "Action", "ExpectedOutcome")
ALL_SPLITS = (*TUNED_ON, "heldout-v7")


@dataclass
class Item:
    row: dict[str, str]
    themes: list[str]  # candidate themes (local names)
    tops_of: list[str]  # each candidate's top concept
    candidates: list[Candidate]
    theme_x: list[list[float]]
    sentences: int
    gold: set[str]


def prepare(data: list[dict[str, str]]) -> list[Item]:
    items = []
    for row in data:
        found = theme_candidates(row["text"])
        candidates = [c for _, c in found]
        n = sentence_count(row["text"])
        x = [[features(candidates, i, row["item_class"], n)[f] for f in FEATURES] for i in range(len(found))]
        items.append(Item(row, [local(t) for t, _ in found], [local(top_concept(t)) for t, _ in found], candidates,
                          x, n, set(row["themes"].split())))
    return items


# -- models ------------------------------------------------------------------------------------


def fit_logistic(x: list[list[float]], y: list[bool], c: float = 1.0):
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        return None
    return LogisticRegression(C=c, max_iter=10_000).fit(x, y)


def probabilities(model, x: list[list[float]]) -> list[float]:
    size = x.shape[0] if hasattr(x, "shape") else len(x)
    if model is None or not size:
        return [0.0] * size
    return [float(p) for p in model.predict_proba(x)[:, 1]]


def theme_model(items: list[Item]):
    x = [v for it in items for v in it.theme_x]
    y = [t in it.gold for it in items for t in it.themes]
    return fit_logistic(x, y)


class WordModel:
    """One TF-IDF logistic model per top concept over the item's words and bigrams."""

    def __init__(self, items: list[Item]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x = self.vectoriser.fit_transform([it.row["text"] for it in items])
        self.models = {top: fit_logistic(x, [top in tops(it.gold) for it in items], c=4.0) for top in TOP_CONCEPTS}

    def __call__(self, items: list[Item]) -> list[dict[str, float]]:
        x = self.vectoriser.transform([it.row["text"] for it in items])
        by_top = {top: probabilities(m, x) if m is not None else [0.0] * len(items) for top, m in self.models.items()}
        return [{top: by_top[top][i] for top in TOP_CONCEPTS} for i in range(len(items))]


def top_features(item: Item, theme_p: list[float], words: dict[str, float] | None,
                 sentences: bool) -> dict[str, list[float]]:
    """Each candidate top concept's evidence, aggregated over its candidate themes."""
    by_top: dict[str, list[int]] = {}
    for i, top in enumerate(item.tops_of):
        by_top.setdefault(top, []).append(i)
    scores = {top: sum(item.candidates[i].score for i in idx) for top, idx in by_top.items()}
    if not scores:
        return {}
    best = max(scores.values())
    best_sentence = _best_top_per_sentence(item) if sentences else {}
    result = {}
    for top, idx in by_top.items():
        named = {s for i in idx for s in item.candidates[i].sentences}
        signal_first = any(0 in item.candidates[i].signal_sentences for i in idx)
        values = [max(theme_p[i] for i in idx), scores[top] / best, float(scores[top] == best),
                  len(named) / max(item.sentences, 1), float(signal_first), min(len(idx), 4),
                  math.log(max(item.sentences, 1)), len(by_top),
                  *[float(item.row["item_class"] == c) for c in ITEM_CLASSES],
                  *[float(top == t) for t in TOP_CONCEPTS]]
        if words is not None:
            values.append(words[top])
        if sentences:
            values.append(best_sentence.get(top, 0) / max(item.sentences, 1))
        result[top] = values
    return result


def _best_top_per_sentence(item: Item) -> Counter:
    """In how many sentences each top concept scores highest (sentence-level evidence aggregated)."""
    per_sentence: dict[int, Counter] = {}
    for top, cand in zip(item.tops_of, item.candidates, strict=True):
        for s in cand.sentences:
            per_sentence.setdefault(s, Counter())[top] += 2 if s in cand.signal_sentences else 1
    return Counter(max(c, key=lambda t: (c[t], t)) for c in per_sentence.values())


# -- shapes: fit on training items, return a predictor -------------------------------------------

def ranker_shape(train: list[Item]):
    model = theme_model(train)

    def score(items: list[Item]):
        probs = [probabilities(model, it.theme_x) for it in items]

        def decide(t: dict[str, float]) -> list[set[str]]:
            out = []
            for it, p in zip(items, probs, strict=True):
                order = sorted(range(len(p)), key=lambda i: -p[i])
                out.append({it.themes[i] for rank, i in enumerate(order) if p[i] >= t["theme"] or rank == 0})
            return out

        return decide

    return score, ("theme",)


def per_top_shape(words: bool, sentences: bool):
    def fit(train: list[Item]):
        tm = theme_model(train)
        oof_theme = _oof_theme_probabilities(train)  # the top model learns from theme probabilities it would see
        wm = WordModel(train) if words else None
        oof_words = _oof_words(train) if words else [None] * len(train)
        x, y = [], []
        for it, tp, w in zip(train, oof_theme, oof_words, strict=True):
            for top, values in top_features(it, tp, w, sentences).items():
                x.append(values)
                y.append(top in tops(it.gold))
        top_model = fit_logistic(x, y)

        def score(items: list[Item]):
            w_all = wm(items) if wm else [None] * len(items)
            cached = []
            for it, w in zip(items, w_all, strict=True):
                tp = probabilities(tm, it.theme_x)
                feats = top_features(it, tp, w, sentences)
                names = list(feats)
                cached.append((it, tp, names, probabilities(top_model, [feats[n] for n in names])))

            def decide(t: dict[str, float]) -> list[set[str]]:
                out = []
                for it, tp, names, pt in cached:
                    kept = {n for n, p in zip(names, pt, strict=True) if p >= t["top"]}
                    if not kept and names:
                        kept = {names[max(range(len(pt)), key=lambda i: pt[i])]}
                    chosen = set()
                    for top in kept:
                        idx = [i for i, tt in enumerate(it.tops_of) if tt == top]
                        best = max(idx, key=lambda i: tp[i])
                        chosen |= {it.themes[i] for i in idx if tp[i] >= t["theme"] or i == best}
                    out.append(chosen)
                return out

            return decide

        return score, ("top", "theme")

    return fit


def _inner_folds(items: list[Item], k: int = 4) -> list[set[str]]:
    documents = sorted({it.row["document"] for it in items})
    random.Random(SEED + 1).shuffle(documents)
    return [set(documents[i::k]) for i in range(k)]


def _oof_theme_probabilities(items: list[Item]) -> list[list[float]]:
    result: list[list[float] | None] = [None] * len(items)
    for fold in _inner_folds(items):
        model = theme_model([it for it in items if it.row["document"] not in fold])
        for i, it in enumerate(items):
            if it.row["document"] in fold:
                result[i] = probabilities(model, it.theme_x)
    return result  # type: ignore[return-value]


def _oof_words(items: list[Item]) -> list[dict[str, float]]:
    result: list[dict[str, float] | None] = [None] * len(items)
    for fold in _inner_folds(items):
        model = WordModel([it for it in items if it.row["document"] not in fold])
        held = [i for i, it in enumerate(items) if it.row["document"] in fold]
        for i, p in zip(held, model([items[i] for i in held]), strict=True):
            result[i] = p
    return result  # type: ignore[return-value]


SHAPES = {
    "ranker": ranker_shape,
    "per-top": per_top_shape(words=False, sentences=False),
    "per-top+sentences": per_top_shape(words=False, sentences=True),
    "per-top+words": per_top_shape(words=True, sentences=False),
}


# -- scoring -------------------------------------------------------------------------------------


def counts(items: list[Item], predicted: list[set[str]]) -> tuple[Counter, Counter]:
    top_c, theme_c = Counter(), Counter()
    for it, guess in zip(items, predicted, strict=True):
        g, p = tops(it.gold), tops(guess)
        top_c.update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        theme_c.update(tp=len(it.gold & guess), fp=len(guess - it.gold), fn=len(it.gold - guess))
    return top_c, theme_c


def pr(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def choose_thresholds(fit, train: list[Item]) -> dict[str, float]:
    """The thresholds nearest the aim on out-of-fold predictions within the training documents."""
    folds = _inner_folds(train)
    fitted = [(fold, fit([it for it in train if it.row["document"] not in fold])) for fold in folds]
    names = fitted[0][1][1]
    grid = [{"theme": t} for t in THRESHOLDS] if names == ("theme",) else [
        {"top": a, "theme": b} for a in THRESHOLDS for b in THRESHOLDS[::2]]
    best, best_key = grid[0], None
    held = [[it for it in train if it.row["document"] in fold] for fold, _ in fitted]
    deciders = [score(items) for items, (_, (score, _)) in zip(held, fitted, strict=True)]
    for t in grid:
        c = Counter()
        for items, decide in zip(held, deciders, strict=True):
            c.update(counts(items, decide(t))[0])
        p, r, f = pr(c)
        key = (min(p / AIM[0], r / AIM[1]), f)
        if best_key is None or key > best_key:
            best, best_key = t, key
    return best


def evaluate(name: str, items: list[Item], folds: list[set[str]]) -> tuple[list[set[str]], list[dict]]:
    fit = SHAPES[name]
    predicted: list[set[str] | None] = [None] * len(items)
    chosen = []
    for fold in folds:
        train = [it for it in items if it.row["document"] not in fold]
        t = choose_thresholds(fit, train)
        chosen.append(t)
        score, _ = fit(train)
        held = [i for i, it in enumerate(items) if it.row["document"] in fold]
        for i, guess in zip(held, score([items[i] for i in held])(t), strict=True):
            predicted[i] = guess
    return predicted, chosen  # type: ignore[return-value]


def f1_by_bootstrap(items: list[Item], base: list[set[str]], other: list[set[str]], n: int) -> tuple[float, float]:
    """95 % interval of F1(other) - F1(base) over top concepts, resampling whole documents."""
    documents = sorted({it.row["document"] for it in items})
    by_doc = {d: [i for i, it in enumerate(items) if it.row["document"] == d] for d in documents}
    rng = random.Random(SEED)
    deltas = []
    for _ in range(n):
        idx = [i for d in rng.choices(documents, k=len(documents)) for i in by_doc[d]]
        sample = [items[i] for i in idx]
        f_base = pr(counts(sample, [base[i] for i in idx])[0])[2]
        f_other = pr(counts(sample, [other[i] for i in idx])[0])[2]
        deltas.append(f_other - f_base)
    deltas.sort()
    return deltas[int(0.025 * n)], deltas[int(0.975 * n) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--splits", nargs="+", default=list(ALL_SPLITS))
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--boot", type=int, default=1000, help="bootstrap resamples for the F1 interval")
    parser.add_argument("--test-on", nargs="+", metavar="SPLIT",
                        help="instead of cross-validation: fit on the other --splits (thresholds by inner "
                             "cross-validation) and score these splits, which the lexicon was not tuned on")
    args = parser.parse_args()
    items = prepare([r for r in rows() if r["split"] in args.splits + (args.test_on or [])])
    if args.test_on:  # one "fold": the test splits' documents' items that are in the test splits
        test_ids = {it.row["item"] for it in items if it.row["split"] in args.test_on}
        for it in items:  # a document in both: its test items are held out, the others trained on
            it.row = {**it.row, "document": ("test:" if it.row["item"] in test_ids else "") + it.row["document"]}
        folds = [{it.row["document"] for it in items if it.row["item"] in test_ids}]
    else:
        folds = document_folds([it.row for it in items])
    how = f"tested on {', '.join(args.test_on)}" if args.test_on else f"{FOLDS} document folds"
    print(f"{len(items)} items, {len({it.row['document'] for it in items})} documents, {how}; "
          f"splits {', '.join(args.splits)}\n")
    print("| shape | P tops | R tops | F1 tops | P themes | R themes | ΔF1 tops vs ranker (95 % interval) | "
          "thresholds chosen per fold |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    base = None
    scored = [i for i, it in enumerate(items) if any(it.row["document"] in f for f in folds)]
    for name in args.shapes:
        predicted, chosen = evaluate(name, items, folds)
        predicted = [predicted[i] for i in scored]
        top_c, theme_c = counts([items[i] for i in scored], predicted)
        (p, r, f), (tp, tr, _) = pr(top_c), pr(theme_c)
        if base is None:
            base, delta = predicted, "—"
        else:
            lo, hi = f1_by_bootstrap([items[i] for i in scored], base, predicted, args.boot)
            delta = f"{lo:+.3f} .. {hi:+.3f}"
        thresholds = "; ".join(",".join(f"{v:g}" for v in t.values()) for t in chosen)
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {tp:.3f} | {tr:.3f} | {delta} | {thresholds} |", flush=True)


if __name__ == "__main__":
    main()
