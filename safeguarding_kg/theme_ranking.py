"""Which of an item's candidate themes it is about, rather than mentions in passing.

The lexicon (:mod:`safeguarding_kg.themes`) finds every theme whose terms an item uses. A long
paragraph names many: "strategy meetings are well attended, and information is shared with
partners" is about strategy meetings, not partnership. Readers label what an item is
*substantially* about, so each candidate theme is weighed by a small logistic model over the
lexicon's own evidence -- how strongly and where the theme's terms match, how it compares with
the item's other themes, the item's class and the theme's top concept. Its probabilities feed the
top-concept decisions (:mod:`safeguarding_kg.top_concepts`), and within a kept top concept a theme is
kept when its probability reaches the model's threshold (and the top concept's most probable theme always).

The model is data: ``data/theme-ranker.json`` holds one weight per feature, an intercept and
the threshold, fitted by ``bench/train_theme_ranker.py`` on the labelled items in
``tests/fixtures/themes_labelled.csv`` (it says which splits). Scoring is a dot product, so
classification stays deterministic and needs no library.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib.resources import files

#: The item classes and top concepts (local names) the model has a weight for; others weigh nothing.
ITEM_CLASSES = ("Finding", "Recommendation", "Action", "ExpectedOutcome")
TOP_CONCEPTS = ("CaseworkPractice", "ChildrenInCareAndCareLeavers", "MultiAgencyWorking", "OversightOfPractice",
                "PerformanceManagementAndGovernance", "VoiceAndParticipation", "VulnerableGroupsAndRisks")
#: Counts are capped so a very long paragraph does not weigh without limit.
CAP = 4


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the lexicon found for one theme of an item."""

    top: str  # local name of the theme's top concept
    score: int  # the lexicon score (signal 2, supporting 1, doubled in the first sentence)
    sentences: tuple[int, ...]  # the sentence of each place a term matched (0 = the first)
    signal_sentences: tuple[int, ...]  # the sentence of each place a signal term matched
    signal_terms: int  # distinct signal terms matched


#: Each feature's name and what it means, in the words an explanation uses.
FEATURES: dict[str, str] = {
    "log_score": "lexicon score (log)",
    "relative_score": "score relative to the item's best theme",
    "relative_top_score": "its top concept's score relative to the item's best top concept",
    "best": "the item's best-scoring theme",
    "places": "places its terms match",
    "sentences": "sentences that mention it",
    "sentence_share": "share of the item's sentences that mention it",
    "signal_in_first_sentence": "a signal term in the first sentence",
    "in_first_sentence": "a term in the first sentence",
    "signal": "a signal term",
    "signal_terms": "distinct signal terms",
    "candidates": "candidate themes of the item",
    "log_item_sentences": "the item's length in sentences (log)",
    **{f"class_{c}": f"the item is a {c}" for c in ITEM_CLASSES},
    **{f"top_{t}": f"a theme of {t}" for t in TOP_CONCEPTS},
}


def features(candidates: list[Candidate], index: int, item_class: str, item_sentences: int) -> dict[str, float]:
    """The features of candidate ``index`` among all the candidates of one item."""
    this = candidates[index]
    best = max(c.score for c in candidates)
    by_top: dict[str, int] = {}
    for c in candidates:
        by_top[c.top] = by_top.get(c.top, 0) + c.score
    sentences = set(this.sentences)
    values = {
        "log_score": math.log(this.score),
        "relative_score": this.score / best,
        "relative_top_score": by_top[this.top] / max(by_top.values()),
        "best": float(this.score == best),
        "places": min(len(this.sentences), CAP),
        "sentences": min(len(sentences), CAP),
        "sentence_share": len(sentences) / max(item_sentences, 1),
        "signal_in_first_sentence": float(0 in this.signal_sentences),
        "in_first_sentence": float(0 in sentences),
        "signal": float(bool(this.signal_sentences)),
        "signal_terms": min(this.signal_terms, CAP),
        "candidates": len(candidates),
        "log_item_sentences": math.log(max(item_sentences, 1)),
        f"class_{item_class}": 1.0,
        f"top_{this.top}": 1.0,
    }
    return {name: values.get(name, 0.0) for name in FEATURES}


@dataclass(frozen=True)
class Model:
    """A logistic model: one weight per feature, an intercept and the probability a theme must reach."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * v for name, v in values.items())
        return 1.0 / (1.0 + math.exp(-z))

    def why(self, values: dict[str, float], strongest: int = 3) -> str:
        """The features that weighed most for (+) or against (-) keeping the theme."""
        parts = sorted(((self.weights.get(n, 0.0) * v, n) for n, v in values.items() if v), key=lambda p: -abs(p[0]))
        return ", ".join(f"{FEATURES[n]} {w:+.2f}" for w, n in parts[:strongest])


MODEL_FILE = "theme-ranker.json"


@functools.cache
def model() -> Model:
    data = json.loads(files("safeguarding_kg").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    return Model(data["weights"], data["intercept"], data["threshold"])
