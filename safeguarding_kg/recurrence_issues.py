"""The specific issue a recommendation or weakness raises: what is weak, for whom, in which process.

The recurrence linker (:mod:`safeguarding_kg.linking_recurrence`) links a later item to an
earlier one only when both raise the same issue, not when they merely share a theme and a few
words ("initial health assessments are delayed" and "assessments do not explore diverse needs"
share the theme and the word "assessment", not the issue). An item's issue is read from the
clauses that criticise (a recommendation, which is all criticism, whole) as three sets:

- **processes**: the lexicon's terms that match there (``themes.ttl``: "strategy meeting*",
  "pathway plan*", "return home interview*"), the longer term winning where terms overlap
  ("initial health assessment" is not "assessment"), and the service types named (MASH, LADO);
  a term made only of generic words or of a group of children ("support for care leavers") is
  not a process;
- **groups**: the children it concerns (care leavers, disabled children, children missing ...);
- **aspects**: what about the process is weak (timeliness, quality of analysis, recording,
  staffing, the child's voice, partners' involvement, sufficiency, information).

Two items raise the same issue when they share a specific process (two words or more, outside
the broad leadership and oversight themes) or a broad one together with a group, a service or
an aspect, and nothing they both state differs: both name groups and share none, both name
services and share none, or both name aspects and share none.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from safeguarding_kg.namespaces import SG_BASE
from safeguarding_kg.themes import EXCLUDED, PIECE, critical_clauses, fold, top_concept, vocabulary

#: The groups of children an issue can concern (the name a reason uses, and how a text names them).
GROUPS = {
    "care leavers": r"care leaver|leaving care|left care|former relevant|pathway plan",
    "children in care": r"children in care|child in care|looked after|in our care|cared for|corporate parent",
    "disabled children": r"disab|special educational needs|\bsend\b|complex needs|\behcp",
    "homeless 16 and 17 year olds": r"homeless|16 and 17 year",
    "children missing": r"missing from|go missing|went missing|goes missing|missing episode|episodes of missing"
                        r"|return home interview",
    "exploited children": r"exploit|\bcse\b|\bcce\b|county lines|gang",
    "asylum seeking children": r"asylum|unaccompanied",
    "privately fostered children": r"private(?:ly)? foster",
    "young carers": r"young carer",
    "adopted children": r"adopt",
    "children in custody": r"custody|youth justice|youth offending|detained",
    "families receiving early help": r"early help",
}
#: What about a process is weak.
ASPECTS = {
    "timeliness": r"timel|within (?:agreed |statutory )?timescale|delay|drift|wait|prompt(?:ly|ness)?\b|\blate\b"
                  r"|overdue|too long|too slow|slow|swift|backlog|unallocated",
    "quality of analysis": r"analys|timescale|variable|variabilit|superficial|depth|robust|specific|measurable"
                           r"|\bsmart\b|clarity|unclear|focus",
    "recording": r"record|document|case notes|chronolog|written|write up",
    "staffing and caseloads": r"caseload|turnover|recruit|retain|retention|agency staff|agency (?:social )?workers"
                              r"|vacanc|capacity|workforce|changes of (?:social )?worker",
    "the child's voice": r"voice|views|wishes and feelings|participat|seen alone|direct work|consult",
    "partners' involvement": r"attend|partner|agencies|police|health (?:colleagues|partners|professionals)",
    "sufficiency and access": r"sufficiency|availab|access|choice|range of|commission",
    "information and data": r"\bdata\b|performance information|management information|intelligence",
}
_GROUPS = {name: re.compile(pattern) for name, pattern in GROUPS.items()}
_ASPECTS = {name: re.compile(pattern) for name, pattern in ASPECTS.items()}
#: Words that name no process on their own: a term made only of these (and of groups' words) is not a process.
GENERIC = frozenset("""
a an and are as at be by for from in into is not of on or the their them to with within who
support supported service services work working practice need needs children child childrens young people person
family families parent parents quality arrangement arrangements response responses provision offer local
authority authorities council councils staff social worker workers team teams manager managers management
care leaver leavers looked after receive benefit aged over age older
""".split())  # noqa: SIM905 - a word list reads better as prose
#: Top concepts whose terms name a leadership function that spans every service ("management oversight",
#: "quality assurance"): sharing one says little about which process is weak, so it needs more.
BROAD_TOPS = frozenset({"OversightOfPractice", "PerformanceManagementAndGovernance"})


SPECIFIC, SINGLE, LEADERSHIP = "specific", "single", "leadership"


@dataclass(frozen=True)
class Issue:
    """What an item says is weak: processes (key "Theme:word" -> SPECIFIC, SINGLE or LEADERSHIP), services, groups,
    aspects.

    ``words`` are the content words of the clauses read, to tell two issues on one broad process apart.
    """

    processes: dict[str, str]
    names: dict[str, str]  # each process key's name as the text put it (the first term found)
    services: frozenset[str]
    groups: frozenset[str]
    aspects: frozenset[str]
    words: frozenset[str]


@functools.lru_cache(maxsize=50_000)
def issue_of(text: str, whole: bool = False) -> Issue:
    """The issue a text raises: read from its critical clauses, or from all of it when ``whole`` (a recommendation).

    A weakness with no clause that criticises (filed under a letter's "areas for development") is read whole.
    """
    clauses = [] if whole else critical_clauses(text)
    folded = " . ".join(clauses) if clauses else " ".join(fold(text).sentences)
    processes, services, names = _processes(folded)
    return Issue(processes, names, services,
                 frozenset(name for name, p in _GROUPS.items() if p.search(folded)),
                 frozenset(name for name, p in _ASPECTS.items() if p.search(folded)),
                 frozenset(_stem(w) for w in _WORD.findall(folded) if w not in GENERIC and w not in _FILLER))


_WORD = re.compile(r"[a-z]{4,}")
#: Words that say nothing of an issue (besides GENERIC): function words, inspection boilerplate, praise and blame.
_FILLER = frozenset("""
that this these those they there been being have with which when where while what were will would should could
some many most more much also such than then only very always consistently sufficiently sufficient effective
effectively ensure improve improved improvement improving good poor weak weaker strong stronger better not does
inspectors inspection seen cases case across through other further timely robust well make made into about
""".split())  # noqa: SIM905 - a word list reads better as prose


def _processes(folded_text: str) -> tuple[dict[str, str], frozenset[str], dict[str, str]]:
    vocab = vocabulary()
    hits = [h for h in vocab.index.hits(fold(folded_text)) if h.term.kind not in (EXCLUDED, PIECE)]
    # a term inside a longer term matched at the same place is not a process of its own
    longest = [h for h in hits if not any(o is not h and o.sentence == h.sentence and o.start <= h.start
                                          and h.end <= o.end and o.end - o.start > h.end - h.start for o in hits)]
    processes: dict[str, str] = {}
    names: dict[str, str] = {}
    services = set()
    service_places = {(h.sentence, h.start) for h in longest if h.term.concept in vocab.service_set}
    for hit in longest:
        concept = hit.term.concept
        if concept in vocab.service_set:
            services.add(vocab.labels.get(concept, concept.value.removeprefix(SG_BASE)))
            continue
        words = [_stem(w.rstrip("*")) for w in hit.term.words if w.isalnum() or w.endswith("*")]
        content = [SYNONYMS.get(w, w) for w in words if w not in GENERIC and w + "s" not in GENERIC]
        # a term that names a group or an aspect ("support for care leavers", "recording") is no process
        if not content or all(any(p.search(w) for p in (*_GROUPS.values(), *_ASPECTS.values())) for w in content):
            continue
        if len(content) < 2 or (hit.sentence, hit.start) in service_places:  # a service's name is no process
            kind = SINGLE
        elif top_concept(concept).value.removeprefix(SG_BASE) in BROAD_TOPS:
            kind = LEADERSHIP
        else:
            kind = SPECIFIC
        key = " ".join(content)  # "strategy meetings" and "strategy discussions" are one process
        processes[key] = min(processes.get(key, kind), kind, key=_KINDS.index)
        names.setdefault(key, " ".join(words))
    return processes, frozenset(services), names


def _stem(word: str) -> str:
    """A plural's singular, roughly: "meetings" -> "meeting" (not "has", "access" or "process")."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


#: Words a term may use for the same process.
SYNONYMS = {"discussion": "meeting", "planning": "plan", "fostering": "foster", "fostered": "foster",
            "advisor": "adviser", "pa": "adviser"}
_KINDS = (SPECIFIC, LEADERSHIP, SINGLE)  # the most specific reading of a key wins
#: Least share of content words (cosine) two items' critical clauses need to share a broad process as one issue.
MIN_ISSUE_SIMILARITY = 0.2
#: ... or, with no aspect in common, this much ("the consistency and impact of IROs" and "the impact of IROs to
#: ensure that plans are progressed").
ALIKE = 0.35


@dataclass(frozen=True)
class SharedIssue:
    """The issue two items share, in words, and how strongly (0 to 1)."""

    description: str
    strength: float


def shared_issue(later: Issue, earlier: Issue) -> SharedIssue | None:
    """The issue both raise, or None when they share none or state something that differs.

    A specific process shared is enough; a leadership function ("management oversight") also
    needs a group or service in common; a one-word process ("assessment") needs an aspect in
    common and similar wording of what is weak, or wording much alike.
    """
    for mine, theirs in ((later.groups, earlier.groups), (later.services, earlier.services),
                         (later.aspects, earlier.aspects)):
        if mine and theirs and not mine & theirs:
            return None
    groups = sorted(later.groups & earlier.groups)
    services = sorted(later.services & earlier.services)
    aspects = sorted(later.aspects & earlier.aspects)
    similarity = _cosine(later.words, earlier.words)
    shared = sorted(later.processes.keys() & earlier.processes.keys(),
                    key=lambda k: (_KINDS.index(max(later.processes[k], earlier.processes[k], key=_KINDS.index)), k))
    kept = []
    for key in shared:
        kind = max(later.processes[key], earlier.processes[key], key=_KINDS.index)  # the broader reading decides
        if (kind == SPECIFIC or (kind == LEADERSHIP and (groups or services))
                or (aspects and similarity >= MIN_ISSUE_SIMILARITY) or similarity >= ALIKE):
            kept.append(key)
    if not kept:
        return None
    names = dict.fromkeys(later.names[k] for k in kept)
    parts = [f"{' and '.join(aspects) or 'shortfalls'} in {', '.join(repr(n) for n in names)}"]
    parts.append(f"(what is weak worded alike {similarity:.2f})")
    if services:
        parts.append(f"in {', '.join(services)}")
    if groups:
        parts.append(f"for {', '.join(groups)}")
    specific = sum(max(later.processes[k], earlier.processes[k], key=_KINDS.index) == SPECIFIC for k in kept)
    strength = min(1.0, 0.2 * specific + 0.1 * len(kept) + 0.15 * bool(aspects) + 0.1 * bool(groups)
                   + 0.1 * bool(services) + 0.5 * similarity)
    return SharedIssue(" ".join(parts), round(strength, 3))


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0
