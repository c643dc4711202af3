"""A small store for the review station's tests, made once per test module.

Letters drawn here (so that where each customer number was drawn is known): a
born-digital PDF (reportlab), scans at 200 and 300 dpi, and a scan fed in turned a
quarter, all read by the real pipeline into a real SQLite store.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pipeline.context import Context, Settings
from pipeline.orchestrator import process_inbox
from pipeline.review.auth import add_user
from pipeline.review.db import connect, prepare

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
A4 = (8.27, 11.69)  # inches
LEFT, TOP, LINE, SIZE = 1.0, 1.0, 0.30, 12  # inches, inches, inches, points
PASSWORD = "correct horse battery"


def letter_lines(customer: str, contract: str, with_contract: bool = True) -> list[str]:
    lines = [
        "SARL Dupont Plomberie", "12 rue des Lilas", "69003 Lyon", "",
        "Orange Service Clients", "TSA 20001", "59878 Lille Cedex 9", "",
        "Lyon, le 3 mars 2025", "",
        "Lettre recommandée avec accusé de réception",
        "Objet : résiliation de ma ligne fixe", "",
        "Madame, Monsieur,",
        "Je soussigné Jean Dupont, gérant de la SARL Dupont Plomberie,",
        "vous demande la résiliation de mon contrat de ligne fixe.",
        f"Numéro client : {customer}",
    ]
    if with_contract:
        lines.append(f"Numéro de contrat : {contract}")
    lines += ["Date de souscription : 12/04/2019", "",
              "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.", "",
              "Jean Dupont"]
    return lines


@dataclass(frozen=True)
class Drawn:
    """A letter file, and where its customer number was drawn (fractions of the page)."""

    name: str
    customer: str
    box: tuple[float, float, float, float]


def _number_box(lines: list[str], customer: str, measure) -> tuple[float, ...]:  # noqa: ANN001
    """Fractions of the upright page covered by the digits of the customer number."""
    i = next(n for n, line in enumerate(lines) if line.startswith("Numéro client"))
    prefix = lines[i][: lines[i].index(customer)]
    x0 = LEFT + measure(prefix)
    x1 = x0 + measure(customer)
    y_base = TOP + i * LINE
    return (x0 / A4[0], (y_base - SIZE * 0.75 / 72) / A4[1], x1 / A4[0], y_base / A4[1])


def born_digital(path: Path, lines: list[str]) -> None:
    from reportlab.lib.pagesizes import A4 as A4_PT
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "DejaVuSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=A4_PT)
    c.setFont("DejaVuSerif", SIZE)
    for i, line in enumerate(lines):
        c.drawString(LEFT * 72, A4_PT[1] - (TOP + i * LINE) * 72, line)
    c.showPage()
    c.save()


def scan(lines: list[str], dpi: int) -> Image.Image:
    img = Image.new("L", (round(A4[0] * dpi), round(A4[1] * dpi)), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, round(SIZE * dpi / 72))
    for i, line in enumerate(lines):
        draw.text((LEFT * dpi, (TOP + i * LINE) * dpi), line, font=font, fill=0, anchor="ls")
    return img


def measure_pdf(text: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, "DejaVuSerif", SIZE) / 72


def measure_scan(text: str, dpi: int = 300) -> float:
    font = ImageFont.truetype(FONT, round(SIZE * dpi / 72))
    return font.getlength(text) / dpi


def make_inbox(inbox: Path) -> list[Drawn]:
    """Four flagged letters (none is signed by hand), as the four kinds of page."""
    inbox.mkdir(parents=True, exist_ok=True)
    drawn = []
    lines = letter_lines("482915306", "CTR-2019-505948")
    born_digital(inbox / "a_born_digital.pdf", lines)
    drawn.append(Drawn("a_born_digital.pdf", "482915306",
                       _number_box(lines, "482915306", measure_pdf)))
    lines = letter_lines("517204938", "CTR-2020-118833", with_contract=False)
    scan(lines, 200).save(inbox / "b_scan_200dpi.png", dpi=(200, 200))
    drawn.append(Drawn("b_scan_200dpi.png", "517204938",
                       _number_box(lines, "517204938", lambda t: measure_scan(t, 200))))
    lines = letter_lines("630118274", "CTR-2018-774411")
    scan(lines, 300).save(inbox / "c_scan_300dpi.tif", dpi=(300, 300), compression="tiff_lzw")
    drawn.append(Drawn("c_scan_300dpi.tif", "630118274",
                       _number_box(lines, "630118274", measure_scan)))
    lines = letter_lines("771355902", "CTR-2017-300512")
    # fed into the scanner a quarter turn clockwise: mailroom turns it back
    scan(lines, 300).rotate(-90, expand=True).save(inbox / "d_scan_turned.png", dpi=(300, 300))
    drawn.append(Drawn("d_scan_turned.png", "771355902",
                       _number_box(lines, "771355902", measure_scan)))
    return drawn


def build(root: Path, extra: dict[str, bytes] | None = None,
          crm: str = "") -> tuple[Path, Path, list[Drawn]]:
    """inbox and out under ``root``, processed by the real pipeline, with two users:
    clerk ``alice`` (and ``carol``) and supervisor ``sam``, all with PASSWORD.

    ``crm``: the text of a CRM extract (CSV), written beside the inbox and given to
    the run as ``mailroom process --crm`` would.
    """
    inbox, out = root / "inbox", root / "out"
    drawn = make_inbox(inbox)
    for name, data in (extra or {}).items():
        (inbox / name).write_bytes(data)
    extract = None
    if crm:
        from pipeline.crm import load_crm

        (root / "crm.csv").write_text(crm, encoding="utf-8")
        extract = load_crm(root / "crm.csv")
    process_inbox(inbox, out, Context(Settings(workers=2), crm=extract))
    prepare(out / "mailroom.sqlite")
    db = connect(out / "mailroom.sqlite")
    for name, role in (("alice", "clerk"), ("carol", "clerk"), ("sam", "supervisor")):
        add_user(db, name, PASSWORD, role)
    db.close()
    return inbox, out, drawn
