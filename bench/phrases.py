"""The phrase bank of the corpus generator: what inspectors say, theme by theme.

Each theme has recommendation wordings (the imperative "Ensure that …" of SIF reports and the
noun phrases of ILACS "What needs to improve" lists), sentences that criticise practice, and
sentences that praise it. An authority draws a few weak themes that recur in every report about
it, so the generated national graph has the recurring issues the project exists to show.
Sentences are written in the register of the published reports; none is copied from one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    slug: str
    #: SIF-style recommendations ("Ensure that ...").
    recommendations: tuple[str, ...]
    #: ILACS-style "What needs to improve" items (noun phrases).
    improvements: tuple[str, ...]
    weaknesses: tuple[str, ...]
    strengths: tuple[str, ...]


THEMES: tuple[Theme, ...] = (
    Theme(
        "return-home-interviews",
        ("Ensure that all children who go missing are offered a return home interview within 72 hours, and that "
         "the information gathered informs their plans.",
         "Ensure that the quality and take-up of return home interviews improve, and that managers analyse what "
         "children say to reduce further missing episodes."),
        ("The offer, take-up and analysis of return home interviews for children who go missing.",
         "The timeliness and quality of return home interviews."),
        ("Return home interviews are not consistently offered to children who go missing, and too many take "
         "place outside the expected timescale of 72 hours.",
         "The information from return home interviews is not routinely used to update children's plans or to "
         "understand the risks they face when they go missing.",
         "Managers do not analyse the themes arising from return home interviews, so patterns of missing "
         "episodes are not identified."),
        ("Children who go missing are offered timely return home interviews by skilled workers who know them well.",
         "Information from return home interviews is well recorded and is used effectively to reduce risk."),
    ),
    Theme(
        "private-fostering",
        ("Ensure that private fostering arrangements are identified, assessed and monitored, and that partner "
         "agencies understand their duty to notify the local authority.",),
        ("The identification of, and response to, private fostering arrangements.",
         "Awareness of private fostering among partner agencies and the community."),
        ("Private fostering does not receive the attention that it requires, and very few arrangements are "
         "known to the local authority.",
         "Awareness of private fostering remains underdeveloped, and no annual private fostering report is "
         "produced."),
        ("Private fostering arrangements are assessed promptly, and children are visited within statutory "
         "timescales.",),
    ),
    Theme(
        "management-oversight",
        ("Ensure that management oversight at the frontline is consistently challenging, and that the reasons "
         "for decisions are clearly recorded on children's files.",
         "Ensure that supervision of social workers is regular, reflective and focused on progress for children."),
        ("The quality and impact of management oversight and supervision of social work practice.",
         "The consistency of managerial challenge and recorded decision-making on children's records."),
        ("Management oversight is not consistently effective, and supervision records do not show challenge or "
         "reflection on progress for children.",
         "Supervision is irregular in some teams, and actions agreed in supervision are not always followed "
         "up, which contributes to drift and delay.",
         "Frontline managers do not always record the rationale for their decisions, so it is unclear why "
         "plans change."),
        ("Managers provide regular and reflective supervision that helps social workers to progress children's "
         "plans.",
         "Management oversight is visible on children's files, and decisions are clearly explained."),
    ),
    Theme(
        "assessment-quality",
        ("Ensure that assessments consistently analyse risks and protective factors, and that they take full "
         "account of children's histories.",),
        ("The quality of assessments, including the analysis of risk and of children's history.",
         "The consistency of assessments and the analysis they contain."),
        ("The quality of assessments is variable, and too many describe family circumstances without analysing "
         "the risks to children.",
         "Assessments do not always take account of children's histories, so cumulative harm is not recognised."),
        ("Assessments are thorough and timely, and they analyse risks and protective factors well.",
         "Social workers complete detailed assessments that are informed by research and by children's views."),
    ),
    Theme(
        "strategy-meetings",
        ("Ensure that strategy discussions are timely, involve all relevant partners, including the police and "
         "health, and lead to clear actions.",),
        ("The timeliness of strategy meetings and the attendance of all relevant partners.",
         "The involvement of partner agencies in strategy discussions."),
        ("Strategy meetings are sometimes delayed because of poor attendance by partner agencies, and a few "
         "children remain at risk for longer than necessary.",
         "The involvement of health professionals in strategy discussions is inconsistent, so relevant "
         "information is not always shared."),
        ("Strategy meetings are timely and well attended, and they lead to proportionate and effective action.",),
    ),
    Theme(
        "care-plans",
        ("Ensure that child in need, child protection and care plans are specific, measurable and written so "
         "that children and families understand them.",),
        ("The clarity of plans for children so that parents and carers understand what is expected of them.",
         "The quality and specificity of child in need and child protection plans."),
        ("Plans are too often lengthy and generic, with actions that lack timescales, so families do not know "
         "what they need to do.",
         "Child in need and child protection plans are variable in quality and are not always updated after "
         "reviews."),
        ("Plans are clear, outcome focused and regularly reviewed, and children's progress is evident.",),
    ),
    Theme(
        "permanence",
        ("Ensure that permanence planning starts early for all children in care, and that plans for special "
         "guardianship and long-term fostering progress without delay.",),
        ("Timely progress of permanence plans, including special guardianship and long-term fostering.",
         "The pace of permanence planning for children in care."),
        ("Permanence planning is not timely for some children, and matching to long-term foster carers takes "
         "too long.",
         "Some children wait too long for special guardianship orders to be made, and the reasons for delay "
         "are not challenged."),
        ("Permanence is considered early, and most children live in stable homes with carers who know them well.",
         "Children who cannot return home are matched with adopters quickly, and adoption performance is good."),
    ),
    Theme(
        "placement-sufficiency",
        ("Ensure that the sufficiency strategy increases the range of local placements, including foster "
         "carers for older children and brothers and sisters.",),
        ("The sufficiency of local placements to meet the needs of children in care.",
         "The range of foster placements for older children and for brothers and sisters."),
        ("A shortage of local foster carers means that too many children live at a distance from their "
         "families and communities.",
         "Placement sufficiency remains a challenge, and the recruitment strategy for foster carers is general "
         "rather than targeted."),
        ("The local authority has increased the number of in-house foster carers, and placement stability is good.",),
    ),
    Theme(
        "care-leavers",
        ("Ensure that care leavers live in suitable accommodation and that pathway plans set specific targets "
         "for education, employment and training.",),
        ("The quality of pathway plans and the range of suitable accommodation for care leavers.",
         "Support for care leavers who are not in education, employment or training."),
        ("Pathway plans for care leavers are not sufficiently specific about who will do what, and by when.",
         "Too many care leavers are not in education, employment or training, and some live in unsuitable "
         "accommodation."),
        ("Care leavers are well supported by personal advisers who know them well and help them to prepare "
         "for independence.",),
    ),
    Theme(
        "quality-assurance",
        ("Ensure that the quality assurance framework gives leaders an accurate view of practice, and that "
         "learning from audits improves practice.",),
        ("Quality assurance and audit arrangements, so that leaders know the strengths and weaknesses of practice.",
         "The use of audit findings to improve the quality of social work practice."),
        ("Audits are overly optimistic and are not moderated, so leaders do not have an accurate view of the "
         "quality of practice.",
         "The quality assurance framework is not yet embedded, and there is little evidence of learning from "
         "audits reaching frontline practice."),
        ("Quality assurance is well developed, and learning from audits is shared with staff and improves practice.",),
    ),
    Theme(
        "child-exploitation",
        ("Ensure that the response to children at risk of exploitation is coordinated across agencies and that "
         "actions agreed at multi-agency meetings are followed up.",),
        ("The multi-agency response to children at risk of criminal and sexual exploitation.",
         "The follow-up of actions agreed at multi-agency child exploitation meetings."),
        ("The multi-agency response to children at risk of exploitation is disjointed, and agreed actions lack "
         "timescales.",
         "Exploitation screening tools are completed but are not updated as risks change."),
        ("Children at risk of exploitation are identified quickly, and specialist workers help to reduce risk.",),
    ),
    Theme(
        "voice-of-child",
        ("Ensure that the wishes and feelings of children are clearly recorded and inform plans, and that "
         "advocacy is offered to every child who needs it.",),
        ("The recording of children's views and their influence on plans.",
         "Access to advocacy for children in need of help and protection and children in care."),
        ("Children's views are not consistently recorded, and it is not always clear how they have influenced "
         "plans.",
         "Take-up of advocacy is low, and children are not always helped to contribute to their reviews."),
        ("Social workers spend time with children alone, and their wishes and feelings are well recorded.",),
    ),
    Theme(
        "workforce",
        ("Ensure that the recruitment and retention strategy reduces reliance on agency staff, so that children "
         "have fewer changes of social worker.",),
        ("The stability of the workforce and the number of changes of social worker for children.",
         "Caseloads in the teams where they remain too high."),
        ("Frequent changes of social worker mean that some children have to retell their stories and do not "
         "build trusting relationships.",
         "Caseloads are too high in some teams, and this limits the time social workers can spend with children."),
        ("The workforce is stable, caseloads are manageable, and social workers say that they are well supported.",),
    ),
    Theme(
        "early-help",
        ("Ensure that early help assessments and plans are of a consistently good quality, and that step-up "
         "and step-down arrangements are clear.",),
        ("The quality and consistency of early help assessments and plans.",
         "The coordination of early help provided by partner agencies."),
        ("Early help is not well coordinated across agencies, and few families receive support based on a "
         "holistic assessment.",
         "Step-down from children's social care to early help is not always timely, and some families wait for "
         "support."),
        ("Early help services are well coordinated and make a positive difference to children and families.",),
    ),
    Theme(
        "homeless-16-17",
        ("Ensure that homeless 16- and 17-year-olds are told of their right to be accommodated and that their "
         "needs are assessed.",),
        ("The response to homeless 16- and 17-year-olds and their awareness of the option of care.",),
        ("Homeless 16- and 17-year-olds are not always told of their right to be looked after, and assessments "
         "do not consider whether care would benefit them.",),
        ("Homeless 16- and 17-year-olds receive a prompt joint assessment and are well informed of their rights.",),
    ),
    Theme(
        "health-assessments",
        ("Ensure that initial and review health assessments for children in care are timely, and that children "
         "have prompt access to emotional health services.",),
        ("The timeliness of health assessments and access to emotional well-being services for children in care.",),
        ("Initial health assessments for children in care are not always timely, and some children wait too "
         "long for emotional health support.",),
        ("Health assessments are timely, and children in care have good access to emotional health services.",),
    ),
)

#: Neutral context sentences that pad paragraphs to the length real ones have.
CONTEXT: tuple[str, ...] = (
    "Inspectors saw examples of both stronger and weaker practice during the inspection.",
    "Senior leaders are aware of this and have plans in place to address it.",
    "This has been recognised in the local authority's self-evaluation.",
    "Partner agencies contribute well to multi-agency meetings in most cases.",
    "The local authority has invested in additional capacity to respond to this.",
    "It is too early to see the full impact of recent changes.",
    "Most children seen by inspectors were safe and their needs were being met.",
    "Elected members receive regular reports and scrutinise performance.",
    "This reflects findings identified at the last inspection.",
    "Children and families told inspectors that they valued the help they received.",
)

FIRST_NAMES = ("Alison", "Peter", "Nigel", "Lynn", "Brenda", "Dominic", "Fiona", "Sarah", "Mark", "Helen",
               "Rachel", "David", "Karen", "Andrew", "Joanne", "Neil", "Tracey", "Louise", "Paul", "Claire")
SURNAMES = ("Smale", "McEntee", "Parkes", "Radley", "Stevens", "Parker", "Higham", "Bennett", "Waterman",
            "Hocking", "Penswick", "Tomsett", "Zimmerman", "Turner", "Quested", "Roughton", "Walsh", "Jones",
            "Edwards", "Marsh")
