"""French: working translation, not binding."""

TEXT = {
    "language_name": "Français",
    "title": "Procuration",
    "subtitle": "selon l’article 13 du livre X du Code social allemand (SGB X)",
    "authority_label": "Destinataire",
    "principal_heading": "1. Mandant(e) (la personne qui donne la procuration)",
    "agent_heading": "2. Mandataire (la personne autorisée)",
    "name": "Nom, prénom(s)",
    "name_original": "Nom dans l’écriture d’origine",
    "date_of_birth": "Date de naissance",
    "address": "Adresse",
    "customer_number": "Numéro de client au KJC",
    "bg_number": "Numéro de la communauté de besoins (numéro BG)",
    "guardian": "Représenté(e) légalement par",
    "grant_heading": "3. Étendue de la procuration",
    "grant": (
        "J’autorise la personne nommée au point 2 à me représenter dans mes affaires relevant du livre II du Code "
        "social allemand (SGB II, revenu citoyen – Bürgergeld) auprès du centre communal pour l’emploi (KJC) "
        "indiqué ci-dessus. La procuration s’applique aux domaines cochés :"
    ),
    "grant_minor": (
        "En tant que représentant(e) légal(e) de la personne mineure nommée au point 1, j’autorise la personne "
        "nommée au point 2 à la représenter dans ses affaires relevant du livre II du Code social allemand (SGB II, "
        "revenu citoyen – Bürgergeld) auprès du centre communal pour l’emploi (KJC) indiqué ci-dessus. La "
        "procuration s’applique aux domaines cochés :"
    ),
    "legend": "X = accordé ; case vide = non accordé",
    "scope_information": (
        "Donner et obtenir des renseignements",
        "Obtenir des renseignements auprès du KJC et donner des renseignements au KJC.",
    ),
    "scope_file_inspection": (
        "Consulter le dossier",
        "Consulter les dossiers tenus par le KJC (article 25 SGB X).",
    ),
    "scope_applications": (
        "Déposer des demandes",
        "Déposer, compléter et retirer des demandes, par exemple la demande de prolongation des prestations.",
    ),
    "scope_documents": (
        "Remettre et recevoir des documents",
        "Remettre au KJC des documents, des justificatifs et des formulaires, et les y recevoir.",
    ),
    "scope_appointments": (
        "Accompagner aux rendez-vous",
        "Accompagner aux rendez-vous au KJC et y prendre la parole.",
    ),
    "scope_mail": (
        "Recevoir les décisions et le courrier",
        "Recevoir les décisions et les autres lettres du KJC. Le KJC envoie alors son courrier au mandataire ; les "
        "délais, par exemple pour un recours, commencent à courir à la réception par le mandataire.",
    ),
    "scope_objection": (
        "Former un recours (Widerspruch)",
        "Former un recours contre les décisions du KJC et agir dans la procédure de recours.",
    ),
    "scope_money": (
        "Recevoir de l’argent",
        "Recevoir les paiements du KJC.",
    ),
    "rdg_warning": (
        "Remarque sur les recours : une personne qui apporte une aide juridique en dehors de la famille, du "
        "voisinage ou d’une relation personnelle aussi étroite ne peut le faire – même gratuitement – que sous la "
        "direction d’une personne ayant les qualifications requises pour exercer les fonctions de juge ou d’une "
        "personne autorisée à fournir ce service juridique, par exemple un avocat ou une avocate (article 6, "
        "alinéa 2, de la loi allemande sur les services juridiques, RDG)."
    ),
    "exclusions_label": "Sont exclus :",
    "no_exclusions": "Aucune autre exclusion.",
    "validity_heading": "4. Durée de validité et révocation",
    "valid_until_date": "La procuration est valable du {valid_from} au {valid_until}.",
    "valid_until_revoked": "La procuration est valable à partir du {valid_from} jusqu’à sa révocation.",
    "revocable": (
        "La procuration peut être révoquée par écrit à tout moment, sans indication de motifs (point 7). À l’égard "
        "du KJC, la révocation ne prend effet qu’au moment où le KJC la reçoit (article 13, alinéa 1, phrase 4 "
        "SGB X)."
    ),
    "notes_heading": "5. Remarques",
    "note_scope_law": (
        "La procuration couvre tous les actes de la procédure administrative, sauf si elle est limitée ci-dessus "
        "(article 13, alinéa 1, phrase 2 SGB X)."
    ),
    "note_personal": (
        "Les obligations qui ne peuvent être remplies qu’en personne demeurent, par exemple se présenter en "
        "personne à une convocation (Meldetermin)."
    ),
    "note_voluntary": "Le mandataire agit bénévolement et gratuitement.",
    "note_consent": (
        "Cette procuration n’est pas un consentement à la transmission de données à d’autres organismes ; il "
        "existe un formulaire de consentement distinct à cet effet."
    ),
    "note_original": "L’original signé est remis au KJC.",
    "signatures_heading": "6. Signatures",
    "place_date": "Lieu, date",
    "sign_principal": "Signature du mandant ou de la mandante",
    "sign_principal_minor": "Signature du représentant légal ou de la représentante légale",
    "sign_agent": "Signature du mandataire – j’accepte la procuration",
    "sign_only_german": "Veuillez signer uniquement le texte allemand.",
    "revocation_heading": "7. Révocation",
    "revocation_hint": "À remplir uniquement si la procuration est révoquée, puis à remettre au KJC.",
    "revocation_text": "Je révoque cette procuration avec effet à partir du",
    "revocation_received": "Reçu par le KJC (date, cachet)",
    "verify_heading": "Vérifier l’authenticité",
    "verify_text": (
        "La page de vérification indique si cette procuration est valable : scannez le code QR, ou ouvrez "
        "l’adresse et saisissez le code de vérification."
    ),
    "verify_code": "Code de vérification",
    "document_label": "Procuration n° {number} · version {version} · établie le {date}",
    "translation_notice": (
        "Traduction de travail – sans valeur juridique. Seul le texte allemand fait foi ; seul le texte allemand "
        "est signé."
    ),
}
