"""Would a model of word meaning classify themes better than the lexicon alone? Measured, not assumed.

    .venv/bin/python bench/theme_meaning_models.py [--train SPLIT ...] [--test SPLIT ...]

Issue 5 allows a learned model if it ships inside a registry package, runs offline and beats
the lexicon on the labelled set. This bench fits the theme ranker three ways on the --train
splits and scores each on the --test splits (micro P/R/F1 over top concepts, at the shipped
threshold and at the best one, which flatters every row alike):

- ``lexicon``: the shipped design, the ranker over the lexicon's evidence only;
- ``+ meaning``: plus, for each theme, a logistic model over the item's embedding from
  wordllama (MIT; its 256-dimension static token embeddings ship inside the wheel, so it runs
  offline): that probability is one more ranker feature, and a theme the lexicon missed is
  proposed when it reaches 0.5;
- ``+ words``: the same with TF-IDF word and bigram vectors (scikit-learn) instead of embeddings.

The per-theme models' probabilities for the training items are cross-validated by document,
so the ranker does not learn to trust a model that has seen the item. Needs scikit-learn and
``pip install wordllama``; without wordllama the ``+ meaning`` row is skipped.

The figures in the README were measured with sgkg-lexicon-5 (commit 8a70f6e), whose lexicon had
not yet been tuned on v5 and v6; with a later lexicon, pass --test splits it was not tuned on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from theme_quality import local, prf, rows, theme_table
from train_theme_ranker import THRESHOLDS, candidate_features, document_folds

from safeguarding_kg.namespaces import SG
from safeguarding_kg.theme_ranking import FEATURES, model
from safeguarding_kg.themes import top_concept, vocabulary

PROPOSE = 0.5  # a theme the lexicon missed is proposed when its text model gives it this probability


def embeddings(texts: list[str], train: list[int]):
    import numpy as np
    import wordllama
    from wordllama import WordLlama

    # The wheel holds the weights and the tokenizer; pointing the cache at the package keeps it offline.
    llama = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return np.asarray(llama.embed(texts, norm=True))


def tfidf(texts: list[str], train: list[int]):
    """Word and bigram vectors, the vocabulary and weights learnt from the training items only."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, stop_words="english")
    return vectoriser.fit([texts[i] for i in train]).transform(texts)


def theme_probabilities(vectors, gold: list[set[str]], themes: list[str], train: list[int], test: list[int]):
    """One logistic model per theme over the item vectors: the probability of each theme for each test item."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    result = np.zeros((len(test), len(themes)))
    for j, theme in enumerate(themes):
        y = np.array([theme in gold[i] for i in train])
        if y.sum() < 3:  # too few examples to fit: the base rate
            result[:, j] = y.mean()
            continue
        fitted = LogisticRegression(C=4.0, max_iter=2000).fit(vectors[train], y)
        result[:, j] = fitted.predict_proba(vectors[test])[:, 1]
    return result


def out_of_fold(vectors, gold, themes, items: list[dict[str, str]], train: list[int]):
    """theme_probabilities for the training items themselves, each from models fitted without its document."""
    import numpy as np

    result = np.zeros((len(train), len(themes)))
    position = {i: n for n, i in enumerate(train)}
    for held in document_folds([items[i] for i in train]):
        test = [i for i in train if items[i]["document"] in held]
        rest = [i for i in train if items[i]["document"] not in held]
        result[[position[i] for i in test]] = theme_probabilities(vectors, gold, themes, rest, test)
    return result


def candidates(row: dict[str, str], probabilities, themes: list[str]) -> list[tuple[str, list[float]]]:
    """(theme, features) for the lexicon's candidates and, with a text model, the themes it proposes.

    With a text model, the last feature says whether the lexicon found the theme (1.0) or the model proposed it.
    """
    lexicon = candidate_features(row)
    if probabilities is None:
        return lexicon
    result = [(theme, [*values, probabilities[themes.index(theme)], 1.0]) for theme, values in lexicon]
    named = {t for t, _ in result}
    return result + [(t, [0.0] * len(FEATURES) + [p, 0.0]) for t, p in zip(themes, probabilities, strict=True)
                     if p >= PROPOSE and t not in named]


def from_lexicon(values: list[float]) -> bool:
    """Whether a candidate's features (see :func:`candidates`) come from the lexicon, not a text model alone."""
    return len(values) == len(FEATURES) or values[-1] == 1.0


def scored(items, train, test, probabilities) -> dict[str, list[tuple[float, str, bool]]]:
    """Each test item's candidate themes with the ranker's probability (fitted on the training items) and
    whether the lexicon found them, most probable first."""
    from sklearn.linear_model import LogisticRegression

    x, y = [], []
    for n, i in enumerate(train):
        for theme, values in candidates(items[i], None if probabilities is None else probabilities[0][n], THEMES):
            x.append(values)
            y.append(theme in set(items[i]["themes"].split()))
    ranker = LogisticRegression(C=1.0, max_iter=10_000).fit(x, y)
    result = {}
    for n, i in enumerate(test):
        found = candidates(items[i], None if probabilities is None else probabilities[1][n], THEMES)
        p = ranker.predict_proba([v for _, v in found])[:, 1] if found else []
        result[items[i]["item"]] = sorted(((pi, t, from_lexicon(v)) for pi, (t, v) in zip(p, found, strict=True)),
                                          reverse=True)
    return result


def predicted(row: dict[str, str], ranked: list[tuple[float, str, bool]], threshold: float) -> set[str]:
    """The kept themes, as the classifier keeps them: above the threshold, the most probable, the area's theme."""
    kept = {t for rank, (p, t, lexicon) in enumerate(ranked) if p >= threshold or (rank == 0 and lexicon)}
    area = vocabulary().area_themes.get(row["area"]) if row["item_class"] == "Finding" else None
    if area is not None and not any(top_concept(SG[t]) == top_concept(area) for t in kept):
        kept.add(local(area))
    return kept


THEMES = [local(t) for t in vocabulary().theme_concepts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", nargs="+", default=["dev", "heldout-v1", "heldout-v2", "heldout-v3", "heldout-v4"])
    parser.add_argument("--test", nargs="+", default=["heldout-v5", "heldout-v6"])
    args = parser.parse_args()
    items = [r for r in rows() if r["split"] in args.train + args.test]
    gold = [set(r["themes"].split()) for r in items]
    train = [i for i, r in enumerate(items) if r["split"] in args.train]
    models = {"lexicon": None, "+ words": tfidf}
    try:
        import wordllama  # noqa: F401
        models["+ meaning"] = embeddings
    except ImportError:
        print("+ meaning: skipped (pip install wordllama)")
    shipped = model().threshold
    for split in args.test:
        test = [i for i, r in enumerate(items) if r["split"] == split]
        print(f"\n## trained on {' + '.join(args.train)}, scored on {split} ({len(test)} items)\n")
        print(f"| ranker | P @{shipped:g} | R | F1 | best threshold | P | R | F1 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, vectorise in models.items():
            probabilities = None
            if vectorise is not None:
                vectors = vectorise([r["text"] for r in items], train)
                probabilities = (out_of_fold(vectors, gold, THEMES, items, train),
                                 theme_probabilities(vectors, gold, THEMES, train, test))
            ranked = scored(items, train, test, probabilities)
            rows_ = [items[i] for i in test]

            def figures(threshold: float, rows_=rows_, ranked=ranked) -> tuple[float, float, float]:
                micro = theme_table(rows_, lambda r: predicted(r, ranked[r["item"]], threshold))[-2]
                p, r = prf(*micro[1:])
                return p, r, 2 * p * r / (p + r) if p + r else 0.0

            best = max(THRESHOLDS, key=lambda t: figures(t)[2])
            at, top = figures(shipped), figures(best)
            print(f"| {name} | {at[0]:.3f} | {at[1]:.3f} | {at[2]:.3f} | {best:g} | "
                  f"{top[0]:.3f} | {top[1]:.3f} | {top[2]:.3f} |")


if __name__ == "__main__":
    main()
