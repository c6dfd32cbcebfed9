"""Which top concepts an item is about, decided each on its own before its themes are chosen.

The ranker (:mod:`safeguarding_kg.theme_ranking`) weighs each candidate theme the lexicon finds. An
item about two things (a recommendation on police in strategy discussions and LADO meetings: casework
AND multi-agency working) needs both kept, and "keep the most probable theme, then those above a
threshold" drops the second. So each top concept with a candidate theme gets its own calibrated
probability, from a logistic model over the evidence of all its candidate themes aggregated over the
item -- its best theme's ranker probability, its share of the item's lexicon score and sentences, the
sentences in which it is the strongest, a signal term in the first sentence, the item's class -- and
the probability a small word model gives it. Every top concept whose probability reaches the
threshold is kept (and the most probable one when none does); within each, the themes whose ranker
probability reaches the ranker's threshold, and always its best theme.

The word model is a logistic model per top concept over the item's TF-IDF words and word pairs
(:func:`words_of`), so that everyday wording the lexicon lacks ("children are seen alone", "leaders
know their services well") weighs too; the lexicon stays the source of candidates and the
explanation. Both models are data (``data/theme-tops.json``, ``data/theme-words.json``), fitted by
``bench/train_theme_ranker.py``; scoring is plain Python.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files

from safeguarding_kg.theme_ranking import ITEM_CLASSES, TOP_CONCEPTS, Candidate

TOPS_FILE = "theme-tops.json"
WORDS_FILE = "theme-words.json"
_WORD = re.compile(r"(?u)\b\w\w+\b")


def words_of(text: str) -> list[str]:
    """The word model's terms of a text: its lower-cased words and each pair of neighbouring words."""
    tokens = _WORD.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


@dataclass(frozen=True)
class WordModel:
    """TF-IDF (sublinear term frequency, l2-normalised) and one logistic model per top concept.

    ``terms`` maps each term to its idf and its weight for each top concept (in ``tops`` order), so that
    scoring an item is one pass over its terms.
    """

    tops: tuple[str, ...]
    terms: dict[str, tuple[float, tuple[float, ...]]]
    intercepts: tuple[float, ...]

    def probabilities(self, text: str, tops: Iterable[str] | None = None) -> dict[str, float]:
        """Each top concept's probability (only those asked for: an item's candidates are two or three of seven)."""
        wanted = [i for i, top in enumerate(self.tops) if tops is None or top in tops]
        known = self.terms
        counts = Counter(t for t in words_of(text) if t in known)
        sums = dict.fromkeys(wanted, 0.0)
        squares = 0.0
        for term, n in counts.items():
            idf, weights = known[term]
            value = (1 + math.log(n)) * idf
            squares += value * value
            for i in wanted:
                sums[i] += weights[i] * value
        norm = math.sqrt(squares) or 1.0
        return {self.tops[i]: _sigmoid(self.intercepts[i] + z / norm) for i, z in sums.items()}


#: Each top-concept feature and what it means, in the words an explanation uses.
FEATURES: dict[str, str] = {
    "best_theme_probability": "its best theme's ranker probability",
    "relative_score": "its lexicon score relative to the item's best top concept",
    "best": "the item's best-scoring top concept",
    "sentence_share": "share of the item's sentences that name it",
    "strongest_sentence_share": "share of the item's sentences in which it is the strongest",
    "signal_in_first_sentence": "a signal term in the first sentence",
    "themes": "its candidate themes",
    "log_item_sentences": "the item's length in sentences (log)",
    "tops": "candidate top concepts of the item",
    "words": "the word model's probability",
    **{f"class_{c}": f"the item is a {c}" for c in ITEM_CLASSES},
    **{f"top_{t}": f"top concept {t}" for t in TOP_CONCEPTS},
}


def features(candidates: list[Candidate], theme_probabilities: list[float], item_class: str, item_sentences: int,
             words: dict[str, float]) -> dict[str, dict[str, float]]:
    """Each candidate top concept's features, from all its candidate themes."""
    by_top: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_top.setdefault(c.top, []).append(i)
    if not by_top:
        return {}
    scores = {top: sum(candidates[i].score for i in idx) for top, idx in by_top.items()}
    best = max(scores.values())
    strongest = _strongest_per_sentence(candidates)
    n = max(item_sentences, 1)
    result = {}
    for top, idx in by_top.items():
        named = {s for i in idx for s in candidates[i].sentences}
        values = {
            "best_theme_probability": max(theme_probabilities[i] for i in idx),
            "relative_score": scores[top] / best,
            "best": float(scores[top] == best),
            "sentence_share": len(named) / n,
            "strongest_sentence_share": strongest.get(top, 0) / n,
            "signal_in_first_sentence": float(any(0 in candidates[i].signal_sentences for i in idx)),
            "themes": min(len(idx), 4),
            "log_item_sentences": math.log(n),
            "tops": len(by_top),
            "words": words.get(top, 0.0),
            f"class_{item_class}": 1.0,
            f"top_{top}": 1.0,
        }
        result[top] = {name: values.get(name, 0.0) for name in FEATURES}
    return result


def _strongest_per_sentence(candidates: list[Candidate]) -> Counter:
    """In how many sentences each top concept has the most lexicon weight (sentence-level evidence)."""
    per_sentence: dict[int, Counter] = {}
    for c in candidates:
        for s in c.sentences:
            per_sentence.setdefault(s, Counter())[c.top] += 2 if s in c.signal_sentences else 1
    return Counter(max(weights, key=lambda t: (weights[t], t)) for weights in per_sentence.values())


@dataclass(frozen=True)
class TopModel:
    weights: dict[str, float]
    intercept: float
    threshold: float  # a top concept is kept from this probability (its themes: from the ranker's threshold)

    def probability(self, values: dict[str, float]) -> float:
        return _sigmoid(self.intercept + sum(self.weights.get(n, 0.0) * v for n, v in values.items()))

    def why(self, values: dict[str, float], strongest: int = 3) -> str:
        parts = sorted(((self.weights.get(n, 0.0) * v, n) for n, v in values.items() if v), key=lambda p: -abs(p[0]))
        return ", ".join(f"{FEATURES[n]} {w:+.2f}" for w, n in parts[:strongest])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


@functools.cache
def top_model() -> TopModel:
    data = json.loads(files("safeguarding_kg").joinpath("data", TOPS_FILE).read_text(encoding="utf-8"))
    return TopModel(data["weights"], data["intercept"], data["threshold"])


@functools.cache
def word_model() -> WordModel:
    data = json.loads(files("safeguarding_kg").joinpath("data", WORDS_FILE).read_text(encoding="utf-8"))
    return word_model_of(data["terms"], data["idf"], data["weights"], data["intercepts"])


def word_model_of(terms: list[str], idf: list[float], weights: dict[str, list[float]],
                  intercepts: dict[str, float]) -> WordModel:
    """A word model from its terms, their idf, and per top concept one weight per term and an intercept."""
    tops = tuple(weights)
    by_term = {t: (idf[i], tuple(weights[top][i] for top in tops)) for i, t in enumerate(terms)}
    return WordModel(tops, by_term, tuple(intercepts[top] for top in tops))


@dataclass(frozen=True)
class Decision:
    """A kept top concept: its probability and why (the weightiest features)."""

    top: str
    probability: float
    why: str
    kept_by_threshold: bool


def decide(candidates: list[Candidate], theme_probabilities: list[float], item_class: str, item_sentences: int,
           text: str, tops: TopModel, words: WordModel) -> tuple[list[Decision], list[Decision]]:
    """(kept, dropped) top concepts, each with its probability, most probable first."""
    scored = []
    word_probabilities = words.probabilities(text, {c.top for c in candidates}) if candidates else {}
    for top, values in features(candidates, theme_probabilities, item_class, item_sentences,
                                word_probabilities).items():
        p = tops.probability(values)
        scored.append(Decision(top, p, tops.why(values), p >= tops.threshold))
    scored.sort(key=lambda d: (-d.probability, d.top))
    kept = [d for d in scored if d.kept_by_threshold] or scored[:1]
    return kept, [d for d in scored if d not in kept]
