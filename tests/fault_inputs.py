"""Damaged and odd inputs for the fault-injection tests, made from the sample corpus with a fixed seed.

``make_batch(folder)`` writes every input into ``folder`` and returns what each file is and
what must become of it: ``"load"`` (it loads), ``"fail"`` (it fails with a named reason, which
must contain ``reason`` when given) or ``"either"`` (damaged text may still read as a
document, or fail; either way the store must stay valid and the reason must be named).
"""

from __future__ import annotations

import codecs
import io
import os
import random
import socket
import zipfile
from dataclasses import dataclass
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "sample-corpus"
SEED = 19
#: Intact seeds loaded beside the damaged inputs: they must all load.
TEXTS = ["solihull_unannounced-inspection-letter_2011.txt", "solihull_lscb-review-section_2016.txt",
         "solihull_ilacs-action-plan_2020.txt"]
PDF = "solihull_focused-visit_2021-08-02.pdf"


@dataclass
class Case:
    name: str
    expect: str  # "load", "fail" or "either"
    reason: str | None = None  # words the failure reason must contain


def make_batch(folder: Path) -> list[Case]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    cases: list[Case] = []
    for name in TEXTS:
        data = (SAMPLE / name).read_bytes()
        (folder / name).write_bytes(data)
        cases.append(Case(name, "load"))
        cases += _text_mutations(folder, name, data, rng)
    cases += _encodings(folder, (SAMPLE / TEXTS[0]).read_bytes())
    cases += _big_and_empty(folder, rng)
    cases += _odd_names(folder)
    cases += _docx_cases(folder, (SAMPLE / TEXTS[0]).read_text(), rng)
    cases += _pdf_cases(folder, (SAMPLE / PDF).read_bytes(), rng)
    cases += _special_files(folder)
    return cases


def _write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


def _text_mutations(folder: Path, name: str, data: bytes, rng: random.Random) -> list[Case]:
    stem = name.removesuffix(".txt")
    blocks = data.split(b"\n\n")
    flipped = bytearray(data)
    for _ in range(30):
        flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
    deleted = blocks[:]
    del deleted[rng.randrange(len(deleted))]
    duplicated = blocks[:]
    duplicated.insert(rng.randrange(len(blocks)), blocks[rng.randrange(len(blocks))])
    shuffled = blocks[:]
    rng.shuffle(shuffled)
    nuls = bytearray(data)
    for _ in range(5):
        nuls.insert(rng.randrange(len(nuls)), 0)
    variants = {
        "truncated": data[: len(data) // 3], "flipped": bytes(flipped), "deleted-block": b"\n\n".join(deleted),
        "duplicated-block": b"\n\n".join(duplicated), "shuffled-blocks": b"\n\n".join(shuffled),
        "nuls": bytes(nuls),
    }
    cases = []
    for kind, mutated in variants.items():
        _write(folder, f"{stem}.{kind}.txt", mutated)
        cases.append(Case(f"{stem}.{kind}.txt", "fail" if kind == "nuls" else "either",
                          "NUL" if kind == "nuls" else None))
    return cases


def _encodings(folder: Path, data: bytes) -> list[Case]:
    """The same letter in every encoding a council export comes in; all load but the BOM-less UTF-32."""
    text = data.decode("utf-8")
    encoded = {
        "utf8-bom": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16le-bom": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "utf16be-bom": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf16le-nobom": text.encode("utf-16-le"),
        "utf32le-bom": codecs.BOM_UTF32_LE + text.encode("utf-32-le"),
        "utf32be-bom": codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
        "cp1252": text.replace("’", "'").encode("cp1252", "replace"),
    }
    cases = []
    for kind, payload in encoded.items():
        # Distinct content per copy is not needed: each is its own document, named by its file.
        _write(folder, f"letter-{kind}.txt", payload)
        cases.append(Case(f"letter-{kind}.txt", "load"))
    _write(folder, "letter-utf32le-nobom.txt", text.encode("utf-32-le"))
    cases.append(Case("letter-utf32le-nobom.txt", "fail", "NUL"))
    return cases


def _big_and_empty(folder: Path, rng: random.Random) -> list[Case]:
    _write(folder, "one-10mb-line.txt", b"inspection " * (10 * 2**20 // 11))
    _write(folder, "random-50mb.txt", rng.randbytes(50 * 2**20))
    _write(folder, "empty.txt", b"")
    _write(folder, "blank.txt", b" \n\t\n")
    return [Case("one-10mb-line.txt", "fail"), Case("random-50mb.txt", "fail"),
            Case("empty.txt", "fail", "empty"), Case("blank.txt", "fail", "empty")]


def _odd_names(folder: Path) -> list[Case]:
    """Names that a slug folds together, names outside ASCII, and a name that is not UTF-8."""
    letter, review, plan = ((SAMPLE / n).read_bytes() for n in TEXTS)
    long_stem = "solihull-children-services-inspection-report-" * 3
    named = [
        ("report 2019.txt", letter, Case("report 2019.txt", "load")),
        ("report_2019.txt", plan, Case("report_2019.txt", "fail", "report 2019.txt")),
        ("日本語.txt", letter, Case("日本語.txt", "load")),
        ("📄.txt", plan, Case("📄.txt", "load")),
        (long_stem + "a.txt", letter, Case(long_stem + "a.txt", "load")),
        (long_stem + "b.txt", review, Case(long_stem + "b.txt", "load")),
        ("-leading dash & (brackets) 'quotes'.txt", review, Case("-leading dash & (brackets) 'quotes'.txt", "load")),
    ]
    for name, data, _ in named:
        _write(folder, name, data)
    raw = os.fsencode(folder) + b"/caf\xe9-latin1-name.txt"  # not UTF-8: a Latin-1 file name
    with open(raw, "wb") as file:
        file.write(review)
    return [case for _, _, case in named] + [Case(os.fsdecode(b"caf\xe9-latin1-name.txt"), "load")]


def _docx_cases(folder: Path, text: str, rng: random.Random) -> list[Case]:
    import docx

    document = docx.Document()
    for paragraph in text.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    good = buffer.getvalue()
    _write(folder, "letter.docx", good)
    _write(folder, "letter.truncated.docx", good[: len(good) // 2])
    _write(folder, "letter.bad-deflate.docx", _damaged_deflate(good, rng))
    _write(folder, "letter.bad-xml.docx", _replaced_part(good, b"<w:document><w:body><w:p>unclosed"))
    deep = b"<a>" * 20000 + b"</a>" * 20000
    _write(folder, "letter.deep-xml.docx", _replaced_part(good, deep))
    _write(folder, "not-really.docx", text.encode())
    return [Case("letter.docx", "load"), Case("letter.truncated.docx", "fail", "Word"),
            Case("letter.bad-deflate.docx", "fail", "Word"), Case("letter.bad-xml.docx", "fail", "Word"),
            Case("letter.deep-xml.docx", "fail", "Word"), Case("not-really.docx", "fail", "Word")]


def _damaged_deflate(data: bytes, rng: random.Random) -> bytes:
    """Flip bytes inside word/document.xml's compressed data, keeping the zip's directory intact."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(data)
    for offset in rng.sample(range(start + 10, start + info.compress_size - 10), 40):
        damaged[offset] ^= 0xFF
    return bytes(damaged)


def _replaced_part(data: bytes, document_xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            payload = document_xml if item.filename == "word/document.xml" else source.read(item.filename)
            target.writestr(item.filename, payload)
    return out.getvalue()


def _pdf_cases(folder: Path, data: bytes, rng: random.Random) -> list[Case]:
    import pikepdf  # a test dependency (setup.cfg, extra "test")

    _write(folder, "visit.pdf", data)
    _write(folder, "visit.truncated.pdf", data[: len(data) // 2])
    flipped = bytearray(data)
    for _ in range(40):
        flipped[rng.randrange(len(flipped) // 4, len(flipped))] ^= 1 << rng.randrange(8)
    _write(folder, "visit.flipped.pdf", bytes(flipped))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(folder / "visit.encrypted.pdf", encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.Root.OpenAction = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Action, S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('hello');")))
        pdf.save(folder / "visit.javascript.pdf")
    _write(folder, "text-named.pdf", (SAMPLE / TEXTS[0]).read_bytes())
    return [Case("visit.pdf", "load"), Case("visit.truncated.pdf", "fail", "PDF"),
            Case("visit.flipped.pdf", "either"), Case("visit.encrypted.pdf", "fail", "password"),
            Case("visit.javascript.pdf", "load"), Case("text-named.pdf", "fail", "PDF")]


def _special_files(folder: Path) -> list[Case]:
    """A named pipe, a socket, a device, and broken and looping links: reported, never waited on."""
    os.mkfifo(folder / "pipe.txt")
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(folder / "socket.txt"))
    listener.close()  # the socket file stays
    (folder / "device.txt").symlink_to("/dev/zero")
    (folder / "dangling.txt").symlink_to("nowhere.txt")
    (folder / "loop.txt").symlink_to("loop.txt")
    return [Case("pipe.txt", "fail", "named pipe"), Case("socket.txt", "fail", "socket"),
            Case("device.txt", "fail", "character device"), Case("dangling.txt", "fail", "broken symbolic link"),
            Case("loop.txt", "fail", "loop")]
