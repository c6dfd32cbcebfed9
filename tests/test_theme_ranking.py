"""The theme ranker: which candidate themes of an item it keeps, why, and that its model is what the labelled set
gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from safeguarding_kg.namespaces import SG
from safeguarding_kg.theme_ranking import FEATURES, MODEL_FILE, Candidate, Model, features, kept, model
from safeguarding_kg.themes import Context, classify_themes, theme_candidates

ROOT = Path(__file__).resolve().parent.parent

# Solihull's 2025 ILACS report, children in care, paragraph 24: about family time. "wider relatives" and "emotional
# well-being" are mentions in passing of connected carers and of health.
FAMILY_TIME = ("Children's relationships with the people who matter to them are promoted well. The dedicated family "
               "time service and involvement of wider relatives help children enjoy safe, natural and meaningful "
               "experiences. This supports identity, emotional well-being and continuity of important family bonds.")


def test_a_theme_mentioned_in_passing_is_a_candidate_but_not_kept() -> None:
    candidates = {theme for theme, _ in theme_candidates(FAMILY_TIME)}
    assert {SG.FamilyTimeAndContact, SG.HealthOfChildrenInCare} <= candidates
    themes = [a.concept for a in classify_themes(FAMILY_TIME, Context("Finding", "ChildrenInCare"))]
    assert themes == [SG.FamilyTimeAndContact]


def test_every_kept_theme_says_how_the_ranker_weighed_it() -> None:
    (found,) = classify_themes(FAMILY_TIME, Context("Finding", "ChildrenInCare"))
    reason = found.reason
    assert reason.startswith("score ") and "'family time'" in reason
    ranked = reason.split("; ranker ")[1]
    probability, rest = ranked.split(" ", 1)
    assert float(probability) >= model().threshold and rest.startswith(f">= {model().threshold:g}: ")
    assert any(description in rest for description in FEATURES.values())


def _candidate(top: str, score: int, sentences: tuple[int, ...], signal: tuple[int, ...] = ()) -> Candidate:
    return Candidate(top, score, sentences, signal, len(signal))


def test_features_describe_a_candidate_among_the_items_others() -> None:
    candidates = [_candidate("VulnerableGroupsAndRisks", 8, (0, 2), (0, 2)), _candidate("MultiAgencyWorking", 1, (3,))]
    strong, weak = (features(candidates, i, "Finding", 4) for i in range(2))
    assert set(strong) == set(FEATURES)
    assert strong["best"] == 1 and strong["signal_in_first_sentence"] == 1 and strong["sentence_share"] == 0.5
    assert strong["top_VulnerableGroupsAndRisks"] == 1 and strong["class_Finding"] == 1
    assert weak["best"] == 0 and weak["relative_score"] == 1 / 8 and weak["signal"] == 0
    assert weak["top_MultiAgencyWorking"] == 1 and weak["top_VulnerableGroupsAndRisks"] == 0


def test_the_threshold_decides_but_the_most_probable_theme_is_always_kept() -> None:
    candidates = [_candidate("CaseworkPractice", 4, (0,), (0,)), _candidate("OversightOfPractice", 2, (1,), (1,))]
    by_score = Model({"relative_score": 4.0}, -3.0, 0.5)  # p = 0.73 for the best, 0.27 for the other
    assert [i for i, _ in kept(candidates, "Finding", 2, by_score)] == [0]
    lenient = Model({"relative_score": 4.0}, -3.0, 0.2)
    assert [i for i, _ in kept(candidates, "Finding", 2, lenient)] == [0, 1]
    strict = Model({"relative_score": 4.0}, -3.0, 0.9)
    ((index, reason),) = kept(candidates, "Finding", 2, strict)
    assert index == 0 and "(the item's most probable theme)" in reason


def test_the_shipped_model_has_a_weight_for_every_feature_and_says_what_it_was_fitted_on() -> None:
    shipped = json.loads((ROOT / "safeguarding_kg" / "data" / MODEL_FILE).read_text(encoding="utf-8"))
    assert list(shipped["weights"]) == list(FEATURES)
    assert 0 < shipped["threshold"] < 1
    assert shipped["trained_on"]["file"] == "tests/fixtures/themes_labelled.csv"


def test_the_shipped_model_is_what_the_labelled_set_gives() -> None:
    """Refit on the labelled splits: a label changed without retraining (or a hand-edited weight) fails here."""
    done = subprocess.run([sys.executable, "bench/train_theme_ranker.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is what the labelled set gives" in done.stdout
