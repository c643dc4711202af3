"""The answer to a rejected letter, in the customer's language (fr, pl, en).

It says what is missing or wrong, following shared/domain.md: the 9-digit customer
number (printed on the left side of every Orange invoice), the contract number, the
subscription date, the TSA address that serves the contract type, a signature by
the holder. A porting request is told that no letter is needed. The clerk edits the
draft before downloading it as a PDF.
"""

from __future__ import annotations

import io
from pathlib import Path

from .letter import Letter

FIXED_ADDRESS = "Orange Service Clients, TSA 20001, 59878 Lille Cedex 9"
INTERNET_ADDRESS = "Orange Service Clients, TSA 10018, 59878 Lille Cedex 9"

TEXTS: dict[str, dict[str, str]] = {
    "fr": {
        "greeting": "Madame, Monsieur,",
        "received": "Nous avons bien reçu votre courrier{dated} concernant la résiliation de "
                    "votre contrat Orange Pro. Nous ne pouvons pas le traiter en l'état, pour "
                    "les raisons suivantes :",
        "customer_number": "votre numéro client à 9 chiffres n'y figure pas ou est incomplet : "
                           "il est imprimé sur la partie gauche de chacune de vos factures "
                           "Orange ;",
        "contract_number": "le numéro du contrat à résilier n'y figure pas ;",
        "subscription_date": "la date de souscription du contrat n'y figure pas ou n'est pas "
                             "valable ;",
        "address": "le courrier doit être adressé, pour une ligne fixe seule, à "
                   f"{FIXED_ADDRESS} ; pour une offre Open ou Internet, à {INTERNET_ADDRESS} ;",
        "contract_type": "merci de préciser le type de contrat (ligne fixe, Internet ou Open, "
                         "mobile) afin que votre demande soit envoyée au bon service ;",
        "signature": "le courrier doit être signé par le titulaire du contrat ;",
        "holder": "seul le titulaire du contrat, ou le représentant légal de la société "
                  "titulaire, peut demander la résiliation ;",
        "resend": "Merci de nous adresser un nouveau courrier complet, par lettre recommandée "
                  "avec accusé de réception, ou de faire votre demande depuis votre espace "
                  "client.",
        "porting": "Votre courrier demande la portabilité de votre numéro : aucune lettre de "
                   "résiliation n'est nécessaire. Demandez votre code RIO (12 caractères) en "
                   "appelant le 3179 depuis votre ligne fixe ou le 416 depuis votre mobile, "
                   "puis communiquez-le à votre nouvel opérateur : il s'occupe du reste, et la "
                   "résiliation se fait automatiquement le jour du transfert.",
        "contact": "Notre service clients reste à votre disposition au 3901.",
        "closing": "Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.",
        "signed": "Le service clients Orange Pro",
    },
    "en": {
        "greeting": "Dear Sir or Madam,",
        "received": "We have received your letter{dated} about the termination of your Orange "
                    "Pro contract. We cannot process it as it stands, for these reasons:",
        "customer_number": "your 9-digit customer number is missing or incomplete: it is "
                           "printed on the left side of every Orange invoice;",
        "contract_number": "the number of the contract to terminate is missing;",
        "subscription_date": "the contract's subscription date is missing or not valid;",
        "address": f"the letter must be sent, for a fixed telephone line only, to "
                   f"{FIXED_ADDRESS}; for an Open bundle or Internet, to {INTERNET_ADDRESS};",
        "contract_type": "please state the type of contract (fixed line, Internet or Open, "
                         "mobile) so that your request reaches the right department;",
        "signature": "the letter must be signed by the contract holder;",
        "holder": "only the contract holder, or the legal representative of the company that "
                  "holds it, may ask for its termination;",
        "resend": "Please send us a new, complete letter by registered post with "
                  "acknowledgement of receipt, or make your request from your customer area "
                  "online.",
        "porting": "Your letter asks to port your number: no termination letter is needed. "
                   "Get your RIO code (12 characters) by calling 3179 from your fixed line or "
                   "416 from your mobile, and give it to your new operator: they do the rest, "
                   "and the contract ends automatically on the day of the transfer.",
        "contact": "Our customer service is available on 3901.",
        "closing": "Yours faithfully,",
        "signed": "Orange Pro customer service",
    },
    "pl": {
        "greeting": "Szanowni Państwo,",
        "received": "Otrzymaliśmy Państwa pismo{dated} dotyczące rozwiązania umowy Orange Pro. "
                    "Nie możemy go rozpatrzyć w obecnej formie z następujących powodów:",
        "customer_number": "brak 9-cyfrowego numeru klienta lub jest on niepełny: numer ten "
                           "jest wydrukowany po lewej stronie każdej faktury Orange;",
        "contract_number": "brak numeru umowy, która ma zostać rozwiązana;",
        "subscription_date": "brak daty zawarcia umowy lub data jest nieprawidłowa;",
        "address": f"pismo należy wysłać, w przypadku samej linii stacjonarnej, na adres "
                   f"{FIXED_ADDRESS}; w przypadku oferty Open lub Internetu, na adres "
                   f"{INTERNET_ADDRESS};",
        "contract_type": "prosimy o wskazanie rodzaju umowy (linia stacjonarna, Internet lub "
                         "Open, komórka), aby wniosek trafił do właściwego działu;",
        "signature": "pismo musi być podpisane przez posiadacza umowy;",
        "holder": "o rozwiązanie umowy może wnioskować wyłącznie jej posiadacz lub prawny "
                  "przedstawiciel firmy, która jest jej posiadaczem;",
        "resend": "Prosimy o przesłanie nowego, kompletnego pisma listem poleconym za "
                  "potwierdzeniem odbioru lub o złożenie wniosku w strefie klienta online.",
        "porting": "Państwa pismo dotyczy przeniesienia numeru: pismo o rozwiązanie umowy nie "
                   "jest potrzebne. Kod RIO (12 znaków) można uzyskać, dzwoniąc pod numer 3179 "
                   "z linii stacjonarnej lub 416 z telefonu komórkowego, i przekazać go nowemu "
                   "operatorowi: zajmie się on resztą, a umowa zostanie rozwiązana "
                   "automatycznie w dniu przeniesienia.",
        "contact": "Nasze biuro obsługi klienta jest do Państwa dyspozycji pod numerem 3901.",
        "closing": "Z poważaniem",
        "signed": "Biuro obsługi klienta Orange Pro",
    },
}
DATED = {"fr": " du {date}", "en": " of {date}", "pl": " z dnia {date}"}
# which paragraph answers which flag
REASON_FOR_FLAG = {
    "missing_customer_number": "customer_number", "invalid_customer_number": "customer_number",
    "missing_contract_number": "contract_number",
    "missing_subscription_date": "subscription_date",
    "invalid_subscription_date": "subscription_date",
    "wrong_address": "address", "unknown_contract_type": "contract_type",
    "missing_signature": "signature", "not_holder": "holder",
}


def language_of(letter: Letter) -> str:
    return letter.language if letter.language in TEXTS else "fr"


def draft(letter: Letter) -> str:
    """The reply a clerk starts from, in the letter's language."""
    lang = language_of(letter)
    t = TEXTS[lang]
    date = letter.value("letter_date")
    head = [name for name in (letter.value("company_name"), letter.value("holder_name")) if name]
    if letter.value("customer_number"):
        head.append({"fr": "Numéro client", "en": "Customer number",
                     "pl": "Numer klienta"}[lang] + f" : {letter.value('customer_number')}")
    parts = ["\n".join(head), t["greeting"]] if head else [t["greeting"]]
    flags = letter.open_flags()
    if "porting_request" in flags:
        parts.append(t["porting"])
    else:
        reasons: list[str] = []
        for code in flags:
            reason = REASON_FOR_FLAG.get(code)
            if reason and t[reason] not in reasons:
                reasons.append(t[reason])
        dated = DATED[lang].format(date=date) if date else ""
        parts.append(t["received"].format(dated=dated))
        parts.append("\n".join(f"- {r}" for r in reasons or [t["holder"]]))
        parts.append(t["resend"])
    parts += [t["contact"], t["closing"], t["signed"]]
    return "\n\n".join(p for p in parts if p)


_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def pdf(text: str, title: str) -> bytes:
    """The reply as an A4 PDF (DejaVu Sans where installed: Polish letters print)."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    font = "Helvetica"
    if _FONT.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(_FONT)))
        font = "DejaVuSans"
    style = ParagraphStyle("reply", fontName=font, fontSize=10.5, leading=14)
    story: list = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        story.append(Paragraph(escape(block).replace("\n", "<br/>"), style))
        story.append(Spacer(1, 4 * mm))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="Orange Pro",
                            leftMargin=25 * mm, rightMargin=25 * mm, topMargin=30 * mm)
    doc.build(story)
    return out.getvalue()
