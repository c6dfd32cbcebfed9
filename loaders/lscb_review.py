"""Ofsted reviews of Local Safeguarding Children Boards read on their own.

Two shapes: a standalone review report ("Review of the effectiveness of the Local
Safeguarding Children Board", with its own review dates, recommendations sometimes as
unnumbered bullets ending "(paragraph N)"), and the LSCB part of a SIF report saved on its
own, with no header, no date and no inspector (seed 003). The body is read with the SIF
parser (:mod:`safeguarding_kg.loaders.ofsted_sif`), which knows the LSCB headings.

An undated section cannot name its inspection from its own text, so extraction gives it a
provisional inspection (framework sg:LSCBReview, ``…/lscb-review/undated-<hash>``) and warns;
:func:`safeguarding_kg.linking_lscb.link_undated_lscb_sections` later moves its nodes onto the
dated inspection whose LSCB paragraphs have the same numbers and texts.
"""

from __future__ import annotations

import re

from safeguarding_kg.iris import board_iri, inspection_iri
from safeguarding_kg.loaders import ofsted_sif
from safeguarding_kg.loaders.base import Extraction
from safeguarding_kg.loaders.toolkit.dates import parse_date, parse_range
from safeguarding_kg.loaders.toolkit.inspections import add_inspection
from safeguarding_kg.loaders.toolkit.report_structure import prepared_lines
from safeguarding_kg.loaders.toolkit.sources import SourceText
from safeguarding_kg.loaders.toolkit.text import clean
from safeguarding_kg.namespaces import DCTERMS, SG

#: The first lines of an LSCB review: its title, or the LSCB section heading on its own.
TITLE = re.compile(r"^(?:review of the effectiveness of the )?(?:the )?local safeguarding children board"
                   r"(?:\s*\(lscb\))?\s*[¹²³\d]?\s*$", re.I)
HEAD_LINES = 12


def _head(source: SourceText) -> list[str]:
    return [line.strip() for line in source.lines[:60] if line.strip()][:HEAD_LINES]


class LSCBReviewLoader:
    name = "ofsted-lscb-review"
    genre = SG.LSCBReviewDocument

    def recognise(self, source: SourceText) -> float:
        head = _head(source)
        if not head or ofsted_sif.recognise_sif(source) > 0:
            return 0.0
        titled = any(TITLE.match(clean(line)) for line in head[:4])
        has_findings = re.search(r"inspection findings|the local safeguarding children board (?:is|requires)",
                                 "\n".join(source.lines[:200]), re.I)
        return 0.85 if titled and has_findings else 0.0

    def extract(self, source: SourceText, out: Extraction) -> None:
        lines = prepared_lines(source)
        head_text = "\n".join(lines[:30])
        start = end = published = None
        for line in lines[:30]:
            if re.match(r"^\s*(?:inspection|review) dates?\b|^\s*dates? of (?:the )?review\b", line, re.I):
                found = parse_range(line.replace("–", " to "))
                start, end = found if found else (parse_date(line), None)
            elif re.match(r"^\s*(?:report )?published\b", line, re.I):
                published = parse_date(line)
        authority = ofsted_sif.resolve_authority(out, None, head_text + "\n" + source.text)
        reading = ofsted_sif.read_structure(lines, 1, out)
        findings = [n.paragraph for n in reading.numbered if n.mode == "findings"]
        if start is not None:
            inspection = inspection_iri(authority, "lscb-review", start)
        else:
            key = ofsted_sif.undated_key([f"{p.number} {p.text}" for p in findings])
            inspection = inspection_iri(authority, "lscb-review", f"undated-{key}")
            out.warn("undated LSCB review section: no inspection date; after loading it is linked to the dated "
                     "report with the same LSCB paragraphs if the store has one, else kept under a provisional "
                     "inspection until such a report is loaded")
        board = board_iri(authority)
        ctx = ofsted_sif.Context(out, inspection, authority, board)
        first_line = next((n for n, line in enumerate(lines, 1) if line.strip()), 1)
        add_inspection(out, inspection, first_line, SG.LSCBReview, authority, start, end, published, out.document)
        out.add(inspection, SG.inspectedBoard, board)
        if start is None:
            out.add(inspection, SG.provisional, True)
        out.node(board, SG.SafeguardingBoard)
        out.add(board, SG.servesAuthority, authority)
        ofsted_sif.write_judgements(ctx, reading.judgements)
        if not reading.judgements:
            out.warn("no LSCB judgement found")
        ofsted_sif.write_numbered(ctx, reading)
        if start is not None:
            ofsted_sif.write_team(ctx, lines)
        out.add(out.document, DCTERMS.title, clean(_head(source)[0]))
        out.add(out.document, DCTERMS.issued, published)


LOADER = LSCBReviewLoader()
