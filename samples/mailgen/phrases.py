"""The generator's own wording, per language.

These tables are written the way customers write, not the way the extractor reads:
each field has several labels, sentences come in several forms, and some letters
carry a field only inside a sentence.  Placeholders in braces are filled by
``content.py``.
"""

from __future__ import annotations

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    # Polish dates use the genitive: "12 marca 2021".
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
           "sierpnia", "września", "października", "listopada", "grudnia"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}

# Labels that introduce a field in a "references" block ("N° client : 482 915 306").
LABELS = {
    "fr": {
        "customer": ["N° client", "Numéro client", "Numéro de client", "Référence client",
                     "N° de client", "Identifiant client", "Mon numéro client", "Client n°"],
        "contract": ["N° de contrat", "Numéro de contrat", "Référence du contrat",
                     "Contrat n°", "Réf. contrat", "N° contrat", "Référence de l'abonnement"],
        "subscription": ["Date de souscription", "Souscrit le", "Date d'abonnement",
                         "Date de signature du contrat", "Abonné depuis le",
                         "Date de début du contrat", "Date de souscription du contrat"],
    },
    "pl": {
        "customer": ["Numer klienta", "Nr klienta", "Numer klienta Orange", "Nr kl."],
        "contract": ["Numer umowy", "Nr umowy", "Umowa nr", "Numer kontraktu"],
        "subscription": ["Data zawarcia umowy", "Data podpisania umowy", "Umowa zawarta dnia",
                         "Data subskrypcji"],
    },
    "en": {
        "customer": ["Customer number", "Customer No.", "Customer ref.", "Client number",
                     "Customer reference"],
        "contract": ["Contract number", "Contract No.", "Contract ref.", "Agreement number"],
        "subscription": ["Subscription date", "Date of subscription", "Subscribed on",
                         "Start date of contract", "Contract signed on"],
    },
}

# The same facts inside a sentence, for letters with no references block.
INLINE = {
    "fr": {
        "customer": ["Mon numéro client est le {v}.", "Je suis client sous le numéro {v}.",
                     "(numéro client {v})", "Vous trouverez mon numéro de client : {v}."],
        "contract": ["Il s'agit du contrat n° {v}", "Le contrat concerné porte la référence {v}",
                     "contrat numéro {v}"],
        "subscription": ["souscrit le {v}", "que j'ai souscrit en date du {v}",
                         "signé le {v}"],
    },
    "pl": {
        "customer": ["Mój numer klienta to {v}.", "(numer klienta {v})"],
        "contract": ["Chodzi o umowę nr {v}", "umowa o numerze {v}"],
        "subscription": ["zawartą w dniu {v}", "zawartą dnia {v}"],
    },
    "en": {
        "customer": ["My customer number is {v}.", "(customer number {v})"],
        "contract": ["This is contract number {v}", "The contract reference is {v}"],
        "subscription": ["which I took out on {v}", "signed on {v}"],
    },
}

SUBJECT = {
    "fr": ["Objet : Résiliation de mon contrat", "Objet : demande de résiliation",
           "OBJET : RÉSILIATION ABONNEMENT ORANGE PRO", "Objet : Résiliation",
           "Objet : résiliation de l'abonnement {what}", "Objet : fin de contrat"],
    "pl": ["Dotyczy: wypowiedzenie umowy", "Temat: rozwiązanie umowy",
           "Wypowiedzenie umowy abonenckiej"],
    "en": ["Re: Termination of my contract", "Subject: contract termination",
           "Notice of termination"],
}

REGISTERED = {
    "fr": ["Lettre recommandée avec accusé de réception", "LRAR", "Recommandé avec AR",
           "Envoi en recommandé A/R"],
    "pl": ["List polecony za potwierdzeniem odbioru", "Polecony z ZPO"],
    "en": ["Registered letter with acknowledgement of receipt", "By recorded delivery"],
}

GREETING = {
    "fr": ["Madame, Monsieur,", "Madame, Monsieur,", "Bonjour,", "Messieurs,"],
    "pl": ["Szanowni Państwo,", "Dzień dobry,"],
    "en": ["Dear Sir or Madam,", "Dear Sirs,", "To whom it may concern,"],
}

# The sentence that asks to end the contract (or only an option of it).
REQUEST = {
    "fr": ["Par la présente, je vous informe de ma décision de résilier {what}.",
           "Je vous prie de bien vouloir procéder à la résiliation de {what}.",
           "Je souhaite mettre fin à {what} dans les meilleurs délais.",
           "Par ce courrier, je demande la résiliation de {what}.",
           "Je vous notifie par la présente la résiliation de {what}, conformément aux "
           "conditions générales de vente."],
    "pl": ["Niniejszym wypowiadam {what}.",
           "Z dniem dzisiejszym wypowiadam {what}.",
           "Uprzejmie informuję, że wypowiadam {what}."],
    "en": ["I hereby give notice to terminate {what}.",
           "Please accept this letter as formal notice to cancel {what}.",
           "I am writing to end {what}."],
}

# What is being ended, by contract kind; "option" variants end only an option.
WHAT = {
    "fr": {
        "fixed": ["ma ligne téléphonique fixe", "mon abonnement de téléphonie fixe",
                  "ma ligne fixe professionnelle n° {phone}", "mon contrat de ligne fixe"],
        "internet": ["mon abonnement Internet Pro", "mon accès Internet (Livebox Pro)",
                     "mon abonnement fibre Orange Pro", "mon contrat d'accès à Internet"],
        "open": ["mon offre Open Pro", "mon forfait Open", "mon abonnement Open (fixe, "
                 "Internet et mobile)"],
        "mobile": ["mon forfait mobile Pro", "ma ligne mobile {mobile}",
                   "mon abonnement mobile"],
        "unclear": ["mon abonnement Orange Pro", "mon contrat", "l'ensemble de mes services"],
        "option_fixed": ["l'option Messagerie vocale de ma ligne fixe",
                         "l'option Renvoi d'appel de ma ligne fixe"],
        "option_internet": ["l'option TV de mon accès Internet",
                            "l'option Sécurité de mon abonnement Internet"],
        "option_open": ["l'option TV de mon offre Open"],
    },
    "pl": {
        "fixed": ["umowę na linię telefonii stacjonarnej", "umowę na telefon stacjonarny"],
        "internet": ["umowę na usługę dostępu do Internetu", "umowę na Internet światłowodowy"],
        "open": ["umowę na pakiet Open", "pakiet Orange Open"],
        "mobile": ["umowę na abonament komórkowy", "umowę na telefon komórkowy {mobile}"],
        "unclear": ["umowę z Orange Pro", "moją umowę"],
        "option_fixed": ["opcję poczty głosowej na linii stacjonarnej"],
        "option_internet": ["opcję TV w ramach usługi Internet"],
        "option_open": ["opcję TV pakietu Open"],
    },
    "en": {
        "fixed": ["my fixed telephone line", "my landline contract", "my fixed line {phone}"],
        "internet": ["my Internet access contract", "my broadband subscription",
                     "my fibre Internet contract"],
        "open": ["my Open bundle", "my Orange Open package"],
        "mobile": ["my mobile plan", "my mobile line {mobile}"],
        "unclear": ["my Orange Pro contract", "my subscription"],
        "option_fixed": ["the voicemail option on my fixed line"],
        "option_internet": ["the TV option of my Internet contract"],
        "option_open": ["the TV option of my Open bundle"],
    },
}

FILLER = {
    "fr": ["Je vous remercie de bien vouloir me faire parvenir une confirmation écrite de "
           "cette résiliation ainsi que la facture de clôture.",
           "Je vous serais reconnaissant de m'adresser le bon de retour E-Chronopass pour "
           "le matériel loué.",
           "Merci de prendre en compte cette demande à compter du {effective}.",
           "Je reste joignable au {phone} pour toute question.",
           "Je vous remercie de m'indiquer les éventuels frais de résiliation anticipée.",
           "Nous cessons notre activité professionnelle et n'avons plus l'usage de ce "
           "service."],
    "pl": ["Proszę o pisemne potwierdzenie rozwiązania umowy.",
           "Proszę o przesłanie faktury końcowej.",
           "Wypowiedzenie proszę uwzględnić od dnia {effective}.",
           "W razie pytań jestem dostępny pod numerem {phone}."],
    "en": ["Please confirm the termination in writing and send me the closing invoice.",
           "I would like this to take effect from {effective}.",
           "You can reach me on {phone} if needed.",
           "Please send the return label for the rented equipment."],
}

CLOSING = {
    "fr": ["Veuillez agréer, Madame, Monsieur, l'expression de mes salutations "
           "distinguées.",
           "Je vous prie d'agréer mes sincères salutations.",
           "Cordialement,",
           "Dans l'attente de votre confirmation, recevez mes salutations distinguées."],
    "pl": ["Z poważaniem,", "Z wyrazami szacunku,"],
    "en": ["Yours faithfully,", "Yours sincerely,", "Kind regards,"],
}

# Who signs on the holder's behalf, and how it is written.
ON_BEHALF = {
    "fr": ["P.o. {name}", "Pour ordre, {name}", "{name}, pour le compte de {holder}",
           "P/O {name} (assistante de direction)"],
    "pl": ["z upoważnienia {name}", "w imieniu {holder}: {name}"],
    "en": ["pp {name}", "{name}, on behalf of {holder}"],
}

# "I, the undersigned, holder of the contract" (names the holder in the body).
UNDERSIGNED = {
    "fr": ["Je soussigné(e) {holder}, titulaire du contrat,",
           "Titulaire du contrat : {holder}"],
    "pl": ["Ja, niżej podpisany {holder}, właściciel umowy,"],
    "en": ["I, {holder}, the contract holder,"],
}

PLACE_DATE = {
    "fr": ["{city}, le {date}", "Fait à {city}, le {date}", "{city} le {date}", "Le {date}"],
    "pl": ["{city}, dnia {date}", "{city}, {date}"],
    "en": ["{city}, {date}", "{date}"],
}

# Recipient blocks.  Each line list is one way of writing the address.
RECIPIENTS = {
    "tsa_20001": [["Orange Service Clients", "TSA 20001", "59878 Lille Cedex 9"],
                  ["ORANGE - Service Clients Pro", "TSA 20001", "59878 LILLE CEDEX 9"],
                  ["Orange Pro", "Service Résiliation", "TSA 20001", "59878 Lille Cedex 9"]],
    "tsa_10018": [["Orange Service Clients", "TSA 10018", "59878 Lille Cedex 9"],
                  ["ORANGE SERVICE CLIENTS", "TSA 10018", "59878 LILLE CEDEX 9"],
                  ["Orange Pro - Service clients", "TSA 10018", "59878 Lille Cedex 9"]],
    "other": [["Orange", "78 rue Olivier de Serres", "75015 Paris"],
              ["Boutique Orange", "12 place Bellecour", "69002 Lyon"],
              ["Orange Service Clients", "TSA 30015", "59878 Lille Cedex 9"],
              ["Orange Business", "1 place des Droits de l'Homme", "93210 Saint-Denis"]],
}
