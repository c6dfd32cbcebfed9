"""Themes, services and polarity of findings, recommendations, actions and expected outcomes.

A deterministic, explainable classifier: the lexicon is the ``sg:signalTerm`` and
``sg:excludedTerm`` values of the concepts in ``ontology/themes.ttl`` (so an analyst can
read, query and change it), matched on whole words. Every assignment keeps what matched on
an ``sg:ClassificationEvidence`` node marked ``sg:inferred true``, so machine readings are
never mistaken for what a document states.

Classification is a pure function of an item's text (and, for polarity, of the heading a
letter filed it under), so it runs inside extraction (:func:`classify_extraction`, called
by ``loading.extract``) and lives in each document's own graph: reloading, replacing and
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

#: Bumped when the classifier's rules change meaning (recorded on every evidence node).
CLASSIFIER = "sgkg-lexicon-2"

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


@dataclass(frozen=True)
class Term:
    concept: NamedNode
    text: str  # as written in themes.ttl, kept as the evidence
    words: tuple[str, ...]
    kind: str  # SIGNAL, SUPPORTING or EXCLUDED


def _word_matches(word: str, token: str) -> bool:
    """Whole-word match; "stem*" matches any ending; "children" also matches "children's"."""
    if word.endswith("*"):
        return token.startswith(word[:-1])
    return token == word or token.startswith(word + "'")


@dataclass(frozen=True)
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
        self._by_token: dict[str, tuple[Term, ...]] = {}  # the word and stem candidates of each token seen

    def hits(self, folded: Folded) -> list[Hit]:
        found = []
        for index, tokens in enumerate(folded.tokens):
            last = len(tokens) - 1
            for position, token in enumerate(tokens):
                candidates = self._candidates(token)
                if position < last:
                    for pair in _pairs(token, tokens[position + 1]):
                        candidates += tuple(self.by_pair.get(pair, ()))
                for term in candidates:
                    end = position + len(term.words)
                    if end <= len(tokens) and all(
                            _word_matches(w, t) for w, t in zip(term.words, tokens[position:end], strict=True)):
                        found.append(Hit(term, index, position, end))
        return found

    def _candidates(self, token: str) -> tuple[Term, ...]:
        found = self._by_token.get(token)
        if found is None:
            candidates = [t for word in _variants(token) for t in self.by_word.get(word, ())]
            for length in self.stem_lengths:
                if length > len(token):
                    break
                candidates += self.by_stem.get(token[:length], ())
            found = self._by_token[token] = tuple(candidates)
        return found


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
    themes, services, broader, labels = [], [], {}, {}
    for concept in sorted(by_subject, key=lambda c: c.value):
        values = by_subject[concept]
        for label in values.get(SKOS.prefLabel, []):
            labels[concept] = label.value
        if SKOS.broader in values:
            broader[concept] = values[SKOS.broader][0]
        terms = [Term(concept, v.value, term_words(v.value), kind)
                 for predicate, kind in ((SG.signalTerm, SIGNAL), (SG.supportingTerm, SUPPORTING),
                                         (SG.excludedTerm, EXCLUDED))
                 for v in values.get(predicate, [])]
        if not any(t.kind != EXCLUDED for t in terms):
            continue
        schemes = values.get(SKOS.inScheme, [])
        if SG.Themes in schemes:
            themes.append(concept)
            theme_terms += terms
        elif SG.ServiceTypes in schemes or SG.ServiceTypes in values.get(SKOS.topConceptOf, []):
            services.append(concept)
            service_terms += terms
    return Vocabulary(TermIndex(theme_terms + service_terms), themes, services, broader, labels)


# -- classification ---------------------------------------------------------------------

#: The rules, in numbers (sgkg-lexicon-2). A place where a signal term matches scores 2, a place
#: where only a supporting term matches 1; a place in the item's first sentence (its topic
#: sentence: what inspectors and planners lead with) counts double. A concept is assigned when
#: its terms reach MIN_SCORE with at least one signal term or two supporting places. Among an
#: item's themes, those scoring under RELATIVE times the best are dropped as mentions in
#: passing -- unless a signal term of theirs is in the first sentence (KEEP_TOPIC).
SIGNAL_WEIGHT = 2
SUPPORTING_WEIGHT = 1
FIRST_SENTENCE_FACTOR = 2
MIN_SCORE = 2
RELATIVE = 0.4
KEEP_TOPIC = True


@dataclass(frozen=True)
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
    """Each concept's places: its matching terms' spans minus its excluded terms' spans, overlaps merged."""
    excluded: dict[NamedNode, list[Hit]] = {}
    found: dict[NamedNode, list[Hit]] = {}
    for hit in hits:
        (excluded if hit.term.kind == EXCLUDED else found).setdefault(hit.term.concept, []).append(hit)
    places: dict[NamedNode, list[Place]] = {}
    for concept, concept_hits in found.items():
        masks = excluded.get(concept, [])
        kept = sorted((h for h in concept_hits if not any(
            m.sentence == h.sentence and m.start < h.end and h.start < m.end for m in masks)),
            key=lambda h: (h.sentence, h.start, h.end))
        merged: list[Place] = []
        for h in kept:
            last = merged[-1] if merged else None
            if last and last.sentence == h.sentence and h.start < last.end:
                merged[-1] = Place(last.sentence, last.start, max(last.end, h.end), (*last.terms, h.term))
            else:
                merged.append(Place(h.sentence, h.start, h.end, (h.term,)))
        if merged:
            places[concept] = merged
    return places


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


def _assign(text: str, concepts: Iterable[NamedNode], *, relative: float,
            needed: int = MIN_SCORE) -> tuple[Assignment, ...]:
    places_of = _places_of(text)
    scored = []
    for concept in concepts:
        places = places_of.get(concept)
        if not places:
            continue
        signal = any(p.kind == SIGNAL for p in places)
        score = sum(p.score for p in places)
        if (signal or len(places) >= 2) and score >= needed:
            terms = tuple(dict.fromkeys(t.text for p in places for t in p.terms))
            scored.append((concept, terms, score, places))
    best = max((score for _, _, score, _ in scored), default=0)
    result = []
    for concept, terms, score, places in sorted(scored, key=lambda s: (-s[2], s[0].value)):
        topic = any(p.kind == SIGNAL and p.sentence == 0 for p in places)
        if score < relative * best and not (KEEP_TOPIC and topic):
            continue
        reason = _describe(places, score, needed)
        if relative and score < best:
            reason += f"; best theme of the item scores {best}"
        result.append(Assignment(concept, terms, score, reason))
    return tuple(result)


@functools.lru_cache(maxsize=50_000)
def classify_themes(text: str) -> tuple[Assignment, ...]:
    """The themes a text is about, strongest first, each with its terms and reason."""
    return _assign(text, vocabulary().theme_concepts, relative=RELATIVE)


@functools.lru_cache(maxsize=50_000)
def classify_services(text: str) -> tuple[Assignment, ...]:
    """The service types a text names (no relative cut: naming a service is enough)."""
    return _assign(text, vocabulary().service_concepts, relative=0.0, needed=SIGNAL_WEIGHT)


def themes_of(text: str) -> dict[NamedNode, list[str]]:
    """Theme concept -> the terms that matched, for every theme assigned to the text."""
    return {a.concept: list(a.terms) for a in classify_themes(text)}


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

# Cues read per sentence. A negative cue wins over positive words in the same sentence
# ("not always timely" is a criticism); phrases that deny a shortfall ("without delay")
# are removed first so that their "delay" does not count.
_DENIED_SHORTFALL = re.compile(
    r"\b(?:without (?:any |unnecessary |undue )?delay|no (?:unnecessary |undue )?delay|no drift"
    r"|avoid(?:ing)? (?:drift|delay)"
    r"|reduc\w* (?:delay|drift)|prevent\w* (?:drift|delay)|tackl\w* delay|minimis\w* (?:the )?(?:risk|delay)"
    r"|not complacent|no (?:children|child) (?:are|is) waiting|not (?:only|just)|none (?:are|were) found"
    r"|reduc\w* (?:risk|need)s?|risks? (?:decrease|reduce)\w*|areas? (?:for|of) development that are being"
    r"|whether|not be contacted|request not to|not receiving the support|not to be contacted)\b")
_NEGATIVE = re.compile(
    r"\b(?:not|no longer|nor|cannot|can't|don't|doesn't|isn't|aren't|wasn't|weren't|hasn't|haven't|never"
    r"|too (?:variable|slow|long|many|often|high|low|late|early|narrow|much|few|little|great)"
    r"|insufficient\w*|inconsisten\w*|lack\w*|weak\w*|poor\w*|delay\w*|drift|variable|variability|limited"
    r"|fail\w*|absent|absence|gaps?|deficit\w*|shortfall\w*|unclear|ineffective\w*|inadequate\w*|unsafe"
    r"|needs? to (?:be )?(?:improve|strengthen|develop|progress|ensure|increase|address)\w*"
    r"|more (?:needs|work) (?:to|is)"
    r"|requires? (?:further )?(?:improvement|strengthening|development)|less (?:effective|consistent|timely|robust)"
    r"|barriers?|backlog\w*|vague|superficial|over optimistic|struggl\w*|difficult\w*|concern(?:ing|s about)|worr\w*"
    r"|disrupt\w*|overdue|out of date|unallocated|waiting lists?|wait too long|too soon|too early|not yet|yet to"
    r"|uneven|patchy|mixed|missed|low|lower|reduced (?:quality|capacity)|deteriorat\w*|declin\w*|slow\w*"
    r"|underdeveloped|under developed|remains? (?:a|an) (?:area|challenge)|challeng(?:e|es) (?:remain|persist)\w*)\b")
_POSITIVE = re.compile(
    r"\b(?:good|well|effective\w*|strong\w*|strength\w*|robust\w*|timely|prompt\w*|thorough\w*|comprehensive\w*"
    r"|improv(?:ed|ing|ement|ements)|excellent\w*|impressive\w*|exemplary|outstanding|positive\w*|appropriate\w*"
    r"|clear\w*|consistent\w*|high quality|sensitiv\w*|valued|benefit\w*|success\w*|creativ\w*|skil\w*|swift\w*"
    r"|purposeful\w*|proactive\w*|confiden\w*|helpful|supportive|rigorous\w*|responsive|meaningful|persistent"
    r"|understand\w*|know (?:them|their|the) \w+ well|determined|committed|commitment|ambitious|innovative|safe"
    r"|satisf\w*|embedded|mature|tenacious|thoughtful\w*|careful\w*|detailed|considered|celebrat\w*|impact on)\b")


@dataclass(frozen=True)
class Polarity:
    concept: NamedNode
    reason: str


def polarity_of(text: str, finding_kind: NamedNode | None = None) -> Polarity:
    """Strength, weakness, mixed or neutral: from the letter heading when it says, else from sentence cues.

    A paragraph that opens and closes critically, with fewer praising sentences in between
    ("X is weak. ... They are visited promptly. However, more needs to be done.") is a weakness:
    the praise in between is a concession. (The same rule for praise was tried: it helped dev
    and hurt held-out v1 as much, so it is not used.) Otherwise both notes: Mixed.
    """
    if finding_kind in KIND_POLARITY:
        label = finding_kind.value.removeprefix(SG_BASE)
        return Polarity(KIND_POLARITY[finding_kind], f"finding kind {label}")
    positive, negative, notes = [], [], []
    for sentence in fold(text).sentences:
        cleaned = _DENIED_SHORTFALL.sub(" ", sentence)
        neg = _NEGATIVE.search(cleaned)
        pos = None if neg else _POSITIVE.search(cleaned)
        if neg:
            negative.append(neg.group(0))
        elif pos:
            positive.append(pos.group(0))
        notes.append("-" if neg else "+" if pos else "")
    parts = []
    if positive:
        parts.append(f"{len(positive)} sentence(s) praise ({', '.join(dict.fromkeys(positive))})")
    if negative:
        parts.append(f"{len(negative)} sentence(s) criticise ({', '.join(dict.fromkeys(negative))})")
    if positive and negative:
        if len(notes) >= 3 and notes[0] == notes[-1] == "-" and len(positive) < len(negative):
            return Polarity(SG.Weakness, "; ".join(parts) + "; opens and closes critically")
        return Polarity(SG.Mixed, "; ".join(parts))
    if negative:
        return Polarity(SG.Weakness, "; ".join(parts))
    if positive:
        return Polarity(SG.Strength, "; ".join(parts))
    return Polarity(SG.Neutral, "no sentence praises or criticises")



# -- adding the classification to an extraction ---------------------------------------


def classify_extraction(extraction) -> None:
    """Add sg:theme, sg:concernsService and (for findings) sg:polarity, with evidence, to an Extraction.

    Each classified item gets ONE sg:ClassificationEvidence node (``<item>/classification``)
    naming every concept assigned, every term that matched, and one reason per concept; the
    classifier's version is stated once, on the document node.
    """
    facts = _index(extraction.quads)
    classified = False
    for item, values in facts.items():
        classes = set(values.get(RDF.type, ()))
        if not classes.intersection(CLASSIFIED_CLASSES) or SG.text not in values:
            continue
        text = " ".join(v.value for v in values[SG.text])
        evidence: list[tuple[NamedNode, tuple[str, ...], str]] = []
        for theme in classify_themes(text):
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
