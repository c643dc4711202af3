"""Which kind of mail this is, in which language, and how sure the answer is.

A termination letter is a request to end a contract, however it is worded
(docs/rules.md).  Mentioning termination is not enough: each sentence that names
an end ("résilier", "rozwiązanie umowy", "cancel") is read for what it does.  It is
a request when a first-person or polite frame carries it ("je vous prie de", "merci
de", "proszę o", "please", "I hereby") or when it is the subject of the letter; it
is not one when it is denied, conditional, a threat or a question.  A document
whose sentences leave the question open is flagged for a clerk (``uncertain``):
a termination letter passed as other mail is the worst error the mailroom can make.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .layout import Layout
from .lexicon import Lexicon, cue, mend_words
from .normalise import fold
from .records import Classification

SUBJECT = cue("subject")
# A verb of ending whose object is a contract, an option or a line, however the phrase
# runs ("je vous demande de l'arrêter", "fermeture de ligne", "to end my fixed line").
END_VERB = cue("end_verb")
CONTRACT_NOUN = cue("contract_noun")
# Polish says "I" in the verb: "wypowiadam", "rezygnuję", "rozwiązuję" ask by themselves.
PERFORMATIVE = re.compile(r"(?:am|em|uj[eę]|[eę])$")
# "je ne souhaite pas résilier", "I do not wish to end", "nie chcę wypowiadać"
NEGATED = cue("negated")
# An end in the future or the conditional is a threat ("je résilierai", "I will cancel",
# "j'envisagerai de ... résilier"), not a request.
FUTURE_WORD = re.compile(r"(?:er|ir|ettr)(?:ai|as|a|ons|ont|ais|ait|aient)$")  # mettrai
FUTURE_BEFORE = cue("future_before")
FIRST_PERSON = cue("first_person")
# Polite words that are no condition: "s'il vous plaît", "si possible", "if possible".
POLITE = cue("polite")
# Porting cues that only a porting request uses: the generic "new operator" is also
# the reason given in many termination letters.
GENERIC_PORTING = cue("generic_porting")
# Keeping or moving one's number to another operator, however it is put ("keep my
# mobile number", "transfer (port) it", "conserver mon numéro")
NUMBER_MOVE = cue("number_move")
POLITE_QUESTION = cue("polite_question")
# An operator offering to move the reader's number ("we handle the porting for you")
SELLER_VOICE = cue("seller_voice")
HOW_QUESTION = cue("how_question")
OCR_DOUBT = 0.8  # mean word confidence under which a reading is doubtful (clean: > 0.88)
# An end that is the reader's, a few words after "your": the operator writing to its
# customer ("Objet : votre facture de clôture", "your cancellation"), not a request.
YOURS = re.compile(r"\b(?:votre|vos|your)\s+(?:(?!(?:je|j|i|nous|we|pour|to)\b)\w+\s+){0,2}$")


@dataclass(frozen=True)
class Reading:
    """What the sentences of one document do about ending a contract."""

    requests: int  # sentences asking to end something
    mentions: int  # sentences naming an end without asking for it
    unexplained: int  # mentions that are neither denied, conditional, threats nor questions
    subject: bool  # the subject line names an end
    porting: int  # sentences asking to port a number


def language(text: str, lex: Lexicon) -> str:
    """fr, pl or en by counting each language's common words; '' when too little text."""
    words = re.findall(r"[^\W\d_]+", fold(text).lower())
    counts = {lang: sum(w in stop for w in words) for lang, stop in lex.stopwords.items()}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= 3 else ""


def _ends(sentence: str, lex: Lexicon) -> list[re.Match[str]]:
    """Where a sentence names an end of contract (the researched phrases, and the
    lexicon's patterns that survive OCR slips such as 'Rósiliation')."""
    found = list(lex.doc_keywords["termination"].finditer(sentence))
    if not lex.vocabulary("intent", "end_words").isdisjoint(re.findall(r"[a-z]{5,}", sentence)):
        found += list(lex.phrases("intent", "end_words").finditer(sentence))
    if CONTRACT_NOUN.search(sentence):
        found += list(END_VERB.finditer(sentence))
    return found


def _is_request(key: str, start: int, lex: Lexicon) -> bool:
    before = key[:start]
    if lex.phrases("intent", "request_frames").search(key):
        return True
    word = re.match(r"\w+", key[start:])
    if word and word.group().startswith(("wypowiad", "rezygnuj", "rozwiazuj", "odstepuj")) \
            and PERFORMATIVE.search(word.group()):
        return True
    return bool(FIRST_PERSON.search(before))


ASKING_FRAME = cue("asking_frame")
SMALL_WORDS = cue("small_words")


def _broken_request(key: str) -> bool:
    """A sentence asks for something done to a contract, but OCR broke the verb: "je
    vous demande de r roma ligne".  Between the asking words and the contract's noun
    stand at most three words, one of them a fragment (a letter or two that is no
    small word of its own, or a word with signs inside)."""
    for frame in ASKING_FRAME.finditer(key):
        rest = key[frame.end():frame.end() + 60]
        noun = CONTRACT_NOUN.search(rest)
        if not noun:
            continue
        slot = [t for t in rest[:noun.start()].split() if not SMALL_WORDS.match(t)]
        if 0 < len(slot) <= 3 and any(
                (len(t) <= 2 and t.isalpha()) or re.search(r"[a-z][^a-z'.,]+[a-z]", t)
                for t in slot):
            return True
    return False


def _heading(key: str, start: int) -> bool:
    """A short line that names an end and nothing else: the letter's title.  Not a row
    of a table of figures ("orders cancelled 42 7 49"), nor a state ("flights
    cancelled", "contract terminated": what a report or a confirmation says)."""
    words = re.findall(r"\w+", key)
    end = re.match(r"\w+", key[start:])
    return len(words) <= 6 and sum(w.isdigit() for w in words) <= 1 \
        and not (end and end.group().endswith("ed")) and not re.search(r"[.?!]\s*$", key)


def _explained(key: str, start: int, lex: Lexicon) -> bool:
    """The end is denied, or a condition, a threat or a question comes before it: it is
    not requested ("si rien ne change, je résilierai" is not; "merci de résilier et de
    me dire si des frais restent dus" is)."""
    before = POLITE.sub(" ", key[:start])
    end = re.match(r"\w+", key[start:])
    future = (end and FUTURE_WORD.search(end.group())) or FUTURE_BEFORE.search(before)
    # French wraps the verb in its negation: "je ne résilie pas", "je n'arrête plus"
    denial = re.match(r"\w+\s+(?:pas|plus|jamais|point)\b", key[start:]) \
        if re.search(r"\bn(?:e\s+|')$", before) else None
    # ... unless another end follows ("je ne résilie pas le mobile mais je résilie le fixe")
    wrapped = denial is not None and not _ends(key[start + denial.end():], lex)
    return bool(future or wrapped or NEGATED.search(before)
                or lex.phrases("intent", "negation").search(key)
                or _asks_a_question(key)
                or any(lex.phrases("intent", cue).search(before)
                       for cue in ("conditional", "threat", "question")))


def _asks_a_question(key: str) -> bool:
    """A question, not a polite request put as one ("could you please port it?" asks
    for an act; "pourriez-vous me dire comment résilier ?" asks how)."""
    return key.rstrip().endswith("?") and not (
        POLITE_QUESTION.search(key) and not HOW_QUESTION.search(key))


def read_sentences(layout: Layout, lex: Lexicon) -> Reading:
    requests = mentions = unexplained = porting = 0
    subject = False
    for n, sentence in enumerate(layout.sentences):
        # OCR reads a lone "I" as a bar: "| am writing to end my line", and misreads
        # a letter of an end word: "ciôturer mon compte"
        key = mend_words(re.sub(r"(?<!\S)[|!](?=\s)", "i", fold(sentence).lower()),
                         lex.end_words_to_mend)
        ports = [m for m in lex.phrases("intent", "porting").finditer(key)
                 if not GENERIC_PORTING.search(m.group())] + list(NUMBER_MOVE.finditer(key))
        ports.sort(key=lambda m: m.start())
        if ports and not SELLER_VOICE.search(key) \
                and not _explained(key, ports[0].start(), lex) and (
                _is_request(key, ports[0].start(), lex) or SUBJECT.search(key)):
            porting += 1
        ends = _ends(key, lex)
        if not ends:
            if _broken_request(key):
                unexplained += 1  # it may ask to end it: a clerk reads it
            continue
        start = min(m.start() for m in ends)
        if _explained(key, start, lex):
            mentions += 1
        elif YOURS.search(key[:start]) and not re.match(r"(?:je|j'|i|we|nous)\b", key[start:]):
            # the reader's end ("votre facture de clôture"): the operator writes; a clerk
            # still reads it, as any end that is not asked for
            mentions += 1
            unexplained += 1
        elif SUBJECT.search(key) or (n < layout.first_page_sentences and _heading(key, start)):
            subject = True
        elif _is_request(key, start, lex):
            requests += 1
        else:
            mentions += 1
            unexplained += 1
    return Reading(requests, mentions, unexplained, subject, porting)


# The words for ending a contract that OCR garbles most often into near misses
# ("ésitiation", "wypowiedzenle"): a near miss means a clerk must read the letter.
END_NOUNS = ("resiliation", "resilier", "wypowiedzenie", "rozwiazanie", "termination",
             "cancellation")


def _garbled_end(key: str) -> bool:
    return any(set(difflib.get_close_matches(word, END_NOUNS, n=1, cutoff=0.85)) - {word}
               for word in set(re.findall(r"[a-z]{7,}", key)))


def _doubtful_reading(layout: Layout) -> bool:
    """OCR was unsure of most of what it read: a garbled scan or handwriting.

    Tesseract's own confidence counts where a second reader read the page again: it
    mends the lines it reads better, and leaves garbled the ones it does not.
    """
    words = [w for p in layout.doc.pages for ln in p.lines for w in ln.words]
    if not words or layout.doc.engine == "text_layer":
        return False
    firsts = [p.first_confidence for p in layout.doc.pages if p.first_confidence is not None]
    return min([sum(w.conf for w in words) / len(words), *firsts]) < OCR_DOUBT


def classify(layout: Layout, lex: Lexicon) -> Classification:
    """termination_letter, invoice or other; porting requests are 'other' with a flag;
    ``uncertain`` when a clerk must tell."""
    text = fold(layout.text)
    lang = language(text, lex)
    key = text.lower()
    r = read_sentences(layout, lex)
    # an invoice says so on its first pages; "amount due" twice in a 50-page booklet
    # of instructions does not make it one
    opening = fold("\n".join(ln.text for p in layout.pages[:2] for ln in p.lines))
    # distinct cues: a bank's letter about a rejected debit says "prélèvement" twice
    invoice = len({re.sub(r"\W+", " ", m.lower())
                   for m in lex.doc_keywords["invoice"].findall(opening)})
    advert = len(lex.phrases("intent", "advert").findall(key))
    # the operator writing to its customer ("nous accusons réception ... cher client");
    # one salutation alone is also how customers greet "Dear Customer Services"
    operator = len(lex.phrases("intent", "operator_voice").findall(key)) >= 2
    scores = (("advert", advert), ("invoice", invoice), ("mentions", r.mentions),
              ("porting", r.porting), ("requests", r.requests), ("subject", int(r.subject)),
              ("unexplained", r.unexplained))
    asks = r.requests + int(r.subject)
    if r.porting and not operator and advert < 3:
        return Classification("other", lang, porting=True, scores=scores)
    if invoice >= 2 and not asks:
        return Classification("invoice", lang, scores=scores)
    if asks and not operator and not (advert >= 3 and not r.requests):
        return Classification("termination_letter", lang, scores=scores)
    if advert >= 3 and not r.requests:
        # an advert names ends and ports in its own voice ("we handle the termination")
        return Classification("other", lang, scores=scores)
    uncertain = bool(r.unexplained) or (asks > 0) or (invoice < 2 and (
        _doubtful_reading(layout) or (not r.mentions and _garbled_end(key))))
    return Classification("other", lang, scores=scores, uncertain=uncertain)
