"""Generate a realistic national corpus: every English children's services authority, ten documents each.

Run:  .venv/bin/python bench/generate_corpus.py OUT_DIR [--authorities 150] [--seed 2024] [--check]

For each authority of the bundled register (safeguarding_kg.authorities.register()), in the order
of a seeded shuffle, it writes the documents an analyst collects about one council since 2009:

    two annual unannounced inspection letters (2009–2012)     shape of seed 002 (one paragraph a line)
    a SIF report with the LSCB review (2014–2017)             shape of seed 000: judgement table,
                                                              numbered recommendations, findings citing
                                                              "(Recommendation N)", LSCB recommendations
                                                              citing "(para. N)"
    a committee pack embedding that SIF report               shape of seed 004: agenda table, minutes,
                                                              covering report, the report itself
    two focused-visit letters (2018–2021)                     shape of the focused-visit PDFs' text
    two ILACS reports (2019 four-row table, 2023 five-row)    shape of the ILACS PDFs' text (wrapped lines)
    two action plans, each answering one ILACS report        shape of seed 001: "Ofsted recommendation N",
                                                              tab-separated Action/Who/By when/Progress
                                                              tables, Expected Outcomes

Each authority has a few weak themes (bench/phrases.py) that recur in every report about it, so
the same issues come back across years as in the real corpus. Everything is a function of --seed.
``--check`` extracts every generated file with the real loaders and fails on any warning or error:
the generator doubles as a stress test of the loaders.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from phrases import CONTEXT, FIRST_NAMES, SURNAMES, THEMES, Theme  # noqa: E402

from safeguarding_kg.authorities import Authority, register  # noqa: E402

GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
GRADE_WEIGHTS = (1, 5, 5, 2)
WRAP = 84  # the line width of the PDF text the ILACS and letter loaders read
DOCUMENTS_PER_AUTHORITY = 10


# --------------------------------------------------------------------------- authority context


@dataclass
class Council:
    """One authority as the documents about it name it, with its recurring weak themes."""

    authority: Authority
    rng: random.Random
    weak: tuple[Theme, ...]
    strong: tuple[Theme, ...]

    @property
    def name(self) -> str:
        return self.authority.name

    @property
    def slug(self) -> str:
        return "-".join("".join(c if c.isalnum() else " " for c in self.name.lower()).split())

    @property
    def council(self) -> str:
        """The legal name, as a letter's addressee or a report's title page writes it."""
        kind = self.authority.authority_type
        if kind == "London Borough":
            return f"London Borough of {self.name}"
        if kind == "Metropolitan District":
            return f"{self.name} Metropolitan Borough Council"
        if kind == "County":
            return f"{self.name} County Council"
        return f"{self.name} Council"

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"

    def theme_sentences(self, weak: int, strong: int, field: str = "weaknesses") -> list[str]:
        picked = [self.rng.choice(getattr(t, field)) for t in self.rng.sample(self.weak, min(weak, len(self.weak)))]
        picked += [self.rng.choice(t.strengths) for t in self.rng.sample(self.strong, min(strong, len(self.strong)))]
        return picked

    def paragraph(self, theme: Theme | None = None, strength: bool = False) -> str:
        """Three to five sentences: one about a theme, the rest context, as inspectors write."""
        theme = theme or self.rng.choice(self.weak + self.strong)
        first = self.rng.choice(theme.strengths if strength else theme.weaknesses)
        rest = self.rng.sample(CONTEXT, self.rng.randint(2, 4))
        return " ".join([first, *rest])


def councils(count: int, seed: int) -> list[Council]:
    authorities = sorted(register().values(), key=lambda a: a.gss_code)
    rng = random.Random(seed)
    rng.shuffle(authorities)
    chosen = []
    for authority in authorities[:count]:
        own = random.Random(f"{seed}/{authority.gss_code}")
        themes = list(THEMES)
        own.shuffle(themes)
        chosen.append(Council(authority, own, tuple(themes[:4]), tuple(themes[4:9])))
    return chosen


# --------------------------------------------------------------------------- dates and words


def long_date(d: dt.date) -> str:
    return f"{d.day} {d:%B %Y}"


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def weekday_on_or_after(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def random_date(rng: random.Random, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    month = rng.randint(*months)
    return weekday_on_or_after(dt.date(year, month, rng.randint(1, 26)))


def wrap(text: str, first: str = "") -> list[str]:
    """A paragraph broken as PDF text breaks it: no indent on continuation lines."""
    return textwrap.wrap(first + text, WRAP, break_on_hyphens=False)


def overall_phrase(grade: str) -> str:
    return {"Outstanding": "are outstanding", "Good": "are good", "Requires improvement":
            "require improvement to be good", "Inadequate": "are inadequate"}[grade]


def pick_grade(rng: random.Random) -> str:
    return rng.choices(GRADES, GRADE_WEIGHTS)[0]


# --------------------------------------------------------------------------- unannounced letters (2009–2012)


def unannounced_letter(c: Council, date: dt.date) -> str:
    director = c.person()
    visit = date - dt.timedelta(days=c.rng.randint(20, 40))
    sections = [
        ("Strengths", c.theme_sentences(0, 2)),
        ("The service meets the requirements of statutory guidance in the following areas",
         c.theme_sentences(0, 4)),
        ("Areas for development", c.theme_sentences(3, 0)),
    ]
    lines = [
        "Freshford House Redcliffe Way Bristol BS1 6NL T 0300 1231231 enquiries@ofsted.gov.uk www.ofsted.gov.uk",
        "", "", long_date(date), "",
        f"{director} Director of Children's Services {c.council} Council Offices {c.name}", "",
        f"Dear {director.split()[0]} {director.split()[1]}", "",
        f"Annual unannounced inspection of contact, referral and assessment arrangements within {c.council} "
        "children's services", "",
        "This letter summarises the findings of the recent unannounced inspection of contact, referral and "
        f"assessment arrangements within local authority children's services in {c.council}, which was "
        f"conducted on {visit.day} and {(visit + dt.timedelta(days=1)).day} {visit:%B %Y}.", "",
        "The inspection sampled the quality and effectiveness of contact, referral and assessment arrangements "
        "and their impact on minimising any child abuse and neglect.", "",
        "From the evidence gathered, the following features of the service were identified:", "",
    ]
    for heading, items in sections:
        lines += [heading, ""]
        lines += [f"- {item}" for item in items] if heading != "Strengths" else [" ".join(items)]
        lines.append("")
    lines += [
        "Any areas for development identified above will be specifically considered in any future inspection "
        "of services to safeguard children within your area.", "",
        "Yours sincerely", "",
        f"{c.person()} Her Majesty's Inspector", "",
        f"Copy: {c.person()}, Chief Executive, {c.council}",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- SIF report with the LSCB review


@dataclass
class SifReport:
    start: dt.date
    end: dt.date
    published: dt.date
    grades: dict[str, str]
    recommendations: list[str]
    lead: str
    text: str


SIF_AREAS = (
    ("help", "1. Children who need help and protection",
     "The experiences and progress of children who need help and protection"),
    ("looked-after", "2. Children looked after and achieving permanence",
     "The experiences and progress of children looked after and achieving permanence"),
    ("adoption", "\t2.1 Adoption performance", None),
    ("care-leavers", "\t2.2 Experiences and progress of care leavers", None),
    ("leadership", "3. Leadership, management and governance", "Leadership, management and governance"),
)


def sif_report(c: Council, start: dt.date) -> SifReport:
    rng = c.rng
    end = start + dt.timedelta(days=24)
    published = end + dt.timedelta(days=rng.randint(40, 60))
    grades = {key: pick_grade(rng) for key, *_ in SIF_AREAS}
    grades["overall"] = grades["leadership"]
    lscb_grade = pick_grade(rng)
    lead = c.person()
    recommendations = [rng.choice(t.recommendations) for t in c.weak] + \
        [rng.choice(t.recommendations) for t in rng.sample(c.strong, 3)]
    lines = ["", "", c.council, "",
             "Inspection of services for children in need of help and protection, children looked after and "
             "care leavers", "", "and", "",
             "Review of the effectiveness of the Local Safeguarding Children Board¹", "",
             f"Inspection date: {start.day} {start:%B} to {long_date(end)}", "",
             f"Report published: {long_date(published)}", "",
             f"Children's services in {c.name} {overall_phrase(grades['overall'])}\t\t"]
    for key, row, _ in SIF_AREAS:
        lines.append(f"{row}\t{grades[key]}" if row.startswith("\t") else f"{row}\t\t{grades[key]}")
    lines += ["", "¹ Ofsted produces this report under its power to combine reports in accordance with section "
              "152 of the Education and Inspections Act 2006.", "", "Executive summary", ""]
    for _ in range(6):
        lines += [c.paragraph(), ""]
    lines += ["The local authority", "", "Information about this local authority area²", "",
              "Previous Ofsted inspections", "",
              f"- The last inspection of the local authority's safeguarding arrangements was in {start.year - 4}.",
              "", "Local leadership", "",
              f"- The director of children's services has been in post since {start.year - 2}.", "",
              "² The local authority was given the opportunity to review this section of the report.", "",
              "Recommendations", ""]
    lines += [f"{n}. {text}" for n, text in enumerate(recommendations, 1)]
    lines += ["", "Summary for children and young people", ""]
    lines += [f"- {s}" for s in c.theme_sentences(2, 3)]
    lines.append("")
    number = len(recommendations) + 1
    sections = [("help", 20), ("looked-after", 18), ("adoption", 10), ("care-leavers", 12), ("leadership", 16)]
    for key, count in sections:
        lines += _sif_section_heading(key, grades[key], c)
        for _ in range(count):
            lines += [_sif_finding(c, number, len(recommendations)), ""]
            number += 1
    lines += _lscb_part(c, number, lscb_grade)
    lines += ["Information about this inspection", "",
              "The inspection of the local authority was carried out under section 136 of the Education and "
              "Inspections Act 2006.", "",
              "The inspection team consisted of six of Her Majesty's Inspectors (HMI) from Ofsted.", "",
              "The inspection team", "", f"Lead inspector: {lead}", "", f"Deputy lead inspector: {c.person()}", "",
              f"Team inspectors: {c.person()}, {c.person()}, {c.person()} and {c.person()}", "",
              f"Senior data analyst: {c.person()}", "", f"Quality assurance manager: {c.person()}", "",
              f"© Crown copyright {published.year}"]
    return SifReport(start, end, published, grades, recommendations, lead, "\n".join(lines) + "\n")


def _sif_section_heading(key: str, grade: str, c: Council) -> list[str]:
    if key == "adoption":
        return [f"The graded judgement for adoption performance is that it is {grade.lower()}", ""]
    if key == "care-leavers":
        return ["The graded judgement about the experience and progress of care leavers is that it "
                f"{'requires improvement' if grade == 'Requires improvement' else 'is ' + grade.lower()}", ""]
    title = next(heading for k, _, heading in SIF_AREAS if k == key)
    return [f"{title}\t{grade}", f"<p>Summary</p> <p>{c.paragraph()}</p>", "", "Inspection findings", ""]


def _sif_finding(c: Council, number: int, recommendations: int) -> str:
    weak = c.rng.random() < 0.45
    text = c.paragraph(c.rng.choice(c.weak) if weak else None, strength=not weak)
    if weak:
        cited = sorted(c.rng.sample(range(1, recommendations + 1), c.rng.choice((1, 1, 1, 2))))
        text += f" (Recommendation {cited[0]})" if len(cited) == 1 else f" (Recommendations {cited[0]} and {cited[1]})"
    return f"{number}. {text}"


def _lscb_part(c: Council, first: int, grade: str) -> list[str]:
    verb = "requires improvement" if grade == "Requires improvement" else f"is {grade.lower()}"
    lines = ["The Local Safeguarding Children Board (LSCB)", "",
             f"The Local Safeguarding Children Board {verb}", "", "Executive summary", ""]
    for _ in range(3):
        lines += [c.paragraph(), ""]
    findings_from = first + 3
    findings = list(range(findings_from, findings_from + 12))
    lines += ["Recommendations", ""]
    for n in range(first, first + 3):
        theme = c.rng.choice(c.weak)
        lines.append(f"{n}. {c.rng.choice(theme.recommendations)[:-1]} (para. {c.rng.choice(findings)}).")
    lines += ["", "Inspection findings – the Local Safeguarding Children Board", ""]
    for n in findings:
        lines += [f"{n}. {c.paragraph()}", ""]
    return lines


# --------------------------------------------------------------------------- committee pack embedding the SIF report


def committee_pack(c: Council, sif: SifReport) -> tuple[dt.date, str]:
    rng = c.rng
    meeting = weekday_on_or_after(sif.published + dt.timedelta(days=rng.randint(20, 50)))
    previous = weekday_on_or_after(meeting - dt.timedelta(days=56))
    chair, officer, director = c.person(), c.person(), c.person()
    councillors = sorted({c.person() for _ in range(6)})
    item7 = f"Outcome of Ofsted Inspection {sif.start.day} {sif.start:%B} to {long_date(sif.end)}"
    lines = [
        "Corporate Parenting Board", long_date(meeting),
        "Time 5.30 pm **Public Meeting?** YES **Type of meeting** Oversight",
        "Venue Committee Room 2 - Civic Centre", "Attendance", "Members of the Corporate Parenting Board",
        "Quorum for this meeting is three Councillors.", "Information for the Public",
        "If you have any queries about this meeting, please contact the democratic support team:",
        "Agenda", "Part 1 – items open to the press and public",
        "- | <i>Item No.</i> | <i>Title</i> |", "|-----------------|--|",
        "| 1 | Apologies for absence |", "| 2 | Declarations of interests |",
        f"| 3 | Minutes of the previous meeting - {long_date(previous)} (Pages 3 - 6)",
        "[To approve the minutes of the previous meeting as a correct record] |",
        "| 4 | Matters arising", "[To consider any matters arising] |",
        f"| 5 | {item7} (Pages 7 - 60)", f"[{officer}, Head of Looked After Children to present report] |",
        "| 6 | Performance Monitoring Information", f"[{director}, Service Director, to present report]",
        "[TO FOLLOW] |", "",
        "Corporate Parenting Board", "Agenda Item No: 3", f"Minutes - {long_date(previous)}", "Attendance",
        f"Chair Cllr {chair} (Lab)", "Labour", *[f"Cllr {name}" for name in councillors],
        "Employees", director, officer, "Service Director - Children and Young People",
        "Head of Looked After Children",
        "Item No. Title", "1 Apologies for absence",
        f"Apologies for absence were received from Councillor {rng.choice(SURNAMES)}.",
        "2 Declarations of interests", "There were no declarations of interest.",
        "3 Performance Monitoring Information",
        f"{director}, Service Director for Children and Young People, presented the Performance Monitoring "
        "report and highlighted the key points.",
        "In response to questions from the Board, the following was stated:",
        *[f"- {s}" for s in c.theme_sentences(2, 1)],
        "Resolved:", f"1. That {director} be thanked for the report and the report be noted.",
        "2. That an update on the recommendations of the inspection be submitted to the next Board meeting.",
        "",
        "Corporate Parenting Board", long_date(meeting),
        f"Report title\t{item7}\t",
        f"Cabinet member with lead responsibility\tCouncillor {chair} Children and Young People\t",
        "Wards affected\tAll\t", f"Accountable director\t{director}, Children and Young People\t",
        "Originating service\tLooked After Children\t",
        f"Accountable employee(s)\t{officer}\tHead of Looked After Children",
        "Report to be/has been considered by\t\t",
        "Recommendation for noting:", "The Corporate Parenting Board is asked to:",
        f"1. Note the findings of the Ofsted inspection of {c.name}'s services for children in need of help and "
        "protection, children looked after and care leavers.",
        "1.0 Purpose",
        "- 1.1 The purpose of this report is to inform members of the Board of the outcome of the recent Ofsted "
        "inspection.",
        "2.0 Background",
        f"- 2.1 The inspection commenced on {long_date(sif.start)} and was completed on {long_date(sif.end)}.",
        "3.0 Inspection outcome",
        f"- 3.1 The report contains {len(sif.recommendations)} recommendations for improvement.",
        "4.0 Financial implications", "- 4.1 There are no direct financial implications as a result of this report.",
        "5.0 Schedule of background papers", "- 5.1 A copy of the Ofsted report is attached",
        sif.text.strip("\n"), "This page is intentionally left blank",
    ]
    return meeting, "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- focused visits


FOCUS = (
    "the local authority's arrangements for the protection of vulnerable children from extra-familial risk",
    "the local authority's arrangements for young people leaving care",
    "the local authority's arrangements for children in need and children subject to a child protection plan",
    "the local authority's arrangements for children in care, including the quality of permanence planning",
    "the local authority's front door arrangements, including thresholds and the response to contacts",
)


def focused_visit(c: Council, date: dt.date) -> str:
    rng = c.rng
    director = c.person()
    visit = date - dt.timedelta(days=rng.randint(20, 40))
    inspectors = [c.person(), c.person()]
    lines = [long_date(date), director, "Director of Children's Services", "Council Offices", c.name,
             f"Dear {director.split()[0]} {director.split()[1]}",
             f"Focused visit to {c.council} children's services"]
    lines += wrap(f"This letter summarises the findings of a focused visit to {c.council} children's services on "
                  f"{visit.day} and {(visit + dt.timedelta(days=1)).day} {visit:%B %Y}. The inspectors were "
                  f"{inspectors[0]}, HMI, and {inspectors[1]}, HMI.")
    lines += wrap(f"Inspectors looked at {rng.choice(FOCUS)}.")
    lines.append("Overview")
    for _ in range(2):
        lines += wrap(c.paragraph())
    lines.append("Findings")
    for sentence in c.theme_sentences(3, 3):
        lines += wrap(f"{sentence} {' '.join(rng.sample(CONTEXT, 2))}", "- ")
    lines.append("What needs to improve in this area of social work practice")
    for theme in rng.sample(c.weak, 3):
        lines += wrap(rng.choice(theme.improvements), "- ")
    lines += wrap("Ofsted will take the findings from this focused visit into account when planning the next "
                  "inspection or visit.")
    lines += ["Yours sincerely", inspectors[0], "Her Majesty's Inspector"]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- ILACS reports


@dataclass
class IlacsReport:
    start: dt.date
    end: dt.date
    improvements: list[str]
    grades: dict[str, str]
    text: str


def ilacs_report(c: Council, start: dt.date, five_rows: bool) -> IlacsReport:
    rng = c.rng
    end = start + dt.timedelta(days=11)
    areas = [("leaders", "The impact of leaders on social work practice with children and families"),
             ("help", "The experiences and progress of children who need help and protection")]
    if five_rows:
        areas += [("care", "The experiences and progress of children in care"),
                  ("leavers", "The experiences and progress of care leavers")]
    else:
        areas.append(("care", "The experiences and progress of children in care and care leavers"))
    grades = {key: pick_grade(rng) for key, _ in areas}
    grades["overall"] = grades["leaders"]
    improvements = [rng.choice(t.improvements) for t in c.weak] + \
        [rng.choice(t.improvements) for t in rng.sample(c.strong, rng.randint(1, 3))]
    if five_rows:
        lines = wrap(f"Inspection of {c.name} local authority children's services")
        first = f"{start.day}" if start.month == end.month else f"{start.day} {start:%B}"
        lines.append(f"Inspection dates: {first} to {long_date(end)}")
        lines.append(f"Lead inspector: {c.person()}, His Majesty's Inspector")
    else:
        lines = [c.council, "Inspection of children's social care services",
                 f"Inspection dates: {long_date(start)} to {long_date(end)}",
                 f"Lead inspector: {c.person()}", "Her Majesty's Inspector"]
    lines.append("Judgement Grade")
    for key, area in areas:
        lines += wrap(f"{area} {grades[key]}")
    lines.append(f"Overall effectiveness {grades['overall']}")
    for _ in range(3):
        lines += wrap(c.paragraph())
    lines.append("What needs to improve")
    for item in improvements:
        lines += wrap(item, "- ")
    number = 1
    order = [areas[1], *areas[2:], areas[0]]
    for key, area in order:
        lines += wrap(f"{area}: {grades[key]}")
        for _ in range(rng.randint(12, 18)):
            lines += wrap(c.paragraph(strength=rng.random() < 0.5), f"{number}. ")
            number += 1
        lines.append("")
    lines += wrap("The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and "
                  "inspects to achieve excellence in the care of children and young people.")
    lines.append(f"© Crown copyright {end.year}")
    return IlacsReport(start, end, improvements, grades, "\n".join(lines) + "\n")


# --------------------------------------------------------------------------- action plans answering ILACS reports


STATUSES = ("Completed", "In progress", "Ongoing", "Not started", "Quarterly")
POSTS = ("Head of Service Safeguards", "Head of Service Family Support", "Principal Social Worker",
         "Head of Service Children in Care", "Service Manager Quality Assurance", "Head of Service Care Leavers")


def action_plan(c: Council, report: IlacsReport) -> tuple[dt.date, str]:
    rng = c.rng
    created = dt.date(report.end.year + (report.end.month + 3 > 12), (report.end.month + 3 - 1) % 12 + 1, 1)
    updated = dt.date(created.year + (created.month + 8 > 12), (created.month + 8 - 1) % 12 + 1, 1)
    lines = ["", "", "Children's Services", "", "Ofsted ILACS Action Plan", "", f"{created:%B %Y}", "",
             f"Updated {updated:%B %Y}", "",
             f"(Inspection date {_plan_dates(report.start, report.end)})", "",
             c.council, "", "", "", "Introduction", "",
             f"In {report.start:%B %Y}, Ofsted carried out a comprehensive inspection of children's social care "
             f"services in {c.name}.", "",
             "This action plan will be overseen by the Director of Children's Services and the Directorate "
             "Leadership Team.", "", "Actions arising from Ofsted recommendations", ""]
    for n, wording in enumerate(report.improvements, 1):
        lines += [f"Ofsted recommendation {n}", "", wording.rstrip("."), "", "Action\tWho\tBy when\tProgress"]
        for _ in range(rng.randint(2, 5)):
            lines.append(_action_row(c, created, updated))
        lines += ["", "Expected Outcomes", ""]
        lines += [f"- {s}" for s in c.theme_sentences(0, 2)]
        lines.append("")
    return created, "\n".join(lines) + "\n"


def _plan_dates(start: dt.date, end: dt.date) -> str:
    """"11th to 22nd November 2019", or "25th September to 6th October 2019" across a month end."""
    if start.month == end.month:
        return f"{ordinal(start.day)} to {ordinal(end.day)} {end:%B %Y}"
    return f"{ordinal(start.day)} {start:%B} to {ordinal(end.day)} {end:%B %Y}"


def _action_row(c: Council, created: dt.date, updated: dt.date) -> str:
    rng = c.rng
    due = created + dt.timedelta(days=rng.randint(30, 400))
    status = rng.choice(STATUSES)
    when = status if status in ("Completed", "Ongoing", "Quarterly") else f"{due:%B %Y}"
    action = f"Review and strengthen practice so that {rng.choice(CONTEXT)[0].lower()}{rng.choice(CONTEXT)[1:]}"
    owner = rng.choice(POSTS) + (f" and {rng.choice(POSTS)}" if rng.random() < 0.3 else "")
    progress = f"{status if status != 'Quarterly' else 'Ongoing'} – {rng.choice(CONTEXT)}"
    return f"{action}\t{owner}\t{when}\t{progress}"


# --------------------------------------------------------------------------- one authority's documents


def authority_documents(c: Council) -> list[tuple[str, str]]:
    """(file name, text) of the authority's ten documents, oldest first."""
    rng = c.rng
    docs: list[tuple[str, str]] = []
    for year in sorted(rng.sample((2009, 2010, 2011, 2012), 2)):
        date = random_date(rng, year)
        docs.append((f"{c.slug}_unannounced-inspection-letter_{date}.txt", unannounced_letter(c, date)))
    sif = sif_report(c, random_date(rng, rng.randint(2014, 2016), (1, 9)))
    docs.append((f"{c.slug}_inspection-and-lscb-review_{sif.published}.txt", sif.text))
    meeting, pack = committee_pack(c, sif)
    docs.append((f"{c.slug}_corporate-parenting-board-pack_{meeting}.txt", pack))
    fv1 = random_date(rng, 2018)
    docs.append((f"{c.slug}_focused-visit_{fv1}.txt", focused_visit(c, fv1)))
    first = ilacs_report(c, random_date(rng, 2019, (1, 10)), five_rows=False)
    docs.append((f"{c.slug}_inspection_{first.end}.txt", first.text))
    created, plan = action_plan(c, first)
    docs.append((f"{c.slug}_ilacs-action-plan_{created:%Y-%m}.txt", plan))
    fv2 = random_date(rng, 2021, (6, 12))
    docs.append((f"{c.slug}_focused-visit_{fv2}.txt", focused_visit(c, fv2)))
    second = ilacs_report(c, random_date(rng, 2023, (1, 9)), five_rows=True)
    docs.append((f"{c.slug}_inspection_{second.end}.txt", second.text))
    created, plan = action_plan(c, second)
    docs.append((f"{c.slug}_ilacs-action-plan_{created:%Y-%m}.txt", plan))
    assert len(docs) == DOCUMENTS_PER_AUTHORITY
    return docs


def generate(out: Path, authorities: int = 150, seed: int = 2024, per_authority: int | None = None) -> list[Path]:
    """Write the corpus under ``out`` (one folder per authority); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for c in councils(authorities, seed):
        folder = out / c.slug
        folder.mkdir(exist_ok=True)
        for name, text in authority_documents(c)[:per_authority]:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def check(paths: list[Path], expected_authorities: dict[Path, str] | None = None) -> list[str]:
    """Extract every file with the real loaders; a problem per file that warns, fails, names another authority,
    or (plans and packs) names an inspection that no report in ``paths`` describes."""
    from safeguarding_kg.loading import extract
    from safeguarding_kg.namespaces import RDF, SG

    expected_authorities = expected_authorities or {}
    problems: list[str] = []
    reported: list[tuple[Path, set[str]]] = []
    answering: list[tuple[Path, set[str]]] = []
    for path in paths:
        try:
            extraction = extract(path, path.read_bytes())
        except Exception as e:  # report every kind of failure by file
            problems.append(f"{path.name}: {e.__class__.__name__}: {e}")
            continue
        problems += [f"{path.name}: warning: {w}" for w in extraction.warnings]
        inspections = {q.subject.value for q in extraction.quads
                       if q.predicate == RDF.type and q.object == SG.Inspection}
        (answering if "-plan_" in path.name or "-pack_" in path.name else reported).append((path, inspections))
        expected = expected_authorities.get(path)
        if expected is not None and extraction.authority != expected:
            problems.append(f"{path.name}: read as {extraction.authority!r}, written for {expected!r}")
    # Identity: a plan or pack must name the very inspection its report describes (same IRI).
    described = {i for _, inspections in reported for i in inspections}
    for path, inspections in answering:
        problems += [f"{path.name}: names {i}, which no report describes" for i in sorted(inspections - described)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--authorities", type=int, default=150, help="how many authorities (default 150)")
    parser.add_argument("--per-authority", type=int, default=None,
                        help=f"documents per authority, oldest first (default all {DOCUMENTS_PER_AUTHORITY})")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--check", action="store_true", help="extract every file and fail on any warning")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.authorities, args.seed, args.per_authority)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} documents ({size / 1e6:.1f} MB) under {args.out}")
    if args.check:
        names = {c.slug: c.name for c in councils(args.authorities, args.seed)}
        problems = check(paths, {p: names[p.parent.name] for p in paths})
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"checked {len(paths)} documents: {len(problems)} problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
