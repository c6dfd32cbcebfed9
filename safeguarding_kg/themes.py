"""Themes, services and polarity of findings, recommendations, actions and expected outcomes.

A deterministic, explainable classifier: the lexicon is the ``sg:signalTerm`` and
``sg:excludedTerm`` values of the concepts in ``ontology/themes.ttl`` (so an analyst can
read, query and change it), matched on whole words. Every assignment keeps what matched on
an ``sg:ClassificationEvidence`` node marked ``sg:inferred true``, so machine readings are
never mistaken for what a document states.

Classification is a pure function of what the loader read: an item's text, its class, the
judgement area a finding is filed under and, for polarity, the heading a letter filed it
under. So it runs inside extraction (:func:`classify_extraction`, called by
``loading.extract``) and lives in each document's own graph: reloading, replacing and
removing a document keep it right with no extra work.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from safeguarding_kg.iris import slug, within
from safeguarding_kg.namespaces import RDF, SG, SG_BASE, SKOS
from safeguarding_kg.theme_ranking import Candidate, Model, features
from safeguarding_kg.theme_ranking import model as ranking_model
from safeguarding_kg.top_concepts import TopModel, WordModel, decide, top_model, word_model

#: Bumped when the classifier's rules change meaning (recorded on every evidence node).
CLASSIFIER = "sgkg-tops-1"  # lexicon 7, ranker, top-concept and word models (docs/themes.md)

CLASSIFIED_CLASSES = (SG.Finding, SG.Recommendation, SG.Action, SG.ExpectedOutcome)


# -- text folding and the term index ---------------------------------------------------


def normalise(text: str) -> str:
    """Lowercase; curly quotes to straight; hyphens and dashes to spaces; one space between words."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = _DASHES.sub(" ", text)
    text = _QUOTES.sub(" ", text)  # quotation marks, not apostrophes inside words
    return _SPACES.sub(" ", text).strip()


_DASHES = re.compile(r"[-\u2010-\u2015]")
_QUOTES = re.compile(r"(?<![\w])'|'(?![\w])")
_SPACES = re.compile(r"\s+")
#: A token is a word (apostrophes inside it kept: "children's") or one punctuation mark, so that a
#: term written with a comma ("duty, assessment and referral") needs the comma, and no term runs
#: over a full stop.
_TOKEN = re.compile(r"[\w']+|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘'\"(])")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


@dataclass(frozen=True)
class Folded:
    """An item's text folded once: its sentences, normalised, and each sentence's tokens.

    Themes, services and polarity are all read from this one folding.
    """

    sentences: tuple[str, ...]
    tokens: tuple[tuple[str, ...], ...]


@functools.lru_cache(maxsize=50_000)  # the same texts come back (a report as .txt and .pdf, reloads)
def fold(text: str) -> Folded:
    normalised = tuple(normalise(s) for s in sentences(text)) or ("",)
    return Folded(normalised, tuple(tuple(_TOKEN.findall(s)) for s in normalised))


def term_words(term: str) -> tuple[str, ...]:
    """A lexicon term as tokens; a word ending in ``*`` is a stem (matches any ending)."""
    return tuple(_TERM_TOKEN.findall(normalise(term)))


_TERM_TOKEN = re.compile(r"[\w']+\*?|[^\w\s*]")


SIGNAL, SUPPORTING, EXCLUDED = "signal", "supporting", "excluded"
#: The kind of the pieces of a term written "a ... b": each piece is looked for on its own; the
#: term matches where all its pieces are in one sentence (in any order).
PIECE = "piece"
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026)\s*")


@dataclass(frozen=True)
class Term:
    concept: NamedNode
    text: str  # as written in themes.ttl, kept as the evidence
    words: tuple[str, ...]
    kind: str  # SIGNAL, SUPPORTING, EXCLUDED, or PIECE for a piece of terms "a ... b"
    pieces: int = 1  # how many pieces a term "a ... b" has
    of: tuple[tuple[Term, int], ...] = ()  # a piece: the terms it is a piece of, and which piece of each


def make_terms(concept: NamedNode, text: str, kind: str) -> list[Term]:
    """The terms to index for one lexicon entry: itself or, for "a ... b", its pieces.

    A word that is a piece of several terms of a concept ("leaders ... aware", "leaders ...
    know") is one piece: see :func:`shared_pieces`.
    """
    parts = [part for part in _ELLIPSIS.split(text.strip()) if part]
    if len(parts) == 1:
        return [Term(concept, text, term_words(text), kind)]
    if kind == EXCLUDED:  # an exclusion masks the words of one place; pieces would mask a whole sentence
        raise ValueError(f"an excluded term cannot be written in pieces: {text!r} ({concept.value})")
    whole = Term(concept, text, (), kind, pieces=len(parts))
    return [Term(concept, part, term_words(part), PIECE, of=((whole, index),)) for index, part in enumerate(parts)]


def shared_pieces(terms: list[Term]) -> list[Term]:
    """The terms with the pieces of the same words of one concept merged into one (found once per place)."""
    merged: dict[tuple[NamedNode, tuple[str, ...]], Term] = {}
    others = []
    for term in terms:
        if term.kind != PIECE:
            others.append(term)
            continue
        key = (term.concept, term.words)
        known = merged.get(key)
        merged[key] = term if known is None else Term(term.concept, term.text, term.words, PIECE, of=known.of + term.of)
    return others + list(merged.values())


def _word_matches(word: str, token: str) -> bool:
    """Whole-word match; "stem*" matches any ending; "children" also matches "children's"."""
    if word.endswith("*"):
        return token.startswith(word[:-1])
    return token == word or token.startswith(word + "'")


@dataclass(slots=True)  # not frozen: built in the hot loop, and frozen construction is slow
class Hit:
    term: Term
    sentence: int
    start: int
    end: int  # token positions within the sentence, end exclusive


class TermIndex:
    """Every term of a set of concepts, indexed by its first word, or first two words.

    Finding all terms in a text is one pass over its tokens with a few dictionary look-ups per
    token (the token alone, the token and the next one, and the token's stems), instead of one
    regular expression per term; only the few candidates found are then checked word by word.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self.by_word: dict[str, list[Term]] = {}  # one-word terms, and terms whose second word is a stem
        self.by_pair: dict[tuple[str, str], list[Term]] = {}  # the others: by their first two words
        self.by_stem: dict[str, list[Term]] = {}  # terms whose first word is a stem
        for term in terms:
            first = term.words[0]
            if first.endswith("*"):
                self.by_stem.setdefault(first[:-1], []).append(term)
            elif len(term.words) > 1 and not term.words[1].endswith("*"):
                self.by_pair.setdefault((first, term.words[1]), []).append(term)
            else:
                self.by_word.setdefault(first, []).append(term)
        self.stem_lengths = sorted({len(stem) for stem in self.by_stem})
        self.pair_firsts = {first for first, _ in self.by_pair}
        # per token seen: its word and stem candidates, and whether it can start a two-word key
        self._by_token: dict[str, tuple[tuple[Term, ...], bool]] = {}

    def hits(self, folded: Folded) -> list[Hit]:
        found = []
        by_pair = self.by_pair
        for index, tokens in enumerate(folded.tokens):
            count = len(tokens)
            for position, token in enumerate(tokens):
                candidates, pair_first = self._candidates(token)
                for term in candidates:  # the first word matched: check the others
                    size = len(term.words)
                    if size == 1 or _rest_matches(term.words, tokens, position, 1):
                        found.append(Hit(term, index, position, position + size))
                if pair_first and position + 1 < count:
                    following = tokens[position + 1]
                    plain = "'" not in token and "'" not in following  # the common case: one key, no list built
                    for pair in ((token, following),) if plain else _pairs(token, following):
                        for term in by_pair.get(pair, ()):  # the first two words matched
                            size = len(term.words)
                            if size == 2 or _rest_matches(term.words, tokens, position, 2):
                                found.append(Hit(term, index, position, position + size))
        return found

    def _candidates(self, token: str) -> tuple[tuple[Term, ...], bool]:
        found = self._by_token.get(token)
        if found is None:
            variants = _variants(token)
            candidates = [t for word in variants for t in self.by_word.get(word, ())]
            for length in self.stem_lengths:
                if length > len(token):
                    break
                candidates += self.by_stem.get(token[:length], ())
            found = self._by_token[token] = (tuple(candidates), any(v in self.pair_firsts for v in variants))
        return found


def _rest_matches(words: tuple[str, ...], tokens: tuple[str, ...], position: int, checked: int) -> bool:
    """Whether a term's words after the first ``checked`` match the tokens from ``position`` on."""
    if position + len(words) > len(tokens):
        return False
    return all(_word_matches(words[i], tokens[position + i]) for i in range(checked, len(words)))


def _variants(token: str) -> tuple[str, ...]:
    """The words a token can match: itself and, for "children's", "children"."""
    return (token, token.split("'", 1)[0]) if "'" in token else (token,)


def _pairs(token: str, following: str) -> list[tuple[str, str]]:
    return [(a, b) for a in _variants(token) for b in _variants(following)]


# -- the vocabulary -----------------------------------------------------------------------


@dataclass
class Vocabulary:
    index: TermIndex  # the terms of every theme and service type: one pass over a text finds them all
    theme_concepts: list[NamedNode] = field(default_factory=list)
    service_concepts: list[NamedNode] = field(default_factory=list)
    broader: dict[NamedNode, NamedNode] = field(default_factory=dict)
    labels: dict[NamedNode, str] = field(default_factory=dict)
    area_themes: dict[str, NamedNode] = field(default_factory=dict)  # judgement area (local name) -> its theme

    def __post_init__(self) -> None:
        self.theme_set = frozenset(self.theme_concepts)
        self.service_set = frozenset(self.service_concepts)


@functools.cache
def vocabulary() -> Vocabulary:
    """The term indexes of the themes and service types, read from the bundled themes.ttl."""
    from safeguarding_kg.ontology import HERE

    triples = list(parse((HERE / "themes.ttl").read_bytes(), format=RdfFormat.TURTLE))
    by_subject: dict[NamedNode, dict[NamedNode, list]] = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t.predicate, []).append(t.object)
    theme_terms: list[Term] = []
    service_terms: list[Term] = []
    themes, services, broader, labels, area_themes = [], [], {}, {}, {}
    for concept in sorted(by_subject, key=lambda c: c.value):
        values = by_subject[concept]
        for area in values.get(SG.themeOfJudgementArea, []):
            area_themes[area.value.removeprefix(SG_BASE)] = concept
        for label in values.get(SKOS.prefLabel, []):
            labels[concept] = label.value
        if SKOS.broader in values:
            broader[concept] = values[SKOS.broader][0]
        terms = [term for predicate, kind in ((SG.signalTerm, SIGNAL), (SG.supportingTerm, SUPPORTING),
                                              (SG.excludedTerm, EXCLUDED))
                 for v in values.get(predicate, []) for term in make_terms(concept, v.value, kind)]
        if not any(t.kind != EXCLUDED for t in terms):
            continue
        schemes = values.get(SKOS.inScheme, [])
        if SG.Themes in schemes:
            themes.append(concept)
            theme_terms += terms
        elif SG.ServiceTypes in schemes or SG.ServiceTypes in values.get(SKOS.topConceptOf, []):
            services.append(concept)
            service_terms += terms
    return Vocabulary(TermIndex(shared_pieces(theme_terms + service_terms)), themes, services, broader, labels,
                      area_themes)


# -- classification ---------------------------------------------------------------------

#: The lexicon's score. A place where a signal term matches scores 2, a place where only a
#: supporting term matches 1; a place in the item's first sentence (its topic sentence: what
#: inspectors and planners lead with) counts double. A concept is a candidate when its terms
#: reach MIN_SCORE with at least one signal term or two supporting places. Which candidate
#: themes an item is about, rather than mentions in passing, the ranker decides.
SIGNAL_WEIGHT = 2
SUPPORTING_WEIGHT = 1
FIRST_SENTENCE_FACTOR = 2
MIN_SCORE = 2


@dataclass(frozen=True, slots=True)
class Place:
    """Where one or more overlapping terms of a concept matched."""

    sentence: int
    start: int
    end: int
    terms: tuple[Term, ...]

    @property
    def kind(self) -> str:
        return SIGNAL if any(t.kind == SIGNAL for t in self.terms) else SUPPORTING

    @property
    def score(self) -> int:
        weight = SIGNAL_WEIGHT if self.kind == SIGNAL else SUPPORTING_WEIGHT
        return weight * (FIRST_SENTENCE_FACTOR if self.sentence == 0 else 1)


@dataclass(frozen=True)
class Assignment:
    """A concept given to a text, the terms that matched and, in words, why."""

    concept: NamedNode
    terms: tuple[str, ...]
    score: int
    reason: str


def _places(hits: list[Hit]) -> dict[NamedNode, list[Place]]:
    """Each concept's places: its matching terms' spans minus its excluded terms' spans, overlaps merged.

    A term "a ... b" matches (from its first piece to its last) where all its pieces, none
    masked by an excluded term, are in one sentence.
    """
    excluded: dict[NamedNode, list[Hit]] = {}
    found: dict[NamedNode, list[Hit]] = {}
    with_pieces: set[NamedNode] = set()
    for hit in hits:
        kind = hit.term.kind
        (excluded if kind == EXCLUDED else found).setdefault(hit.term.concept, []).append(hit)
        if kind == PIECE:
            with_pieces.add(hit.term.concept)
    places: dict[NamedNode, list[Place]] = {}
    for concept, concept_hits in found.items():
        masks = excluded.get(concept)
        kept = [h for h in concept_hits if not any(
            m.sentence == h.sentence and m.start < h.end and h.start < m.end for m in masks)] if masks else concept_hits
        if concept in with_pieces:
            kept = _joined(kept)
        kept.sort(key=lambda h: (h.sentence, h.start, h.end))
        merged: list[Place] = []
        for h in kept:
            last = merged[-1] if merged else None
            if last and last.sentence == h.sentence and h.start <= last.end:  # overlapping or adjacent
                merged[-1] = Place(last.sentence, last.start, max(last.end, h.end), (*last.terms, h.term))
            else:
                merged.append(Place(h.sentence, h.start, h.end, (h.term,)))
        if merged:
            places[concept] = merged
    return places


def _joined(hits: list[Hit]) -> list[Hit]:
    """The hits of whole terms, with the pieces of "a ... b" terms joined where all are in one sentence."""
    whole = [h for h in hits if h.term.kind != PIECE]
    pieces: dict[tuple[Term, int], dict[int, Hit]] = {}  # (term, sentence) -> piece number -> its first hit
    for h in hits:
        if h.term.kind == PIECE:
            for term, number in h.term.of:
                pieces.setdefault((term, h.sentence), {}).setdefault(number, h)
    for (term, sentence), found in pieces.items():
        if len(found) == term.pieces:
            spans = found.values()
            whole.append(Hit(term, sentence, min(h.start for h in spans), max(h.end for h in spans)))
    return whole


def _describe(places: list[Place], score: int, needed: int) -> str:
    parts = []
    for kind in (SIGNAL, SUPPORTING):
        of_kind = [p for p in places if p.kind == kind]
        if not of_kind:
            continue
        terms = ", ".join(dict.fromkeys(f"'{t.text}'" for p in of_kind for t in p.terms if t.kind == kind))
        first = sum(p.sentence == 0 for p in of_kind)
        where = f"{len(of_kind)} place(s)" + (f", {first} in the first sentence" if first else "")
        parts.append(f"{kind} {terms} at {where}")
    return f"score {score} >= {needed}: " + "; ".join(parts)


@functools.lru_cache(maxsize=50_000)
def _places_of(text: str) -> dict[NamedNode, list[Place]]:
    return _places(vocabulary().index.hits(fold(text)))


@dataclass(frozen=True)
class Context:
    """What the loader knows about an item besides its text, read as explainable evidence.

    ``item_class`` is the local name of the item's class (Finding, Recommendation, Action,
    ExpectedOutcome); ``area`` the judgement area a finding is filed under (e.g. "CareLeavers").
    """

    item_class: str = ""
    area: str = ""


NO_CONTEXT = Context()


def _scored(text: str, concepts: frozenset[NamedNode], needed: int) -> list[tuple[NamedNode, int, list[Place]]]:
    """Concepts whose terms reach ``needed`` with a signal term or two places: (concept, score, places), best first."""
    scored = []
    for concept, places in _places_of(text).items():
        if concept not in concepts:
            continue
        score = sum(p.score for p in places)
        if (len(places) >= 2 or any(p.kind == SIGNAL for p in places)) and score >= needed:
            scored.append((concept, score, places))
    return sorted(scored, key=lambda s: (-s[1], s[0].value))


def _terms(places: list[Place]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.text for p in places for t in p.terms))


def theme_candidates(text: str) -> list[tuple[NamedNode, Candidate]]:
    """Every theme the lexicon finds in a text, with what the ranker weighs (strongest first)."""
    return [(theme, _candidate(theme, score, places)) for theme, score, places in _scored(
        text, vocabulary().theme_set, MIN_SCORE)]


def _candidate(theme: NamedNode, score: int, places: list[Place]) -> Candidate:
    signal = [p for p in places if p.kind == SIGNAL]
    return Candidate(top=top_concept(theme).value.removeprefix(SG_BASE), score=score,
                     sentences=tuple(p.sentence for p in places),
                     signal_sentences=tuple(p.sentence for p in signal),
                     signal_terms=len({t.text for p in signal for t in p.terms if t.kind == SIGNAL}))


def sentence_count(text: str) -> int:
    return len(fold(text).sentences)


@functools.lru_cache(maxsize=50_000)
def classify_themes(text: str, context: Context = NO_CONTEXT) -> tuple[Assignment, ...]:
    """The themes a text is about, most probable first, each with its terms and reason.

    The lexicon proposes every theme whose terms match; each top concept with a candidate is decided
    on its own (:mod:`safeguarding_kg.top_concepts`), then the themes of each kept top concept by
    the ranker (:mod:`safeguarding_kg.theme_ranking`). A finding filed under a judgement area that is
    about one theme by the report's structure (``sg:themeOfJudgementArea``: the care leavers, adoption
    and LSCB sections) is given that theme when no kept theme shares its top concept ("PAs visit young
    people regularly" in the care leavers section is about support for care leavers).
    """
    return read_themes(text, context).kept


@dataclass(frozen=True)
class ThemeReading:
    """The themes kept, and the strong candidates dropped with why (both go on the evidence node)."""

    kept: tuple[Assignment, ...]
    dropped: tuple[Assignment, ...]


#: A dropped candidate is "strong", and its reason kept on the evidence, from this lexicon score (two signal
#: places, or one in the first sentence).
STRONG_CANDIDATE = 4


@functools.lru_cache(maxsize=50_000)
def read_themes(text: str, context: Context = NO_CONTEXT) -> ThemeReading:
    return rank_themes(text, context, ranking_model(), top_model(), word_model())


def rank_themes(text: str, context: Context, ranker: Model, tops: TopModel, words: WordModel) -> ThemeReading:
    """:func:`read_themes` with given models (the trainer compares models with it)."""
    scored = _scored(text, vocabulary().theme_set, MIN_SCORE)
    candidates = [_candidate(theme, score, places) for theme, score, places in scored]
    n = sentence_count(text)
    probabilities = [ranker.probability(features(candidates, i, context.item_class, n))
                     for i in range(len(candidates))]
    kept_tops, dropped_tops = decide(candidates, probabilities, context.item_class, n, text, tops, words)
    found: list[tuple[float, Assignment]] = []
    dropped: list[Assignment] = []
    for decision in kept_tops + dropped_tops:
        kept_top = decision in kept_tops
        verdict = (f"top concept {decision.top} {decision.probability:.2f} "
                   + (f">= {tops.threshold:g}" if decision.kept_by_threshold else
                      f"< {tops.threshold:g}" + (" (the item's most probable)" if kept_top else ""))
                   + f": {decision.why}")
        mine = [i for i, c in enumerate(candidates) if c.top == decision.top]
        best = max(mine, key=lambda i: (probabilities[i], -i))
        for i in mine:
            theme, score, places = scored[i]
            p = probabilities[i]
            ranked = (f"ranker {p:.2f} " + (f">= {ranker.threshold:g}" if p >= ranker.threshold else
                                             "(its top concept's most probable theme)" if i == best else
                                             f"< {ranker.threshold:g}"))
            reason = f"{_describe(places, score, MIN_SCORE)}; {verdict}; {ranked}"
            if kept_top and (p >= ranker.threshold or i == best):
                found.append((p, Assignment(theme, _terms(places), score, reason)))
            elif score >= STRONG_CANDIDATE:
                dropped.append(Assignment(theme, _terms(places), score, f"candidate not kept, {reason}"))
    kept = [a for _, a in sorted(found, key=lambda f: (-f[0], f[1].concept.value))]
    theme = vocabulary().area_themes.get(context.area) if context.item_class in ("", "Finding") else None
    if theme is not None and not any(top_concept(a.concept) == top_concept(theme) for a in kept):
        reason = (f"filed under the judgement area {context.area}, whose findings are about this theme, and the "
                  f"text names no theme of {top_concept(theme).value.removeprefix(SG_BASE)}")
        kept.append(Assignment(theme, (), 0, reason))
    return ThemeReading(tuple(kept), tuple(dropped))


@functools.lru_cache(maxsize=50_000)
def classify_services(text: str) -> tuple[Assignment, ...]:
    """The service types a text names (naming a service is enough: no ranking)."""
    return tuple(Assignment(service, _terms(places), score, _describe(places, score, SIGNAL_WEIGHT))
                 for service, score, places in _scored(text, vocabulary().service_set, SIGNAL_WEIGHT))


def themes_of(text: str, context: Context = NO_CONTEXT) -> dict[NamedNode, list[str]]:
    """Theme concept -> the terms that matched, for every theme assigned to the text."""
    return {a.concept: list(a.terms) for a in classify_themes(text, context)}


def services_of(text: str) -> dict[NamedNode, list[str]]:
    """Service type concept -> the terms that matched."""
    return {a.concept: list(a.terms) for a in classify_services(text)}


def top_concept(theme: NamedNode) -> NamedNode:
    broader = vocabulary().broader
    while theme in broader:
        theme = broader[theme]
    return theme


# -- polarity -----------------------------------------------------------------------------

#: Finding kinds whose heading states the polarity outright (letters' lists).
KIND_POLARITY = {
    SG.StrengthItem: SG.Strength,
    SG.MeetsRequirementsItem: SG.Strength,
    SG.AreaForDevelopmentItem: SG.Weakness,
    SG.AreaForPriorityActionItem: SG.Weakness,
    SG.WhatNeedsToImproveItem: SG.Weakness,
}

# Cues read per clause. A negative cue wins over positive words in the same clause ("not
# always timely" is a criticism). Before the cues are read, phrases that deny a shortfall
# ("without delay", "no placement breakdowns") or only name one ("strengths and weaknesses",
# "identifies gaps") are removed, and so are conditions ("when risks do not reduce, ...", "if
# they are not in school"): what would happen in a case is not a judgement. A sentence is split
# into clauses at "but", "however", "although", "while", "whereas" and semicolons, so that
# "meetings are held promptly, but do not always involve all agencies" praises and criticises.
# (The cue patterns open with "(?<!\w)" rather than "\b": the same where every alternative starts
# with a letter, and faster to search; in the removal pattern "\b" is the faster.)
_DENIED_SHORTFALL = re.compile(
    r"\b(?:(?:avoid\w*|prevent\w*|reduc\w*|minimis\w*) (?:any )?(?:drift|delay)s? (?:or|and) (?:drift|delay)s?"
    r"|without (?:any |unnecessary |undue )?delay|no (?:unnecessary |undue )?delay|no drift"
    r"|avoid\w* (?:any |unnecessary |undue )?(?:drift|delay)s?"
    r"|reduc\w* (?:delay|drift)s?|prevent\w* (?:drift|delay)s?|tackl\w* delays?|minimis\w* (?:the )?(?:risk|delay)"
    r"|not complacent|no (?:children|child) (?:are|is) waiting|not (?:only|just)|none (?:are|were) found"
    r"|reduc\w* (?:risk|need)s?|risks? (?:decrease|reduce)\w*|areas? (?:for|of) development that are being"
    r"|whether|not be contacted|request not to|not receiving the support|not to be contacted"
    r"|(?:not|never) been any|no (?:adoption )?(?:placement )?breakdowns?|relatively low|no room for complacency"
    r"|strengths and weaknesses|strengths and areas for (?:development|improvement)"
    r"|identif\w* (?:any |the |a number of |some )?(?:weaknesses|gaps|concerns|shortfalls?)"
    r"|address(?:ing|es)? (?:the |any )?(?:identified )?(?:weaknesses|gaps)"
    # a shortfall being put right: "prompt action to address the shortfalls", "tackling the backlog"
    r"|(?:address|tackl|remed|resolv|rectif|put right|respond\w* to|act\w* on)\w* (?:the |any |these |those |such )?"
    r"(?:identified |remaining |known )?(?:shortfalls?|weakness(?:es)?|gaps?|deficits?|backlogs?|delays?|drift)"
    r"|(?:areas?|what|where) (?:\w+ ){0,2}needs? (?:to )?(?:be )?(?:further )?(?:improve|change|develop|strengthen)\w*"
    r"|despite (?:the )?(?:difficulties|challenges)|mixed (?:ethnic|heritage|race)\w*"
    r"|not (?:always )?(?:understand|know) their lived experience"
    # a bad outcome the service prevents: "there is no waiting list", "this ensures that children do not need to
    # wait", "not detained unnecessarily", "PAs don't give up on them", "the attainment gap is closing"
    r"|no waiting lists?|(?:not|no longer) (?:need to |have to )?wait\w*|not (?:\w+ )?unnecessar\w*"
    r"|ensur\w* (?:that )?(?:[\w']+ ){1,4}?(?:are|is|do|does|will) not [^,;]*"
    r"|(?:don't|do not|never|did not|didn't|will not|won't) give up|(?:could|would) not have (?:\w+ ){1,3}without"
    r"|(?:attainment )?gaps? (?:is |are )?(?:closing|narrowing|closed|narrowed)"
    # "support that helps them not to go missing", "no referrals are missed", "referrals which do not meet the
    # threshold" (a routine description), "not least" (an emphasis)
    r"|(?:help|enabl|support|encourag)\w* (?:\w+ ){0,3}?not to"
    r"|no (?:\w+ ){1,3}?(?:are|is|were|was) (?:missed|lost|overlooked)"
    r"|(?:do|does|did) not (?:yet )?meet (?:the )?(?:\w+ ){0,3}?thresholds?|not least"
    # a past shortfall, now put right: "workloads have reduced following a period of being unacceptably high",
    # "issues that have previously been difficult to resolve"
    r"|(?:following|after) a (?:long |lengthy |prolonged )?period of [^,;]*|(?:ha(?:ve|s|d) )?previously been [^,;]*"
    # leaders' own knowledge of what is still to do is self-awareness, not a criticism: "leaders recognise that more
    # work is required", "the review acknowledges the need to improve services"
    r"|(?:recognis|acknowledg)\w* (?:that )?(?:the )?(?:need|more|further) [^,;]*"
    # the children's difficulties and risks, not the service's: "care leavers experiencing mental health
    # difficulties", "lower level needs", "from a low base", "families who are struggling", "children who cannot live
    # safely at home",
    # "concerns about children at risk of ...", "action to disrupt perpetrators"; and a tool's name
    r"|(?:health|learning|emotional|behavioural|communication|speech and language) difficulties"
    r"|strengths? and difficulties"
    r"|low(?:er)?[ -]level|(?:a |very )?low base"
    r"|(?:risks?|needs?) (?:is |are |was |were )?(?:judged |assessed |considered )?(?:to be |as )?low"
    r"|(?:safety|welfare) cannot be (?:assured|guaranteed)"
    r"|(?:families|parents|carers|children|young people) (?:who are )?struggl\w*"
    r"|(?:cannot|can't|unable to|not able to|no longer able to) (?:safely )?(?:live|remain|stay|return)(?: safely)?"
    r" (?:at home|with|in their)"
    r"|concerns? (?:about|for|regarding) (?:the )?(?:\w+ ){0,3}?(?:children|child|young people|young person)\b"
    r"|disrupt\w* (?:and \w+ )?(?:the )?(?:\w+ )?(?:perpetrat|exploit|abus|offend|activit|gang|crimin)\w*"
    # a hedge: "it is too early to evaluate the impact" says nothing yet either way
    r"|too (?:early|soon) to (?:evaluate|assess|judge|measure|see|determine|demonstrate|comment|say|tell))\b")
#: A condition, to the next comma: "if ..."/"unless ..." anywhere; "when ..."/"whenever ..." anywhere ("decisive action
#: is taken when there is a failure to improve"); "where/once ..." only opening the sentence or a clause (after a comma
#: or semicolon: elsewhere "where" is relative, "cases where children are not seen") and only when a comma closes it (a
#: clause-opening "where/once" with no comma after it would take the main clause with it).
_CONDITION = re.compile(r"\b(?:(?:where|once)(?<![^,;] where)(?<![^,;] once)\b[^,;]*(?=,)"
                        r"|(?:when|whenever|if|unless)\b[^,;]*)")
#: Denials and conditions, removed in one pass (a denial is tried first where both could start).
_NOT_JUDGED = re.compile(f"{_DENIED_SHORTFALL.pattern}|{_CONDITION.pattern}")
_CLAUSE_BREAK = re.compile(r"; |,? (?:but|although|whilst) | however,? |, (?:though|while|whereas) ")
_NEGATIVE = re.compile(
    r"(?<!\w)(?:not|no longer|nor|cannot|can't|don't|doesn't|isn't|aren't|wasn't|weren't|hasn't|haven't|never"
    r"|too (?:variable|slow|long|many|often|high|low|late|early|narrow|much|few|little|great)"
    r"|insufficient\w*|inconsisten\w*|lack\w*|weak\w*|poor\w*|delay\w*|drift|variable|variability|limited"
    r"|fail\w*|absent|absence|gaps?|deficit\w*|shortfall\w*|unclear|ineffective\w*|inadequate\w*|unsafe"
    r"|needs? to (?:be )?(?:improve|strengthen|develop|progress|ensure|increase|address)\w*"
    r"|more (?:needs|work) (?:to|is)"
    r"|requires? (?:further )?(?:improvement|strengthening|development)|less (?:effective|consistent|timely|robust)"
    r"|barriers?|backlog\w*|vague|superficial|over optimistic|struggl\w*|difficult\w*|concern(?:ing|s about)|worr\w*"
    r"|disrupt\w*|overdue|out of date|unallocated|waiting lists?|wait too long|too soon|too early|not yet|yet to"
    r"|uneven|patchy|mixed|missed|low|lower|reduced (?:quality|capacity)|deteriorat\w*|declin\w*|slow\w*"
    r"|underdeveloped|under developed|remains? (?:a|an) (?:area|challenge)|challeng(?:e|es) (?:remain|persist)\w*"
    r"|rarely|very few|hard to|frustrat\w*|omissions?|unmet|could be (?:further )?(?:strengthened|improved)"
    r"|negative impact|would have been more appropriate|only (?:a few|some)|limit(?:s|ing)?|inhibit\w*"
    r"|debilitat\w*|major issue|unresolved"
    # pressure and instability: "unacceptably high caseloads", "practice has been compromised", "services remain
    # fragile, with an over-reliance on agency staff", "several changes of worker", "multiple placement moves"
    r"|(?:high|higher|excessive|unmanageable) caseloads?|unacceptabl\w*|compromis\w*|instability|unstable|fragil\w*"
    r"|over[ -]?relian\w*|prematur\w*|detriment\w*|less (?:secure|stable)"
    r"|(?:multiple|several|frequent|many) (?:changes (?:of|in) (?:\w+ )?(?:workers?|managers?|placements?)"
    r"|(?:placement )?moves)"
    # what is missing or only starting: "little evidence of learning", "little understanding and no guidance",
    # "only beginning to have an impact"; an unfavourable comparison: "days longer than the national average"
    r"|(?:little|no) (?:or no )?(?:evidence|benefit|understanding|guidance|oversight|challenge|analysis|consideration"
    r"|impact|progress)|only (?:just )?(?:beginning|starting)"
    r"|(?:longer|worse|slower) than (?:the )?(?:national|statistical|england|average|comparator|similar|government"
    r"|regional)"
    # work still to do: "there is still further work to do", "a long way to go", "it would benefit from"
    r"|(?:more|further) (?:work )?(?:is )?(?:still )?(?:to do|required|needed)|needs? to do more|long way to go"
    r"|(?:would|could) (?:also )?benefit (?:further )?from|makes sense to)\b")
_POSITIVE = re.compile(
    # ("well" but not "as well (as)" or an intensifier: "well below the average", "well beyond their capability")
    r"(?<!\w)(?:good|(?<!as )well(?! as| below| beyond| over| under| short| in excess)|effective\w*|strong\w*"
    r"|strength\w*|robust\w*|timely|prompt\w*|thorough\w*|comprehensive\w*"
    r"|improv(?:ed|ing|ement|ements)|excellent\w*|impressive\w*|exemplary|outstanding|positive\w*|appropriate\w*"
    r"|clear\w*|consistent\w*|high quality|sensitiv\w*|valued|benefit\w*|success\w*|creativ\w*|skil\w*|swift\w*"
    r"|purposeful\w*|proactive\w*|confiden\w*|helpful|supportive|rigorous\w*|responsive|meaningful|persistent"
    r"|understand\w*|know (?:them|their|the) \w+ well|determined|committed|commitment|ambitious|innovative|safe"
    r"|satisf\w*|embedded|mature|tenacious|thoughtful\w*|careful\w*|detailed|considered|celebrat\w*|impact on"
    r"|instrumental|pivotal|force for change|spoke highly|speak highly|trusting|accessible|quick\w*|rapid\w*"
    r"|child focused|enthusias\w*|warmly|ensur(?:es|ing)|enabl(?:es|ing)|help(?:s|ing)|flourish\w*|tangible"
    r"|sustain(?:ed|able)|up to date"
    # help described as given: "care leavers are supported to continue their education", "actively encourage"
    r"|succeed\w*|supported to|actively|encourag\w*|easy access)\b")


@dataclass(frozen=True)
class Polarity:
    concept: NamedNode
    reason: str


def _clause_notes(sentence: str, positive: list[str], negative: list[str]) -> str:
    """"+", "-", "+-" or "" for one sentence, from its clauses; the cues found are appended to the lists."""
    text = _NOT_JUDGED.sub(" ", sentence)
    if not _NEGATIVE.search(text):  # no criticism: the clauses need not be read one by one
        pos = _POSITIVE.search(text)
        if pos:
            positive.append(pos.group(0))
        return "+" if pos else ""
    marks = set()
    for clause in _CLAUSE_BREAK.split(text):
        neg = _NEGATIVE.search(clause)
        pos = None if neg else _POSITIVE.search(clause)
        if neg:
            negative.append(neg.group(0))
            marks.add("-")
        elif pos:
            positive.append(pos.group(0))
            marks.add("+")
    return "".join(sorted(marks))


def clause_marks(text: str) -> list[list[str]]:
    """Each sentence's clauses read as "-" (criticises: a criticism cue), "+" (praises) or "" (neither).

    Denials and conditions are removed first; a clause with a criticism cue criticises whatever else it says.
    """
    marks = []
    for sentence in fold(text).sentences:
        clauses = _CLAUSE_BREAK.split(_NOT_JUDGED.sub(" ", sentence))
        marks.append(["-" if _NEGATIVE.search(c) else "+" if _POSITIVE.search(c) else "" for c in clauses])
    return marks


def critical_clauses(text: str) -> list[str]:
    """The clauses of a text that criticise (a criticism cue, once denials and conditions are removed).

    What a weakness or recommendation says is weak: the recurrence linker compares these.
    """
    found = []
    for sentence in fold(text).sentences:
        judged = _NOT_JUDGED.sub(" ", sentence)
        found += [clause for clause in _CLAUSE_BREAK.split(judged) if _NEGATIVE.search(clause)]
    return found


def polarity_of(text: str, finding_kind: NamedNode | None = None) -> Polarity:
    """Strength, weakness, mixed or neutral: from the letter heading when it says, else from clause cues.

    A paragraph that opens and closes critically, with fewer praising sentences in between
    ("X is weak. ... They are visited promptly. However, more needs to be done.") is a weakness:
    the praise in between is a concession. (The same rule for praise was tried: it helped dev
    and hurt held-out v1 as much, so it is not used.) Otherwise both notes: Mixed.
    """
    if finding_kind in KIND_POLARITY:
        label = finding_kind.value.removeprefix(SG_BASE)
        return Polarity(KIND_POLARITY[finding_kind], f"finding kind {label}")
    return rule_polarity(text)


def rule_polarity(text: str) -> Polarity:
    """The polarity rules on a text alone (what :func:`polarity_of` reads when no heading states it)."""
    positive: list[str] = []
    negative: list[str] = []
    notes = [_clause_notes(sentence, positive, negative) for sentence in fold(text).sentences]
    praising = sum("+" in n for n in notes)
    criticising = sum("-" in n for n in notes)
    parts = []
    if praising:
        parts.append(f"{praising} sentence(s) praise ({', '.join(dict.fromkeys(positive))})")
    if criticising:
        parts.append(f"{criticising} sentence(s) criticise ({', '.join(dict.fromkeys(negative))})")
    if praising and criticising:
        if len(notes) >= 3 and "-" in notes[0] and "-" in notes[-1] and praising < criticising:
            return Polarity(SG.Weakness, "; ".join(parts) + "; opens and closes critically")
        return Polarity(SG.Mixed, "; ".join(parts))
    if criticising:
        return Polarity(SG.Weakness, "; ".join(parts))
    if praising:
        return Polarity(SG.Strength, "; ".join(parts))
    return Polarity(SG.Neutral, "no sentence praises or criticises")


# -- adding the classification to an extraction ---------------------------------------


def classify_extraction(extraction) -> None:
    """Add sg:theme, sg:concernsService and (for findings) sg:polarity, with evidence, to an Extraction.

    Each classified item gets ONE sg:ClassificationEvidence node (``<item>/classification``)
    naming every concept assigned, every term that matched, and one reason per concept; the
    classifier's version is stated once, on the document node. Besides the text, the themes
    read the item's class and, for a finding, the judgement area the loader filed it under.
    """
    facts = _index(extraction.quads)
    classified = False
    for item, values in facts.items():
        classes = set(values.get(RDF.type, ()))
        kind_of_item = next((c for c in CLASSIFIED_CLASSES if c in classes), None)
        if kind_of_item is None or SG.text not in values:
            continue
        text = " ".join(v.value for v in values[SG.text])
        area = _first(facts, item, SG.judgementArea)
        context = Context(kind_of_item.value.removeprefix(SG_BASE), area.value.removeprefix(SG_BASE) if area else "")
        evidence: list[tuple[NamedNode, tuple[str, ...], str]] = []
        reading = read_themes(text, context)
        for theme in reading.kept:
            extraction.add(item, SG.theme, theme.concept)
            evidence.append((theme.concept, theme.terms, f"theme, {theme.reason}"))
        authority = _authority_of(item, facts)
        if authority is not None:
            for service in classify_services(text):
                extraction.add(item, SG.concernsService, _service(extraction, authority, service.concept))
                evidence.append((service.concept, service.terms, f"names the service: {', '.join(service.terms)}"))
        if SG.Finding in classes:
            kinds = values.get(SG.findingKind, [])
            polarity = polarity_of(text, kinds[0] if kinds else None)
            extraction.add(item, SG.polarity, polarity.concept)
            evidence.append((polarity.concept, (), f"polarity, {polarity.reason}"))
        if evidence:
            _evidence(extraction, item, evidence)
            node = within(item, "classification")
            for theme in reading.dropped:  # a strong candidate not kept: its reason is said, it is not assigned
                extraction.add(node, SG.reason, f"{theme.concept.value.removeprefix(SG_BASE)}: theme {theme.reason}")
            classified = True
    if classified:
        extraction.add(extraction.document, SG.classifier, CLASSIFIER)


def _evidence(extraction, item: NamedNode, evidence: list[tuple[NamedNode, tuple[str, ...], str]]) -> None:
    node = within(item, "classification")
    extraction.add(node, RDF.type, SG.ClassificationEvidence)
    extraction.add(node, SG.evidenceFor, item)
    extraction.add(node, SG.inferred, True)
    for concept, terms, reason in evidence:
        extraction.add(node, SG.assignedConcept, concept)
        for term in terms:
            extraction.add(node, SG.matchedTerm, term)
        extraction.add(node, SG.reason, f"{concept.value.removeprefix(SG_BASE)}: {reason}")


def _service(extraction, authority: NamedNode, service_type: NamedNode) -> NamedNode:
    label = vocabulary().labels.get(service_type, service_type.value.removeprefix(SG_BASE))
    service = within(authority, "service", slug(service_type.value.removeprefix(SG_BASE)))
    extraction.add(service, RDF.type, SG.Service)
    extraction.add(service, SG.serviceType, service_type)
    extraction.add(service, SG.serviceOf, authority)
    extraction.add(service, SKOS.prefLabel, Literal(label))
    return service


def _index(quads) -> dict[NamedNode, dict[NamedNode, list]]:
    facts: dict[NamedNode, dict[NamedNode, list]] = {}
    for q in quads:
        facts.setdefault(q.subject, {}).setdefault(q.predicate, []).append(q.object)
    return facts


def _first(facts: dict, subject, predicate):
    values = facts.get(subject, {}).get(predicate, [])
    return values[0] if values else None


def _authority_of(item: NamedNode, facts: dict) -> NamedNode | None:
    """The authority an item belongs to: its inspection's authority (or its board's), or its plan's."""
    inspection = _first(facts, item, SG.ofInspection)
    if inspection is None:
        for via in (SG.addresses, SG.outcomeOf):
            recommendation = _first(facts, item, via)
            if recommendation is not None:
                inspection = _first(facts, recommendation, SG.ofInspection)
                break
    if inspection is not None:
        authority = _first(facts, inspection, SG.inspectedAuthority)
        if authority is not None:
            return authority
        board = _first(facts, inspection, SG.inspectedBoard)
        if board is not None:
            return _first(facts, board, SG.servesAuthority) or _board_authority(board)
    plan = _first(facts, item, SG.inPlan)
    if plan is not None:
        return _first(facts, plan, SG.ofAuthority)
    return None


def _board_authority(board: NamedNode) -> NamedNode | None:
    """Boards are named after their authority (iris.board_iri), so the authority can be read back."""
    if "/board/" not in board.value:
        return None
    return NamedNode(board.value.replace("/board/", "/authority/", 1))
