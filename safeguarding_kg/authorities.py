"""The register of English local authorities, and resolving names as documents write them.

Built from the two CSV files in ``data/`` (copied from the project's shared data): the
Ofsted URN, DfE code, ONS GSS code, region, type, statistical neighbours and population of
every authority with children's services. Documents name an authority in many ways —
"Metropolitan Borough of Solihull", "Solihull Metropolitan Borough Council", "City of
Wolverhampton", "the London Borough of Hackney" — and :func:`resolve` maps each of them to
one register entry by stripping the legal-form words and comparing what is left.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

from pyoxigraph import Literal, NamedNode, Quad

from safeguarding_kg.iris import authority_iri
from safeguarding_kg.namespaces import AUTHORITIES_GRAPH, RDF, RDFS, SG, SKOS, XSD


@dataclass(frozen=True)
class Authority:
    gss_code: str
    name: str
    ofsted_urn: str
    dfe_code: str
    region: str
    region_code: str
    authority_type: str
    population_0_to_25: int | None
    other_names: tuple[str, ...] = ()
    former_gss_codes: tuple[str, ...] = ()
    statistical_neighbours: tuple[str, ...] = field(default=(), compare=False)

    @property
    def iri(self) -> NamedNode:
        return authority_iri(self.gss_code)


# Words that say what legal form an authority takes, not which one it is. Order matters:
# longer phrases first so "metropolitan borough council" goes before "borough".
_FORM_WORDS = [
    "metropolitan borough council", "metropolitan borough of", "metropolitan district council",
    "royal borough of", "london borough of", "borough council", "county council", "city council",
    "district council", "metropolitan council", "council of the", "city of", ", city of",
    "borough of", "county of", "council", "metropolitan borough", "children's services",
    "childrens services", "local authority",
]
_FORM_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _FORM_WORDS) + r")\b"
)


def name_key(name: str) -> str:
    """Fold a name to what identifies the authority: "The City of Wolverhampton Council" -> "wolverhampton"."""
    text = name.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"^\s*the\s+", "", text)
    text = _FORM_PATTERN.sub(" ", text)
    text = re.sub(r"\bst\.?\s", "st ", text)  # "St. Helens" and "St Helens"
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in cell.strip("[] ").split(",") if p.strip())


def _population(cell: str) -> int | None:
    return int(cell) if cell.strip().isdigit() else None


@functools.cache
def register() -> dict[str, Authority]:
    """Every authority in the register, by GSS code."""
    data = resources.files("safeguarding_kg") / "data"
    with (data / "england-la-gss-codes-2024.csv").open(encoding="utf-8-sig") as f:
        codes_2024 = {row["old_la_code"]: row["gss_code"] for row in csv.DictReader(f)}
    with (data / "local-authorities.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    # Neighbour lists still use the codes Barnsley and Sheffield had before 2024's recoding.
    current = {codes_2024[r["la_code"].strip()]: r["la_code_new"].strip() for r in rows
               if codes_2024.get(r["la_code"].strip())}
    authorities = [_authority(row, codes_2024, current) for row in rows]
    return {a.gss_code: a for a in authorities}


def _authority(row: dict[str, str], codes_2024: dict[str, str], current: dict[str, str]) -> Authority:
    gss = row["la_code_new"].strip()
    former = codes_2024.get(row["la_code"].strip())
    names = {row["ltla23nm"], row["utla23nm"], *_split_list(row["also_known_as"])}
    names.discard(row["local_authority_ons_name"])
    return Authority(
        gss_code=gss,
        name=_display_name(row["local_authority_ons_name"]),
        ofsted_urn=row["urn"].strip(),
        dfe_code=row["la_code"].strip(),
        region=row["region_name"].strip(),
        region_code=row["rgn22cd"].strip(),
        authority_type=row["ons_la_type"].strip(),
        population_0_to_25=_population(row["ons_population_0-25"]),
        other_names=tuple(sorted(n.strip() for n in names if n.strip())),
        former_gss_codes=(former,) if former and former != gss else (),
        statistical_neighbours=tuple(current.get(c, c) for c in _split_list(row["stat_neighbours_la_code"])),
    )


def _display_name(ons_name: str) -> str:
    """ONS writes "Bristol, City of"; people write "Bristol"."""
    return ons_name.split(",")[0].strip() if ", City of" in ons_name else ons_name.strip()


# Shorter forms reports use for a registered name, made by rule from every name of the register:
# "Kingston upon Thames", "Southend-on-Sea" -> the place before "upon"/"on"; "Telford and Wrekin",
# "Blackburn with Darwen" -> the first place of a pair (not across a comma: "Bournemouth,
# Christchurch and Poole"); "East Riding of Yorkshire" -> what comes before "of <county>" when
# that is two words or more (never "Isle" of Wight).
_SHORT_FORM_RULES = [
    re.compile(r"^(?P<short>.+?)(?:\s+upon\s+|\s+on\s+|-on-|\s+under\s+|-under-)\S", re.IGNORECASE),
    re.compile(r"^(?P<short>[^,]+?)\s+(?:and|with|&)\s+", re.IGNORECASE),
    re.compile(r"^(?P<short>\S+\s+\S+.*?)\s+of\s+\S+$", re.IGNORECASE),
]


@dataclass(frozen=True)
class ListedForm:
    """A name the register does not hold, listed in ``data/authority-name-forms.csv``: a short form
    the rules cannot make, or a children's services trust or company and the authorities it serves."""

    form: str
    kind: str
    authorities: tuple[Authority, ...]
    note: str


@functools.cache
def listed_forms() -> tuple[ListedForm, ...]:
    data = resources.files("safeguarding_kg") / "data"
    with (data / "authority-name-forms.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(ListedForm(r["form"], r["kind"], tuple(register()[c] for c in r["gss_codes"].split()), r["note"])
                 for r in rows)


def short_forms(name: str) -> set[str]:
    """The shorter forms of a registered name the rules give ("Richmond" for "Richmond upon Thames")."""
    return {m["short"].strip() for rule in _SHORT_FORM_RULES if (m := rule.match(name.strip()))}


@functools.cache
def _index() -> dict[str, Authority]:
    index: dict[str, Authority] = {}
    for authority in register().values():
        for name in (authority.name, *authority.other_names):
            index.setdefault(name_key(name), authority)
    # A short form two authorities share names neither ("Kingston" from both Kingstons).
    made: dict[str, set[str]] = {}
    for authority in register().values():
        for name in (authority.name, *authority.other_names):
            for form in short_forms(name):
                made.setdefault(name_key(form), set()).add(authority.gss_code)
    for key, codes in made.items():
        if key and len(codes) == 1:
            index.setdefault(key, register()[codes.pop()])
    for listed in listed_forms():
        if len(listed.authorities) == 1:  # a trust serving several cannot stand for one of them
            index[name_key(listed.form)] = listed.authorities[0]
    return index


def served_by_trust(text: str) -> tuple[ListedForm, tuple[Authority, ...]] | None:
    """The trust or company a passage names first, with the authorities it serves, if it names one.

    A trust serving several authorities (Achieving for Children, Northamptonshire Children's Trust)
    is narrowed to those the passage also names ("… serving Kingston and Richmond"); when it names
    none of them, all are returned."""
    searchable = _searchable(text)
    found = [(m.start(), i, m) for i, (pattern, _) in enumerate(_trust_patterns()) if (m := pattern.search(searchable))]
    if not found:
        return None
    _, index, match = min(found, key=lambda f: f[:2])
    listed = _trust_patterns()[index][1]
    rest = searchable[: match.start()] + " " + searchable[match.end():]
    # "North and West Northamptonshire" names North Northamptonshire too.
    rest += " " + " ".join(f"{a} {c}" for a, _b, c in re.findall(r"(\w+)\s+and\s+(\w+)\s+(\w+)", rest))
    named = tuple(a for a in listed.authorities if _names(rest, a))
    return listed, named or listed.authorities


@functools.cache
def _trust_patterns() -> tuple[tuple[re.Pattern[str], ListedForm], ...]:
    return tuple((_words(_searchable(listed.form)), listed) for listed in listed_forms() if listed.kind != "short form")


def _words(key: str) -> re.Pattern[str]:
    """A folded name as a pattern over folded text: whole words, any spacing."""
    return re.compile(r"(?<![a-z])" + r"\s+".join(re.escape(w) for w in key.split()) + r"(?![a-z])")


def _names(searchable: str, authority: Authority) -> bool:
    return any(_words(k).search(searchable) for k, a in _index().items() if a is authority)


def resolve(name: str) -> Authority | None:
    """The register entry a name refers to, or None when the name is not an English authority."""
    key = name_key(name)
    if not key:
        return None
    return _index().get(key) or _index().get(key.removesuffix(" and"))


def by_gss(code: str) -> Authority | None:
    """Look up by current or former GSS code (Barnsley has been both E08000016 and E08000038)."""
    found = register().get(code)
    if found:
        return found
    return next((a for a in register().values() if code in a.former_gss_codes), None)


def find_in_text(text: str) -> Authority | None:
    """The first authority named in a passage, preferring the longest name at each position.

    Used on headers and opening sentences ("… inspection of Solihull Metropolitan Borough
    Council …"); it never guesses beyond the names in the register.
    """
    best: tuple[int, int, Authority] | None = None
    lowered = _searchable(text)
    for key, pattern, authority in _index_patterns():
        match = pattern.search(lowered)
        if match and (best is None or (match.start(), -len(key)) < (best[0], -best[1])):
            best = (match.start(), len(key), authority)
    return best[2] if best else None


@functools.cache
def _index_patterns() -> tuple[tuple[str, re.Pattern[str], Authority], ...]:
    """Every key of the index as a pattern over folded text, compiled once (a load asks thousands of times)."""
    return tuple((key, re.compile(r"(?<![a-z])" + re.escape(key).replace(r"\ ", r"\s+") + r"(?![a-z])"), authority)
                 for key, authority in _index().items())


def _searchable(text: str) -> str:
    """The text folded as :func:`name_key` folds names, so keys are found in running text.

    Without this, "Stoke-on-Trent" and "St. Helens" (hyphens, full stops) are never found, and
    "London Borough of Havering" is read as the City of London, whose key is "london": the
    legal-form words are blanked out here as they are in the keys.
    """
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"\bst\.?\s", "st ", text)
    text = re.sub(r"'s\b", "", text)  # "Havering's services": the name, not "haverings"
    text = re.sub(r"[^a-z0-9'\s]+", " ", text).replace("'", "")
    return _FORM_PATTERN.sub(" ", text)


def register_quads() -> Iterator[Quad]:
    """The register as RDF, in the authorities graph: one sg:LocalAuthority per entry."""
    g = AUTHORITIES_GRAPH
    for a in register().values():
        s = a.iri
        yield Quad(s, RDF.type, SG.LocalAuthority, g)
        yield Quad(s, SKOS.prefLabel, Literal(a.name, language="en"), g)
        yield Quad(s, RDFS.label, Literal(a.name, language="en"), g)
        for other in a.other_names:
            yield Quad(s, SKOS.altLabel, Literal(other, language="en"), g)
        yield Quad(s, SG.gssCode, Literal(a.gss_code), g)
        for former in a.former_gss_codes:
            yield Quad(s, SG.formerGssCode, Literal(former), g)
        yield Quad(s, SG.ofstedUrn, Literal(a.ofsted_urn), g)
        yield Quad(s, SG.dfeCode, Literal(a.dfe_code), g)
        yield Quad(s, SG.region, Literal(a.region), g)
        yield Quad(s, SG.regionCode, Literal(a.region_code), g)
        yield Quad(s, SG.authorityType, Literal(a.authority_type), g)
        if a.population_0_to_25 is not None:
            yield Quad(s, SG.population0to25, Literal(str(a.population_0_to_25), datatype=XSD.integer), g)
        for neighbour in a.statistical_neighbours:
            yield Quad(s, SG.statisticalNeighbour, authority_iri(neighbour), g)
