"""What committee minutes and agendas of any council write the same way: attendance, resolutions,
proposers, and the inspection an item discusses.

Pure text helpers (no graph): the readers (``committee_minutes``, ``committee_pack``) decide what
becomes a node. Forms met in council minutes:

- attendance: "Present: Councillors A (Chair), B (Vice-Chair), C and D", "Officers present: Jane
  Roe (Director of Children's Services); …", "Also present:", "In attendance:", "Apologies:",
  "Apologies for absence were received from …", a list of one person per line, or a table of name
  and role;
- resolutions: "RESOLVED: That …", "Resolved – 1. … 2. …", "It was RESOLVED that: (a) … (b) …",
  "AGREED: …", lettered, numbered or bulleted sub-resolutions each one resolution;
- "Proposed by Cllr X, seconded by Cllr Y", "(Moved by …; seconded by …)", "Proposer: … Seconder: …".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.text import clean, fold

# ---------------------------------------------------------------------------- attendance

#: (group, heading pattern over the line's start). The heading ends the pattern; what follows it
#: on the line (after ":" or a dash) is the first entries.
ATTENDANCE_HEADINGS: list[tuple[str, re.Pattern[str]]] = [(g, re.compile(p, re.I)) for g, p in [
    ("apologies", r"^(?:apologies\s+for\s+absence(?:\s+(?:were\s+)?(?:received|given|submitted)\s+(?:from|by))?|"
                  r"apologies\s+(?:were\s+)?(?:received|given|submitted)(?:\s+(?:from|by|on\s+behalf\s+of))?|"
                  r"apologies)"),
    ("absent", r"^(?:absent|not\s+present)"),
    ("attending", r"^(?:in\s+attendance|attending)"),
    ("also", r"^(?:also\s+(?:present|in\s+attendance|attending)|others?\s+present|"
             r"other\s+attendees|guests?|observers?)"),
    ("officers", r"^(?:(?:council\s+|lead\s+)?officers?(?:\s+(?:present|in\s+attendance|attending))?|"
                 r"staff\s+(?:present|in\s+attendance)|employees(?:\s+present)?|advisers\s+present|minute\s+taker|"
                 r"clerk|minutes?\s+taken\s+by)"),
    ("chair", r"^(?:chair|chairman|chairwoman|chairperson|chaired\s+by|in\s+the\s+chair)"),
    ("vice-chair", r"^(?:vice[- ]?chair(?:man|woman|person)?)"),
    ("present", r"^(?:(?:members|councillors|board\s+members|panel\s+members|committee\s+members|voting\s+members|"
                r"partnership\s+members|members\s+of\s+the\s+\w+)\s+)?(?:present|attending|in\s+attendance)|"
                r"^(?:attendees|attendance|membership|members|councillors|board\s+members|partners\s+present|"
                r"co-?opted\s+members?|"
                r"voting\s+members|independent\s+members?)"),
]]
_HEADING_END = re.compile(r"^\s*(?:[:\-–—]\s*|$)")
#: "Apologies for absence were received from Councillor X." written as a sentence.
APOLOGY_SENTENCE = re.compile(
    r"^(?:there\s+were\s+)?apologies(?:\s+for\s+absence)?\s+(?:were|was|had\s+been|have\s+been)\s+"
    r"(?:received|submitted|given|noted|reported)\s+(?:from|by|on\s+behalf\s+of)\s+(?P<names>.+?)\.?$", re.I)
NO_APOLOGIES = re.compile(r"^(?:there\s+were\s+)?no\s+apologies|^apologies\s*[:\-–]\s*(?:none|nil|n/?a)\b", re.I)

_TITLES = r"(?:(?:County\s+|City\s+|Borough\s+)?Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|" \
          r"Rev(?:d|erend)?|Sir|Dame|Lord|Lady|" \
          r"Baroness|Det(?:ective)?\.?\s+(?:Supt|Superintendent|Chief\s+Inspector|Inspector)|Supt|Chief\s+Inspector|Inspector)"
_COUNCILLORS = re.compile(r"^(?:(?:county|city|borough)\s+)?(?:councillors|cllrs)\.?(?:\s+|$)", re.I)
_COUNCILLOR = re.compile(r"^(?:(?:county|city|borough)\s+)?(?:councillor|cllr)\.?\s+", re.I)
#: "County Councillors J Fielding and A Kaur were also in attendance …": also present, said as a sentence.
ALSO_SENTENCE = re.compile(r"^(?P<names>.+?)\s+(?:was|were)\s+also\s+(?:present|in\s+attendance|attending)\b", re.I)
_WORD = r"(?:[A-Z][\w'’\-]*\.?|[A-Z]\.?)"
_NAME = re.compile(rf"^(?:{_TITLES}\.?\s+)?{_WORD}(?:\s+(?:{_WORD}|de|van|von|le|la|da|di|du)){{0,4}}"
                   r"(?:\s+(?:MBE|OBE|CBE|JP|FCCA|MP|QC|KC))*$")
_SURNAMES = re.compile(r"[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*")
POST_WORDS = re.compile(
    r"\b(?:director|manager|officer|head|heads|lead|leader|co-?ordinator|advis[eo]r|team|board|service|services|"
    r"chair|member|commissioner|practitioner|consultant|analyst|nurse|doctor|police|principal|chief|executive|"
    r"headteacher|inspector|designated|clerk|secretary|support|portfolio|cabinet|representative|governor|"
    r"solicitor|lawyer|partner|deputy|assistant|interim|acting|superintendent|sergeant|constable|inspector|"
    r"strategic|corporate|democratic|children|education|"
    r"social|care|health|safeguarding|ofsted|council|borough|ccg|icb|nhs|trust|school|schools|youth|virtual|"
    r"independent|reviewing|scrutiny|finance|legal|governance|performance|quality|improvement|young|people|for|"
    r"of|and|the)\b", re.I)
#: Posts that make someone listed under "Present" an officer, not a member.
OFFICER_POST = re.compile(r"\b(?:director|head|manager|officer|headteacher|social\s+worker|lead|adviser|advisor|"
                          r"chief\s+executive|"
                          r"co-?ordinator|principal|clerk|secretary|analyst)\b", re.I)
#: A member, not a council officer: co-opted, a representative, or a partner agency's post.
PARTNER = re.compile(r"\bmember\b|co-?opted|representative|governor|independent|police|superintendent|nhs|ccg|\bicb\b|"
                     r"trust|designated|probation|diocese|healthwatch|scrutineer", re.I)
PARTIES = {
    "labour": "Labour", "lab": "Labour", "labour co-operative": "Labour and Co-operative",
    "labour and co-operative": "Labour and Co-operative", "lab co-op": "Labour and Co-operative",
    "conservative": "Conservative", "con": "Conservative", "cons": "Conservative",
    "liberal democrat": "Liberal Democrat", "liberal democrats": "Liberal Democrat", "lib dem": "Liberal Democrat",
    "lib dems": "Liberal Democrat", "ld": "Liberal Democrat", "libdem": "Liberal Democrat",
    "green": "Green", "green party": "Green", "grn": "Green", "independent": "Independent", "ind": "Independent",
    "reform uk": "Reform UK", "reform": "Reform UK", "ukip": "UKIP", "plaid cymru": "Plaid Cymru",
    "non-aligned": "Non-aligned", "residents association": "Residents' Association",
}
_CHAIR = re.compile(r"^(?:chair|chairman|chairwoman|chairperson|in\s+the\s+chair|independent\s+chair|"
                    r"chair\s+of\s+the\s+\w+)$", re.I)
_VICE = re.compile(r"^vice[- ]?chair(?:man|woman|person)?$", re.I)


@dataclass
class Attendee:
    name: str  # as written, titles kept ("Councillor Jane Smith")
    role: str  # chair | vice-chair | member | officer | also-present | apologies | absent
    role_text: str | None = None  # the post or portfolio as written
    party: str | None = None


def attendance_heading(text: str) -> tuple[str, str] | None:
    """ "Officers present: Jane Roe, …" -> ("officers", "Jane Roe, …"); None for any other line.

    A heading must end at the line's end, a colon or a dash, so prose ("Members present noted …")
    is not a heading."""
    for group, pattern in ATTENDANCE_HEADINGS:
        m = pattern.match(text)
        if m and (end := _HEADING_END.match(text[m.end():])):
            return group, text[m.end() + end.end():].strip()
    return None


def _split_outside_brackets(text: str, separators: str) -> list[tuple[str, str]]:
    """Pieces of ``text`` split at ``separators`` outside brackets, each with the separator before it."""
    pieces: list[tuple[str, str]] = []
    depth, start, before = 0, 0, ""
    pattern = re.compile(separators)
    position = 0
    while position < len(text):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (found := pattern.match(text, position)):
            pieces.append((before, text[start:position]))
            before, start = found.group(0), found.end()
            position = start
            continue
        position += 1
    pieces.append((before, text[start:]))
    return [(sep, p.strip(" ,;.")) for sep, p in pieces if p.strip(" ,;.")]


def looks_like_person(text: str) -> bool:
    """A name as minutes write one: "Councillor Jane Smith", "Dr A Patel", "Cllr Brookfield", not a post
    and not a table's header row ("Name Role Party")."""
    bare = re.sub(r"\s*\([^)]*\)", "", text).strip()
    if set(fold(bare).split()) <= HEADER_WORDS:
        return False
    if not _NAME.match(bare):
        return False
    words = _COUNCILLOR.sub("", bare)
    if re.match(rf"^{_TITLES}\b", bare) and len(words.split()) >= 1 and not POST_WORDS.search(words):
        return True
    return not POST_WORDS.search(bare) and len(bare.split()) >= 2


def split_attendees(text: str, group: str, councillors: str | None = None) -> list[Attendee]:
    """Entries of one attendance line, in order. ``councillors`` carries a "Councillors A, B" prefix
    ("Councillor", "County Councillor") over from an earlier line of the same list."""
    text = clean(text).strip(" .")
    if not text or NO_APOLOGIES.match(text) or fold(text) in {"none", "nil", "n a"}:
        return []
    found: list[Attendee] = []
    for entry in _entries(text):
        prefix = _COUNCILLORS.match(entry)
        if prefix:
            councillors = re.sub(r"s\.?$", "", prefix.group(0).strip()).replace("Cllr", "Councillor")
            entry = entry[prefix.end():]
        elif re.match(rf"^{_TITLES}\b", entry) and not _COUNCILLOR.match(entry):
            councillors = None
        attendee = _attendee(entry, group, councillors)
        if attendee:
            found.append(attendee)
    return found


def name_cut_short(text: str) -> bool:
    """A line ending in a title and one name ("Councillor Jacqueline"): a PDF table cell wrapped
    before the rest of the name."""
    last = re.split(r"\s*[;,]\s*", text.strip())[-1]
    return bool(re.fullmatch(rf"{_TITLES}\.?\s+[A-Z][\w'’-]+", last))


def role_cells_only(text: str) -> bool:
    """A line of nothing but a chair, member or party ("Chair Labour", "Member Conservative"): the rest
    of a table row whose name cell a PDF wrapped onto lines of its own."""
    words = fold(text).split()
    party_words = {w for key in PARTIES for w in key.split()}
    return bool(words) and all(w in {"chair", "chairman", "vice", "member", "co", "opted", "group", "party"}
                               | party_words for w in words)


def councillors_prefix(text: str) -> str | None:
    """ "County Councillors" alone on a line (its names follow one a line) -> "County Councillor"."""
    found = _COUNCILLORS.match(clean(text))
    return re.sub(r"s\.?$", "", found.group(0).strip()) if found and not clean(text)[found.end():].strip() else None


def _entries(text: str) -> list[str]:
    """Split a line into one string per person, a post that follows a name staying with it."""
    if ";" in text:  # "A (Chair); Councillors B, C and D": each part a list of its own
        return [entry for _, part in _split_outside_brackets(text, r"\s*;\s*(?:and\s+)?") for entry in _entries(part)]
    pieces = _split_outside_brackets(text, r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+")
    merged: list[str] = []
    for separator, piece in pieces:
        # a lone name ("Kezia and Tyler") only among names: after a post, "Families" ends the post
        alone = _one_name(piece) and (not merged or _one_name(merged[-1]))
        person = looks_like_person(piece) or alone or (merged == [] and _COUNCILLORS.match(piece))
        if merged and not person:
            merged[-1] += separator + piece  # "Jane Roe, Director of Children's Services and Education"
        else:
            merged.append(piece)
    return merged


def _party_suffix(text: str) -> tuple[str, str | None]:
    """ "Chair Labour" -> ("Chair", "Labour"); "Labour" -> ("", "Labour"); other text unchanged."""
    folded = fold(text).removesuffix(" group").removesuffix(" party")
    for key in sorted(PARTIES, key=len, reverse=True):
        if folded == key or (folded.endswith(" " + key) and len(key) > 3):
            words = len(key.split()) + (1 if re.search(r"\s(?:group|party)$", text, re.I) else 0)
            return " ".join(text.split()[:-words]), PARTIES[key]
    return text, None


def _name_then_post(text: str) -> tuple[str, str] | None:
    """ "Jane Roe Director of Children's Services" -> ("Jane Roe", "Director of …"): a name run into its
    post without a separator, split before the first post word, when two words or more name a person."""
    words = text.split()
    for index in range(2, len(words)):
        if (POST_WORDS.search(words[index]) and words[index][:1].isupper()) or _CHAIR.match(words[index]) \
                or _VICE.match(words[index]):
            name = " ".join(words[:index])
            if looks_like_person(name) and (index >= 3 or not re.match(rf"^{_TITLES}\b", name)):
                return name, " ".join(words[index:])
            return None
    return None


def _one_name(text: str) -> bool:
    """A first name or surname alone ("Kezia and Tyler", "Councillors Brookfield and Malcolm")."""
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip()
    bare = re.split(r"\s+[-–—]\s+", bare)[0]
    return bool(re.fullmatch(r"[A-Z][a-z'’\-]+", bare)) and not POST_WORDS.search(bare) and fold(bare) not in _NOT_NAMES


HEADER_WORDS = {"name", "names", "role", "roles", "party", "organisation", "organization", "title", "position",
                 "attendance", "present", "apologies", "attendee", "attendees", "member", "members", "councillor",
                 "councillors", "agency", "designation", "post", "job", "status"}
_NOT_NAMES = {"none", "nil", "councillor", "councillors", "member", "officer", "present", "apologies", "absent",
              "attendance", "members", "officers", "items", "minutes", "agenda", "chair", "chairman", "vice",
              "role", "name", "attendee", "attendees", "tbc", "also", "in"}


def _attendee(entry: str, group: str, councillors: str | None) -> Attendee | None:
    entry = entry.strip(" ,.;:")
    role_texts: list[str] = []
    brackets = re.findall(r"\(([^)]*)\)", entry)
    name = re.sub(r"\s*\([^)]*\)", "", entry).strip()
    dash = re.split(r"\s+[-–—]\s+|\s*,\s+", name, maxsplit=1)
    if len(dash) == 2 and (looks_like_person(dash[0]) or _one_name(dash[0])):
        name, rest = dash
        brackets.insert(0, rest)
    elif not looks_like_person(name) and (split := _name_then_post(name)):
        name, rest = split  # "Councillor Jane Smith Chair": a table's cells flattened by a PDF
        brackets.insert(0, rest)
    if not name or not (looks_like_person(name) or _one_name(name) or (councillors and _SURNAMES.fullmatch(name))):
        return None
    if councillors and not re.match(rf"^{_TITLES}\b", name):
        name = f"{councillors} {name}"
    role = {"chair": "chair", "vice-chair": "vice-chair", "present": "member", "officers": "officer",
            "also": "also-present", "attending": "in-attendance", "apologies": "apologies", "absent": "absent"}[group]
    party = None
    for note in brackets:
        for part in [p.strip() for p in re.split(r"\s*[,;]\s*", note) if p.strip()]:
            part, found_party = _party_suffix(part)  # "Chair Labour": a PDF's flattened role and party cells
            party = found_party or party
            folded = fold(part).removesuffix(" group").removesuffix(" party")
            if not part or folded == "member":
                continue
            if _CHAIR.match(part) and role in {"member", "chair"}:
                role = "chair"
            elif _VICE.match(part) and role in {"member", "vice-chair"}:
                role = "vice-chair"
            elif folded in PARTIES:
                party = PARTIES[folded]
            elif part:
                role_texts.append(part)
    role_text = ", ".join(role_texts) or None
    return Attendee(name, _officer_or_member(name, role, role_text), role_text, party)


def _officer_or_member(name: str, role: str, role_text: str | None) -> str:
    """A partnership board's "Present" list names the council's officers too, and "In attendance" lists
    officers as often as guests: not a councillor, with an officer's post and no partner agency's."""
    officer = not _COUNCILLOR.match(name) and bool(role_text) and bool(OFFICER_POST.search(role_text)) \
        and not PARTNER.search(role_text)
    if role == "in-attendance":
        return "officer" if officer else "also-present"
    return "officer" if role == "member" and officer else role


def attendee_from_row(name: str, notes: list[str], group: str) -> Attendee | None:
    """A table row's person: the name cell, and the other cells (post, organisation, chair, party) as
    written."""
    entries = split_attendees(name, group)
    if len(entries) != 1:
        return None
    person, texts = entries[0], []
    for cell in notes:
        # "Cabinet Member for … (Chair)": the bracketed chair or party is the row's, the rest stays as written
        marks = [b for b in re.findall(r"\(([^)]*)\)", cell)
                 if _CHAIR.match(b) or _VICE.match(b) or _party_suffix(b)[1]]
        for mark in marks:
            cell = cell.replace(f"({mark})", "").strip()
        for note in [*marks, cell] if cell else marks:
            folded = fold(note).removesuffix(" group").removesuffix(" party")
            if _CHAIR.match(note) and person.role in {"member", "chair"}:
                person.role = "chair"
            elif _VICE.match(note) and person.role in {"member", "vice-chair"}:
                person.role = "vice-chair"
            elif folded in PARTIES:
                person.party = PARTIES[folded]
            else:
                texts.append(note)
    person.role_text = ", ".join(t for t in [person.role_text, *texts] if t) or None
    if group == "attending":
        person.role = "in-attendance"  # decided by the post, now that the row's cells are read
    person.role = _officer_or_member(person.name, person.role, person.role_text)
    return person


# ---------------------------------------------------------------------------- resolutions

RESOLVED = re.compile(
    r"^(?:(?:it\s+was|the\s+(?:committee|cabinet|board|panel|commission|partnership|sub-committee|meeting))\s+)?"
    r"(?:unanimously\s+)?(?P<kw>resolved|agreed|decided|decisions?|resolutions?|actions?(?:\s+agreed)?)"
    r"(?:\s+(?:unanimously|accordingly))?\s*(?P<sep>:-|[:.,\-–—]|that\b|to\b|\(|$)\s*(?P<rest>.*)$", re.I)
#: "(a) …", "a) …", "(i) …", "1. …", "1) …", "- …", "• …": a sub-resolution's marker and text.
SUB_ITEM = re.compile(r"^(?:\((?P<p>[a-z]{1,4}|\d{1,2})\)|(?P<l>[a-z])[.)]|(?P<n>\d{1,2})[.)]|(?P<b>[-•●▪·*]))\s+"
                      r"(?P<text>\S.*)$", re.I)
_ROMAN = re.compile(r"^(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)$", re.I)
PROPOSED = re.compile(
    r"(?:proposed|moved)\s+by\s+(?P<proposer>.+?)(?:\s*(?:,|;|and)\s*|\s+)seconded\s+by\s+(?P<seconder>.+?)"
    r"(?:\s*,?\s+that\b.*|\s*,.*)?[).]*$|"
    r"^\(?\s*proposer\s*:\s*(?P<p2>.+?)[,;]?\s+seconder\s*:\s*(?P<s2>.+?)[).]*$|"
    r"(?:proposed|moved)\s+by\s+(?P<p3>[^,;()]+?)[).]*$|"
    rf"(?P<p4>{_TITLES}\.?\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))\s+(?:moved|proposed)\b.*?\bseconded\s+by\s+"
    rf"(?P<s4>{_TITLES}\.?\s+(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))", re.I)


def resolution_start(text: str) -> str | None:
    """The rest of a "RESOLVED: …" line (possibly ""), or None when the line is no resolution.

    "Resolved" starts a resolution however it is written; "Agreed", "Decision" only in capitals or
    before a colon or dash ("Agreed to look again at …" is discussion)."""
    m = RESOLVED.match(text)
    if not m:
        return None
    keyword, sep = m["kw"], m["sep"].lower()
    alone = sep == "" and not m["rest"]  # "Decision" or "Agreed" as a heading of its own
    formula = re.match(r"^it\s+was\s+(?:unanimously\s+)?agreed\b", text, re.I) and sep in {"that", "to", ":"}
    if not keyword.lower().startswith("resolved") and not keyword.isupper() and not alone and not formula \
            and sep not in {":", ":-", "-", "–", "—"}:
        return None
    if keyword.lower().startswith("action") and sep not in {":", ":-"}:
        return None  # "ACTION: X to report …" is a decision; "Actions were reviewed" is not
    rest = m["rest"].strip()
    if sep == "that":
        return f"That {rest}".strip()
    if sep == "to" and formula:
        return f"To {rest}".strip()
    return f"({rest}" if sep == "(" else rest


def sub_item(text: str) -> tuple[str, str] | None:
    """ "(a) the report be noted" -> ("a", "the report be noted"); None for other lines."""
    m = SUB_ITEM.match(text)
    if not m:
        return None
    mark = m["p"] or m["l"] or m["n"] or "-"
    return mark, m["text"]


def inline_subs(text: str) -> list[str]:
    """ "That (a) the report be noted; and (b) …" -> ["the report be noted", "…"] (at least two)."""
    parts = re.split(r"(?:^|\s)\((?:[a-h]|i{1,3}|iv|v|\d{1,2})\)\s+", text)
    if len(parts) < 3:
        return []
    return [re.sub(r"[;,]?\s*(?:and|or)?$", "", p.strip()).strip() for p in parts[1:] if p.strip()]


def proposer_seconder(text: str) -> tuple[str | None, str | None] | None:
    m = PROPOSED.search(text)
    if not m:
        return None
    proposer = m["proposer"] or m["p2"] or m["p3"] or m["p4"]
    seconder = m["seconder"] or m["s2"] or m["s4"]
    return tuple(clean(who).strip(" ,.;()") if who else None for who in (proposer, seconder))


# ---------------------------------------------------------------------------- the inspection an item discusses

FRAMEWORKS = [  # (slug, sg concept local name, pattern over folded text): first match wins
    ("focused-visit", "FocusedVisit", r"focused visit"),
    ("monitoring-visit", "MonitoringVisit", r"monitoring visit"),
    ("jtai", "JTAI", r"\bjtai\b|joint targeted area inspection"),
    ("ilacs", "ILACS", r"\bilacs\b|inspection of local authority children s services|inspecting local authority "
                       r"children s services"),
    ("sif", "SIF", r"\bsif\b|single inspection framework|inspection of services for children in need of help"),
]
_INSPECTION_WORDS = re.compile(r"\bofsted\b|\binspect|\bilacs\b|\bjtai\b|focused visit|monitoring visit|\bsif\b", re.I)


@dataclass
class InspectionReference:
    framework: str | None  # a FRAMEWORKS slug
    start: dt.date | None
    end: dt.date | None
    line: int


def inspection_reference(lines: list[tuple[int, str]]) -> InspectionReference | None:
    """The inspection a minute item discusses: the first sentence naming an inspection (or visit) with
    the date range it took place, or a date it took place on ("published on" is not when), and the
    framework named anywhere in the item. None when the item names no inspection at all."""
    sentences = _sentences(lines)
    mentions = [(n, t) for n, t in sentences if _INSPECTION_WORDS.search(t)]
    if not mentions:
        return None
    folded = fold(" ".join(t for _, t in lines))
    framework = next((slug for slug, _, pattern in FRAMEWORKS if re.search(pattern, folded)), None)
    for number, text in mentions:
        dates = parse_range(text)
        if dates and not re.search(r"\b(?:published|issued|dated|letter\s+of)\b[^.]{0,20}$",
                                    text[: text.find(str(dates[1].year))]):
            return InspectionReference(framework, dates[0], dates[1], number)
    for number, text in mentions:
        found = re.search(r"(?:inspect\w*|visit\w*|took\s+place|carried\s+out|conducted)\s+(?:\w+\s+){0,3}?on\s+(.+)",
                          text, re.I)
        if found and not re.search(r"\bpublished\b", found.group(0)[:-len(found.group(1))], re.I) \
                and (day := parse_date(found.group(1))):
            return InspectionReference(framework, day, None, number)
    return InspectionReference(framework, None, None, mentions[0][0])


def _sentences(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The item's sentences, each with the line it starts on: lines wrapped in text and PDF are joined."""
    sentences: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, text in lines:
        for piece in re.split(r"(?<=[.;!?])\s+(?=[A-Z(“\"])", text):
            if not current:
                start = number
            current.append(piece)
            if re.search(r"[.;!?]\s*$", piece):
                sentences.append((start, " ".join(current)))
                current = []
        if current and len(text.split()) <= 4:  # a heading: a sentence of its own
            sentences.append((start, " ".join(current)))
            current = []
    if current:
        sentences.append((start, " ".join(current)))
    return sentences


def framework_by_date(start: dt.date) -> str:
    """An inspection named by its dates alone: the full inspection of its time (ILACS from 2018, SIF
    from November 2013), as action plans name them."""
    return "ilacs" if start >= dt.date(2018, 1, 1) else "sif"


def framework_concept(slug: str) -> str:
    return next(concept for s, concept, _ in FRAMEWORKS if s == slug)
