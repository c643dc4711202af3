"""Fills the French and Polish catalogues from the tables below, then compiles them.

Run after `pybabel extract` when a string changes (see docs/review.md):
    .venv/bin/python pipeline/review/translations/fill.py
"""

# ruff: noqa: E501 - tables of sentences
from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).parent

FR = {
    "There is no active user named %(name)s.": "Aucun utilisateur actif ne s'appelle %(name)s.",
    "%(file)s is now %(name)s's.": "%(file)s est maintenant confié à %(name)s.",
    "You cannot change your own account here.": "Vous ne pouvez pas modifier votre propre compte ici.",
    "Saved.": "Enregistré.",
    "This form has expired or did not come from the station: reload the page and try again.":
        "Ce formulaire a expiré ou ne vient pas du poste : rechargez la page et recommencez.",
    "There is nothing here.": "Il n'y a rien ici.",
    "Log in first.": "Connectez-vous d'abord.",
    "This page is for supervisors.": "Cette page est réservée aux superviseurs.",
    "This letter changed.": "Ce courrier a changé.",
    "Something went wrong on the station; nothing you saved is lost.":
        "Une erreur est survenue sur le poste ; rien de ce que vous avez enregistré n'est perdu.",
    "Too many failed log-ins: wait %(seconds)d seconds and try again.":
        "Trop d'échecs de connexion : attendez %(seconds)d secondes et réessayez.",
    "Wrong name or password.": "Nom ou mot de passe incorrect.",
    "%(name)s is working on this letter: you can look, not save.":
        "%(name)s traite ce courrier : vous pouvez le consulter, pas l'enregistrer.",
    "%(name)s is working on this letter: your changes were not saved; they are still in the form.":
        "%(name)s traite ce courrier : vos modifications n'ont pas été enregistrées ; elles "
        "sont toujours dans le formulaire.",
    "Nothing changed.": "Rien n'a changé.",
    "Not saved: someone saved this letter after you opened it (version %(seen)d, now %(now)d). "
    "Your values are still in the form: check them against the new ones and save again.":
        "Non enregistré : quelqu'un a enregistré ce courrier après que vous l'avez ouvert "
        "(version %(seen)d, maintenant %(now)d). Vos valeurs sont toujours dans le formulaire : "
        "comparez-les aux nouvelles et enregistrez à nouveau.",
    "Saved (version %(v)d).": "Enregistré (version %(v)d).",
    "Not saved: someone changed this letter after you opened it. Your text is still below: "
    "save again.":
        "Non enregistré : quelqu'un a modifié ce courrier après que vous l'avez ouvert. Votre "
        "texte est toujours ci-dessous : enregistrez à nouveau.",
    "No customer number": "Pas de numéro client",
    "Customer number is not 9 digits": "Le numéro client n'a pas 9 chiffres",
    "No contract number": "Pas de numéro de contrat",
    "No subscription date": "Pas de date de souscription",
    "Impossible subscription date": "Date de souscription impossible",
    "Sent to the wrong address": "Envoyé à la mauvaise adresse",
    "Contract type unclear: no address rule": "Type de contrat incertain : aucune règle d'adresse",
    "Not signed": "Non signé",
    "Not signed by the contract holder": "Non signé par le titulaire du contrat",
    "Asks to port a number: answer, no termination":
        "Demande de portabilité : répondre, pas de résiliation",
    "Already received": "Déjà reçu",
    "Read with low confidence": "Lu avec peu de certitude",
    "The file cannot be read": "Le fichier est illisible",
    "Customer not in the CRM": "Client absent du CRM",
    "Contract is not this customer's": "Le contrat n'est pas celui de ce client",
    "Subscription date differs from the CRM": "Date de souscription différente du CRM",
    "Contract already terminated": "Contrat déjà résilié",
    "termination letter": "lettre de résiliation",
    "invoice": "facture",
    "other mail": "autre courrier",
    "unreadable file": "fichier illisible",
    "ok": "ok",
    "for a clerk": "pour un agent",
    "unreadable": "illisible",
    "rejected": "rejeté",
    "accepted": "accepté",
    "set aside": "mis de côté",
    "Type": "Type",
    "Language": "Langue",
    "Customer number": "Numéro client",
    "Contract number": "Numéro de contrat",
    "Subscription date": "Date de souscription",
    "Letter date": "Date du courrier",
    "Contract type": "Type de contrat",
    "Sent to": "Envoyé à",
    "Company": "Société",
    "Holder": "Titulaire",
    "Signed by": "Signé par",
    "fixed line": "ligne fixe",
    "Internet or Open": "Internet ou Open",
    "mobile": "mobile",
    "unknown": "inconnu",
    "another address": "une autre adresse",
    "no address": "aucune adresse",
    "clerk": "agent",
    "supervisor": "superviseur",
    "Review station": "Poste de vérification",
    "Queue": "File d'attente",
    "Decisions": "Décisions",
    "Users": "Utilisateurs",
    "Log out": "Se déconnecter",
    "Press ? for keys": "Touche ? pour l'aide",
    "Keys": "Touches",
    "next / previous letter": "courrier suivant / précédent",
    "open the letter (queue); save (in a field)":
        "ouvrir le courrier (file) ; enregistrer (dans un champ)",
    "next field": "champ suivant",
    "leave the field, so that letters are keys again":
        "quitter le champ, pour que les lettres redeviennent des touches",
    "accept: complete, goes to the CRM as ok": "accepter : complet, part au CRM comme ok",
    "reject: an answer to the customer is needed": "rejeter : il faut répondre au client",
    "set aside for a supervisor": "mettre de côté pour un superviseur",
    "confirm / dismiss the flag that has the focus": "confirmer / écarter l'alerte sélectionnée",
    "download the reply as a PDF (reply page)": "télécharger la réponse en PDF (page réponse)",
    "show or hide this help": "afficher ou masquer cette aide",
    "Who decided what": "Qui a décidé quoi",
    "Who": "Qui",
    "all": "tous",
    "Filter": "Filtrer",
    "When": "Quand",
    "File": "Fichier",
    "Version": "Version",
    "What": "Quoi",
    "Field": "Champ",
    "Read by mailroom": "Lu par mailroom",
    "New value": "Nouvelle valeur",
    "Reason": "Motif",
    "Back to the queue": "Retour à la file",
    "previous": "précédent",
    "queue": "file",
    "next": "suivant",
    "Decided: %(what)s by %(who)s at %(when)s": "Décidé : %(what)s par %(who)s le %(when)s",
    "the reply": "la réponse",
    "%(name)s is working on this letter.": "%(name)s traite ce courrier.",
    "Pages": "Pages",
    "The file cannot be shown.": "Le fichier ne peut pas être affiché.",
    "page %(n)d": "page %(n)d",
    "Below: your values. Where the letter now holds another value, it is shown under the field.":
        "Ci-dessous : vos valeurs. Quand le courrier porte maintenant une autre valeur, elle est "
        "affichée sous le champ.",
    "none": "aucun",
    "read by mailroom:": "lu par mailroom :",
    "now in the store:": "maintenant enregistré :",
    "Flags": "Alertes",
    "confirm": "confirmer",
    "dismiss": "écarter",
    "No flag.": "Aucune alerte.",
    "Reason (optional)": "Motif (facultatif)",
    "Save": "Enregistrer",
    "Accept": "Accepter",
    "Reject": "Rejeter",
    "Set aside": "Mettre de côté",
    "Give this letter to": "Confier ce courrier à",
    "Reassign": "Réattribuer",
    "History": "Historique",
    "Log in": "Connexion",
    "Name": "Nom",
    "Password": "Mot de passe",
    ("%(num)d letter to review", "%(num)d letters to review"):
        # French plurals are one (0, 1), many (each million) and other, in that order
        ("%(num)d courrier à vérifier", "%(num)d de courriers à vérifier",
         "%(num)d courriers à vérifier"),
    "Flag": "Alerte",
    "Why": "Pourquoi",
    "being read by %(name)s": "en cours chez %(name)s",
    "Nothing left to review.": "Plus rien à vérifier.",
    "Reply": "Réponse",
    "the letter": "le courrier",
    "Reply to %(file)s": "Réponse à %(file)s",
    "Drafted in the customer's language from the flags not dismissed. Edit it, then download "
    "it as a PDF.":
        "Rédigée dans la langue du client à partir des alertes non écartées. Modifiez-la, puis "
        "téléchargez-la en PDF.",
    "Save and download the PDF": "Enregistrer et télécharger le PDF",
    "Role": "Rôle",
    "Active": "Actif",
    "yes": "oui",
    "no": "non",
    "active": "actif",
    "disabled": "désactivé",
    "new password": "nouveau mot de passe",
    "Add a user": "Ajouter un utilisateur",
    "name": "nom",
    "password (8 characters or more)": "mot de passe (8 caractères ou plus)",
    "Add": "Ajouter",
    # each flag's details (pipeline/review/said.py)
    "No customer number was found in the letter.":
        "Aucun numéro client n'a été trouvé dans le courrier.",
    "The customer number %(value)s does not have 9 digits.":
        "Le numéro client %(value)s n'a pas 9 chiffres.",
    "No contract number was found in the letter.":
        "Aucun numéro de contrat n'a été trouvé dans le courrier.",
    "No subscription date was found in the letter.":
        "Aucune date de souscription n'a été trouvée dans le courrier.",
    "The subscription date %(value)s is impossible or later than the letter's date.":
        "La date de souscription %(value)s est impossible ou postérieure à la date du courrier.",
    "The contract type is %(ctype)s: the letter must be sent to %(expected)s; it was sent to "
    "%(recipient)s.":
        "Le type de contrat est %(ctype)s : le courrier doit être adressé à %(expected)s ; "
        "adresse indiquée : %(recipient)s.",
    "The contract type is %(ctype)s: no address rule applies, a clerk must decide.":
        "Le type de contrat est %(ctype)s : aucune règle d'adresse ne s'applique, un agent "
        "doit décider.",
    "The letter is not signed by hand.": "Le courrier n'est pas signé à la main.",
    "Signed by %(signatory)s, who is not the contract holder (%(holder)s).":
        "Signé par %(signatory)s, qui n'est pas le titulaire du contrat (%(holder)s).",
    "Signed by %(signatory)s, who is not the contract holder.":
        "Signé par %(signatory)s, qui n'est pas le titulaire du contrat.",
    "Asks to port a number (RIO): no termination is needed, answer the customer.":
        "Demande la portabilité d'un numéro (RIO) : aucune résiliation n'est nécessaire, "
        "répondre au client.",
    "Already received as %(first)s.": "Déjà reçu sous le nom %(first)s.",
    "Not sure whether this is a termination letter: a clerk must look.":
        "Pas sûr qu'il s'agisse d'une lettre de résiliation : un agent doit vérifier.",
    "Could not read with confidence: %(fields)s. A clerk must look.":
        "Lecture incertaine : %(fields)s. Un agent doit vérifier.",
    "The file cannot be read: %(reason)s": "Le fichier est illisible : %(reason)s",
    "The customer number %(value)s is not in the CRM.":
        "Le numéro client %(value)s n'est pas dans le CRM.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM; it could be %(candidates)s: a clerk must choose.":
        "Le contrat %(contract)s ne fait pas partie des contrats du client %(customer)s dans "
        "le CRM ; ce pourrait être %(candidates)s : un agent doit choisir.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM; it is a contract of customer %(owner)s.":
        "Le contrat %(contract)s ne fait pas partie des contrats du client %(customer)s dans "
        "le CRM ; c'est un contrat du client %(owner)s.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM.":
        "Le contrat %(contract)s ne fait pas partie des contrats du client %(customer)s dans "
        "le CRM.",
    "The letter gives %(value)s as the subscription date; the CRM has %(known)s for contract "
    "%(contract)s.":
        "Le courrier donne %(value)s comme date de souscription ; le CRM a %(known)s pour le "
        "contrat %(contract)s.",
    "The subscription date %(value)s differs from the CRM's for contract %(contract)s.":
        "La date de souscription %(value)s diffère de celle du CRM pour le contrat "
        "%(contract)s.",
    "The contract %(contract)s is already terminated in the CRM.":
        "Le contrat %(contract)s est déjà résilié dans le CRM.",
    "or": "ou",
    "someone else": "quelqu'un d'autre",
    # the CRM's values beside the letter's
    "Letter": "Courrier",
    "contract active": "contrat actif",
    "contract terminated": "contrat résilié",
    "offer: %(offer)s": "offre : %(offer)s",
    "This contract is not among the customer's in the CRM":
        "Ce contrat n'est pas parmi ceux du client dans le CRM",
    "differs from the letter": "diffère du courrier",
    "matched in the CRM; read as %(value)s": "rapproché dans le CRM ; lu comme %(value)s",
    "equally close in the CRM: %(candidates)s": "aussi proches dans le CRM : %(candidates)s",
    "in the CRM, a contract of customer %(owner)s": "dans le CRM, un contrat du client %(owner)s",
}

PL = {
    "Saved.": "Zapisano.",
    "There is nothing here.": "Nic tu nie ma.",
    "Log in first.": "Najpierw się zaloguj.",
    "This page is for supervisors.": "Ta strona jest dla kierowników.",
    "Wrong name or password.": "Błędna nazwa lub hasło.",
    "Too many failed log-ins: wait %(seconds)d seconds and try again.":
        "Zbyt wiele nieudanych logowań: odczekaj %(seconds)d s i spróbuj ponownie.",
    "Nothing changed.": "Nic się nie zmieniło.",
    "Saved (version %(v)d).": "Zapisano (wersja %(v)d).",
    "Not saved: someone saved this letter after you opened it (version %(seen)d, now %(now)d). "
    "Your values are still in the form: check them against the new ones and save again.":
        "Nie zapisano: ktoś zapisał to pismo po jego otwarciu (wersja %(seen)d, teraz %(now)d). "
        "Twoje wartości są nadal w formularzu: porównaj je z nowymi i zapisz ponownie.",
    "No customer number": "Brak numeru klienta",
    "Customer number is not 9 digits": "Numer klienta nie ma 9 cyfr",
    "No contract number": "Brak numeru umowy",
    "No subscription date": "Brak daty zawarcia umowy",
    "Impossible subscription date": "Niemożliwa data zawarcia umowy",
    "Sent to the wrong address": "Wysłane na zły adres",
    "Contract type unclear: no address rule": "Niejasny rodzaj umowy: brak reguły adresu",
    "Not signed": "Brak podpisu",
    "Not signed by the contract holder": "Niepodpisane przez posiadacza umowy",
    "Asks to port a number: answer, no termination":
        "Przeniesienie numeru: odpowiedzieć, bez rozwiązania umowy",
    "Already received": "Już otrzymane",
    "Read with low confidence": "Odczytane z niską pewnością",
    "The file cannot be read": "Nie można odczytać pliku",
    "termination letter": "wypowiedzenie umowy",
    "invoice": "faktura",
    "other mail": "inna poczta",
    "unreadable file": "nieczytelny plik",
    "rejected": "odrzucone",
    "accepted": "przyjęte",
    "set aside": "odłożone",
    "Type": "Rodzaj",
    "Language": "Język",
    "Customer number": "Numer klienta",
    "Contract number": "Numer umowy",
    "Subscription date": "Data zawarcia umowy",
    "Letter date": "Data pisma",
    "Contract type": "Rodzaj umowy",
    "Sent to": "Wysłane do",
    "Company": "Firma",
    "Holder": "Posiadacz",
    "Signed by": "Podpisał(a)",
    "fixed line": "linia stacjonarna",
    "mobile": "komórka",
    "unknown": "nieznany",
    "clerk": "pracownik",
    "supervisor": "kierownik",
    "Review station": "Stanowisko weryfikacji",
    "Queue": "Kolejka",
    "Decisions": "Decyzje",
    "Users": "Użytkownicy",
    "Log out": "Wyloguj",
    "Press ? for keys": "Naciśnij ?, aby zobaczyć klawisze",
    "Keys": "Klawisze",
    "next / previous letter": "następne / poprzednie pismo",
    "show or hide this help": "pokaż lub ukryj pomoc",
    "Who": "Kto",
    "all": "wszystkie",
    "Filter": "Filtruj",
    "When": "Kiedy",
    "File": "Plik",
    "Reason": "Powód",
    "previous": "poprzednie",
    "queue": "kolejka",
    "next": "następne",
    "Flags": "Flagi",
    "confirm": "potwierdź",
    "dismiss": "odrzuć flagę",
    "Save": "Zapisz",
    "Accept": "Przyjmij",
    "Reject": "Odrzuć",
    "Set aside": "Odłóż",
    "Log in": "Zaloguj",
    "Name": "Nazwa",
    "Password": "Hasło",
    "Flag": "Flaga",
    "Why": "Dlaczego",
    "Nothing left to review.": "Nie ma nic do sprawdzenia.",
    "Reply": "Odpowiedź",
    "Save and download the PDF": "Zapisz i pobierz PDF",
    ("%(num)d letter to review", "%(num)d letters to review"):
        ("%(num)d pismo do sprawdzenia", "%(num)d pisma do sprawdzenia",
         "%(num)d pism do sprawdzenia"),
    # each flag's details (pipeline/review/said.py)
    "No customer number was found in the letter.": "W piśmie nie znaleziono numeru klienta.",
    "The customer number %(value)s does not have 9 digits.":
        "Numer klienta %(value)s nie ma 9 cyfr.",
    "No contract number was found in the letter.": "W piśmie nie znaleziono numeru umowy.",
    "No subscription date was found in the letter.":
        "W piśmie nie znaleziono daty zawarcia umowy.",
    "The subscription date %(value)s is impossible or later than the letter's date.":
        "Data zawarcia umowy %(value)s jest niemożliwa lub późniejsza niż data pisma.",
    "The contract type is %(ctype)s: the letter must be sent to %(expected)s; it was sent to "
    "%(recipient)s.":
        "Rodzaj umowy: %(ctype)s – pismo należy wysłać na %(expected)s; adres na piśmie: "
        "%(recipient)s.",
    "The contract type is %(ctype)s: no address rule applies, a clerk must decide.":
        "Rodzaj umowy: %(ctype)s – nie ma reguły adresu, decyzję podejmuje pracownik.",
    "The letter is not signed by hand.": "Pismo nie jest podpisane odręcznie.",
    "Signed by %(signatory)s, who is not the contract holder (%(holder)s).":
        "Podpis: %(signatory)s – ta osoba nie jest posiadaczem umowy (%(holder)s).",
    "Signed by %(signatory)s, who is not the contract holder.":
        "Podpis: %(signatory)s – ta osoba nie jest posiadaczem umowy.",
    "Asks to port a number (RIO): no termination is needed, answer the customer.":
        "Prośba o przeniesienie numeru (RIO): rozwiązanie umowy nie jest potrzebne, należy "
        "odpowiedzieć klientowi.",
    "Already received as %(first)s.": "Już otrzymane jako %(first)s.",
    "Not sure whether this is a termination letter: a clerk must look.":
        "Nie wiadomo, czy to wypowiedzenie umowy: musi to sprawdzić pracownik.",
    "Could not read with confidence: %(fields)s. A clerk must look.":
        "Niepewny odczyt: %(fields)s. Musi to sprawdzić pracownik.",
    "The file cannot be read: %(reason)s": "Nie można odczytać pliku: %(reason)s",
    "The customer number %(value)s is not in the CRM.":
        "Numeru klienta %(value)s nie ma w CRM.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM; it could be %(candidates)s: a clerk must choose.":
        "Według CRM umowa %(contract)s nie należy do umów klienta %(customer)s; może to być "
        "%(candidates)s: wybór należy do pracownika.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM; it is a contract of customer %(owner)s.":
        "Według CRM umowa %(contract)s nie należy do umów klienta %(customer)s; jest to umowa "
        "klienta %(owner)s.",
    "The contract %(contract)s is not one of the contracts of customer %(customer)s in the "
    "CRM.":
        "Według CRM umowa %(contract)s nie należy do umów klienta %(customer)s.",
    "The letter gives %(value)s as the subscription date; the CRM has %(known)s for contract "
    "%(contract)s.":
        "Pismo podaje %(value)s jako datę zawarcia umowy; CRM ma %(known)s dla umowy "
        "%(contract)s.",
    "The subscription date %(value)s differs from the CRM's for contract %(contract)s.":
        "Data zawarcia umowy %(value)s różni się od daty w CRM dla umowy %(contract)s.",
    "The contract %(contract)s is already terminated in the CRM.":
        "Według CRM umowa %(contract)s jest już rozwiązana.",
    "or": "lub",
    "someone else": "ktoś inny",
    # the rest of the station
    "There is no active user named %(name)s.": "Nie ma aktywnego użytkownika %(name)s.",
    "%(file)s is now %(name)s's.": "%(file)s przekazano użytkownikowi %(name)s.",
    "You cannot change your own account here.": "Tutaj nie można zmienić własnego konta.",
    "This form has expired or did not come from the station: reload the page and try again.":
        "Ten formularz wygasł lub nie pochodzi ze stanowiska: odśwież stronę i spróbuj ponownie.",
    "This letter changed.": "To pismo zostało zmienione.",
    "Something went wrong on the station; nothing you saved is lost.":
        "Na stanowisku wystąpił błąd; nic z tego, co zapisano, nie zostało utracone.",
    "%(name)s is working on this letter: you can look, not save.":
        "%(name)s pracuje nad tym pismem: możesz je przeglądać, ale nie zapisać.",
    "%(name)s is working on this letter: your changes were not saved; they are still in the form.":
        "%(name)s pracuje nad tym pismem: twoje zmiany nie zostały zapisane; są nadal w "
        "formularzu.",
    "Not saved: someone changed this letter after you opened it. Your text is still below: "
    "save again.":
        "Nie zapisano: ktoś zmienił to pismo po jego otwarciu. Twój tekst jest nadal poniżej: "
        "zapisz ponownie.",
    "Customer not in the CRM": "Klienta nie ma w CRM",
    "Contract is not this customer's": "Umowa nie należy do tego klienta",
    "Subscription date differs from the CRM": "Data zawarcia umowy inna niż w CRM",
    "Contract already terminated": "Umowa już rozwiązana",
    "ok": "ok",
    "for a clerk": "dla pracownika",
    "unreadable": "nieczytelne",
    "Internet or Open": "Internet lub Open",
    "another address": "inny adres",
    "no address": "brak adresu",
    "open the letter (queue); save (in a field)": "otwórz pismo (kolejka); zapisz (w polu)",
    "next field": "następne pole",
    "leave the field, so that letters are keys again":
        "opuść pole, aby litery znów działały jako klawisze",
    "accept: complete, goes to the CRM as ok": "przyjmij: kompletne, trafia do CRM jako ok",
    "reject: an answer to the customer is needed": "odrzuć: potrzebna odpowiedź dla klienta",
    "set aside for a supervisor": "odłóż dla kierownika",
    "confirm / dismiss the flag that has the focus": "potwierdź / odrzuć zaznaczoną flagę",
    "download the reply as a PDF (reply page)": "pobierz odpowiedź jako PDF (strona odpowiedzi)",
    "Who decided what": "Kto co zdecydował",
    "Version": "Wersja",
    "What": "Co",
    "Field": "Pole",
    "Read by mailroom": "Odczytane przez mailroom",
    "New value": "Nowa wartość",
    "Back to the queue": "Powrót do kolejki",
    "Decided: %(what)s by %(who)s at %(when)s": "Decyzja: %(what)s (%(who)s, %(when)s)",
    "the reply": "odpowiedź",
    "%(name)s is working on this letter.": "%(name)s pracuje nad tym pismem.",
    "Pages": "Strony",
    "The file cannot be shown.": "Nie można wyświetlić pliku.",
    "page %(n)d": "strona %(n)d",
    "Below: your values. Where the letter now holds another value, it is shown under the field.":
        "Poniżej: twoje wartości. Jeśli pismo ma teraz inną wartość, jest ona pokazana pod polem.",
    "none": "brak",
    "read by mailroom:": "odczytane przez mailroom:",
    "now in the store:": "teraz w bazie:",
    "No flag.": "Brak flag.",
    "Reason (optional)": "Powód (opcjonalnie)",
    "Give this letter to": "Przekaż to pismo:",
    "Reassign": "Przekaż",
    "History": "Historia",
    "being read by %(name)s": "czyta %(name)s",
    "the letter": "pismo",
    "Reply to %(file)s": "Odpowiedź na %(file)s",
    "Drafted in the customer's language from the flags not dismissed. Edit it, then download "
    "it as a PDF.":
        "Przygotowana w języku klienta na podstawie nieodrzuconych flag. Popraw ją, a następnie "
        "pobierz jako PDF.",
    "Role": "Rola",
    "Active": "Aktywny",
    "yes": "tak",
    "no": "nie",
    "active": "aktywny",
    "disabled": "wyłączony",
    "new password": "nowe hasło",
    "Add a user": "Dodaj użytkownika",
    "name": "nazwa",
    "password (8 characters or more)": "hasło (co najmniej 8 znaków)",
    "Add": "Dodaj",
    # the CRM's values beside the letter's
    "Letter": "Pismo",
    "contract active": "umowa aktywna",
    "contract terminated": "umowa rozwiązana",
    "offer: %(offer)s": "oferta: %(offer)s",
    "This contract is not among the customer's in the CRM":
        "Tej umowy nie ma wśród umów klienta w CRM",
    "differs from the letter": "inne niż w piśmie",
    "matched in the CRM; read as %(value)s": "dopasowane w CRM; odczytano jako %(value)s",
    "equally close in the CRM: %(candidates)s": "równie bliskie w CRM: %(candidates)s",
    "in the CRM, a contract of customer %(owner)s": "w CRM umowa klienta %(owner)s",
}


def fill(lang: str, table: dict) -> None:
    po = HERE / lang / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as f:
        catalog: Catalog = read_po(f, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        found = table.get(message.id)
        if found is not None:
            message.string = found
            message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, no_location=True)
    with (po.with_suffix(".mo")).open("wb") as f:
        write_mo(f, catalog)


if __name__ == "__main__":
    fill("fr", FR)
    fill("pl", PL)
    fill("en", {})
    print("filled and compiled fr, pl, en")
