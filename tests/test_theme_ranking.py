"""The theme decisions: top concepts decided each on its own, then their themes; why each is kept or a strong
candidate dropped; and that the shipped models are what the labelled set gives."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from safeguarding_kg.namespaces import SG
from safeguarding_kg.theme_ranking import FEATURES, MODEL_FILE, Candidate, features, model
from safeguarding_kg.themes import Context, classify_themes, read_themes, theme_candidates, top_concept
from safeguarding_kg.top_concepts import TOPS_FILE, WORDS_FILE, TopModel, decide, top_model, word_model, words_of

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


def test_every_kept_theme_says_how_its_top_concept_and_the_ranker_weighed_it() -> None:
    (found,) = classify_themes(FAMILY_TIME, Context("Finding", "ChildrenInCare"))
    reason = found.reason
    assert reason.startswith("score ") and "'family time'" in reason
    verdict = reason.split("; top concept ChildrenInCareAndCareLeavers ")[1]
    probability, rest = verdict.split(" ", 1)
    assert float(probability) >= top_model().threshold and rest.startswith(f">= {top_model().threshold:g}: ")
    ranked = reason.split("; ranker ")[1]
    assert float(ranked.split()[0]) >= model().threshold or "most probable theme" in ranked


# Tameside 2019, a recommendation about two things: the police in strategy discussions (casework's child
# protection enquiries, multi-agency working) and LADO meetings (vulnerable groups: allegations against staff).
TWO_SUBJECTS = ("The attendance of the police at strategy discussions, and the timeliness of information sharing "
                "by partner agencies, including at meetings convened by the local authority designated officer.")


def test_an_item_about_two_things_keeps_both_top_concepts() -> None:
    tops = {top_concept(a.concept).value.rsplit("#", 1)[1] for a in classify_themes(TWO_SUBJECTS,
                                                                                    Context("Recommendation"))}
    assert {"CaseworkPractice", "MultiAgencyWorking"} <= tops


# Wolverhampton's 2024 focused visit, main finding 14 (labelled: workforce stability only): "family help" names
# early help in passing.
WORKFORCE = ("Strong corporate support has enabled strategies to be implemented that attract and retain staff within "
             "family help and children’s services as a whole. This is improving workforce stability in "
             "Wolverhampton, and children and families are having fewer unplanned changes of practitioner as a result.")


def test_a_strong_candidate_dropped_is_explained_not_assigned() -> None:
    reading = read_themes(WORKFORCE, Context("Finding"))
    assert [a.concept for a in reading.kept] == [SG.WorkforceStability]
    (dropped,) = reading.dropped
    assert dropped.concept == SG.EarlyHelp and dropped.score >= 4
    assert dropped.reason.startswith("candidate not kept, score 4 >= 2: signal 'family help'")
    assert "; top concept CaseworkPractice " in dropped.reason and "< " in dropped.reason


def test_top_concepts_are_decided_each_on_its_own() -> None:
    candidates = [_candidate("CaseworkPractice", 8, (0, 1), (0, 1)), _candidate("MultiAgencyWorking", 2, (1,), (1,))]
    by_theme = TopModel({"best_theme_probability": 10.0}, -5.0, 0.5)  # p = sigmoid(10 x best theme p - 5)
    kept, dropped = decide(candidates, [0.9, 0.6], "Recommendation", 2, "", by_theme, word_model())
    assert [d.top for d in kept] == ["CaseworkPractice", "MultiAgencyWorking"] and not dropped
    kept, dropped = decide(candidates, [0.9, 0.2], "Recommendation", 2, "", by_theme, word_model())
    assert [d.top for d in kept] == ["CaseworkPractice"] and [d.top for d in dropped] == ["MultiAgencyWorking"]
    strict = TopModel({"best_theme_probability": 10.0}, -5.0, 0.999)
    kept, _ = decide(candidates, [0.9, 0.2], "Recommendation", 2, "", strict, word_model())
    assert [d.top for d in kept] == ["CaseworkPractice"] and not kept[0].kept_by_threshold  # the most probable


def test_the_word_model_reads_words_and_word_pairs() -> None:
    assert words_of("Children are seen alone.") == ["children", "are", "seen", "alone", "children are", "are seen",
                                                   "seen alone"]
    voice = word_model().probabilities("Children are seen alone and their wishes and feelings inform their plans.")
    assert voice["VoiceAndParticipation"] > 0.5 > voice["PerformanceManagementAndGovernance"]


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


def test_the_shipped_models_have_a_weight_for_every_feature_and_say_what_they_were_fitted_on() -> None:
    data = ROOT / "safeguarding_kg" / "data"
    shipped = {name: json.loads((data / name).read_text(encoding="utf-8")) for name in (MODEL_FILE, TOPS_FILE,
                                                                                       WORDS_FILE)}
    assert list(shipped[MODEL_FILE]["weights"]) == list(FEATURES)
    assert 0 < shipped[MODEL_FILE]["threshold"] < 1 and 0 < shipped[TOPS_FILE]["threshold"] < 1
    assert len(shipped[WORDS_FILE]["terms"]) == len(shipped[WORDS_FILE]["idf"]) == len(
        shipped[WORDS_FILE]["weights"]["CaseworkPractice"])
    assert all(s["trained_on"]["file"] == "tests/fixtures/themes_labelled.csv" for s in shipped.values())
    assert (data / WORDS_FILE).stat().st_size < 3_000_000  # a few MB at most, shipped in the package


def test_the_shipped_models_are_what_the_labelled_set_gives() -> None:
    """Refit on the labelled splits: a label changed without retraining (or a hand-edited weight) fails here."""
    done = subprocess.run([sys.executable, "bench/train_theme_ranker.py", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "the shipped models are what the labelled set gives" in done.stdout
