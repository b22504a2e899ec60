"""German: the binding text of the Vollmacht (§ 13 SGB X)."""

TEXT = {
    "language_name": "Deutsch",
    "title": "Vollmacht",
    "subtitle": "nach § 13 Zehntes Buch Sozialgesetzbuch (SGB X)",
    "authority_label": "Gegenüber",
    "principal_heading": "1. Vollmachtgeberin / Vollmachtgeber",
    "agent_heading": "2. Bevollmächtigte Person",
    "name": "Name, Vorname(n)",
    "name_original": "Name in Originalschrift",
    "date_of_birth": "Geburtsdatum",
    "address": "Anschrift",
    "customer_number": "Kundennummer beim KJC",
    "bg_number": "Nummer der Bedarfsgemeinschaft (BG-Nummer)",
    "guardian": "Gesetzlich vertreten durch",
    "grant_heading": "3. Umfang der Vollmacht",
    "grant": (
        "Ich bevollmächtige die unter 2. genannte Person, mich in meinen Angelegenheiten nach dem Zweiten Buch "
        "Sozialgesetzbuch (SGB II, Bürgergeld) gegenüber dem oben genannten Kommunalen Job-Center (KJC) zu "
        "vertreten. Die Vollmacht gilt für die angekreuzten Bereiche:"
    ),
    "grant_minor": (
        "Als gesetzliche Vertretung der unter 1. genannten minderjährigen Person bevollmächtige ich die unter 2. "
        "genannte Person, sie in ihren Angelegenheiten nach dem Zweiten Buch Sozialgesetzbuch (SGB II, Bürgergeld) "
        "gegenüber dem oben genannten Kommunalen Job-Center (KJC) zu vertreten. Die Vollmacht gilt für die "
        "angekreuzten Bereiche:"
    ),
    "legend": "X = erteilt; leeres Kästchen = nicht erteilt",
    "scope_information": (
        "Auskünfte erteilen und einholen",
        "Auskünfte beim KJC einholen und dem KJC Auskünfte geben.",
    ),
    "scope_file_inspection": (
        "Akteneinsicht",
        "Die Akten beim KJC einsehen (§ 25 SGB X).",
    ),
    "scope_applications": (
        "Anträge stellen",
        "Anträge stellen, ergänzen und zurücknehmen, zum Beispiel den Weiterbewilligungsantrag.",
    ),
    "scope_documents": (
        "Unterlagen einreichen und entgegennehmen",
        "Unterlagen, Nachweise und Formulare beim KJC einreichen und dort entgegennehmen.",
    ),
    "scope_appointments": (
        "Zu Terminen begleiten",
        "Zu Terminen beim KJC begleiten und dort mitsprechen.",
    ),
    "scope_mail": (
        "Bescheide und Post empfangen",
        "Bescheide und andere Schreiben des KJC empfangen. Das KJC schickt seine Post dann an die bevollmächtigte "
        "Person; Fristen, zum Beispiel für einen Widerspruch, beginnen mit dem Zugang bei ihr.",
    ),
    "scope_objection": (
        "Widerspruch einlegen",
        "Widerspruch gegen Bescheide des KJC einlegen und im Widerspruchsverfahren handeln.",
    ),
    "scope_money": (
        "Geld in Empfang nehmen",
        "Geldleistungen des KJC in Empfang nehmen.",
    ),
    "rdg_warning": (
        "Hinweis zu Widersprüchen: Wer außerhalb der Familie, der Nachbarschaft oder einer ähnlich engen "
        "persönlichen Beziehung rechtlich hilft, darf dies – auch unentgeltlich – nur unter Anleitung einer Person "
        "mit Befähigung zum Richteramt oder einer Person tun, die diese Rechtsdienstleistung erbringen darf, zum "
        "Beispiel einer Rechtsanwältin oder eines Rechtsanwalts (§ 6 Abs. 2 Rechtsdienstleistungsgesetz, RDG)."
    ),
    "exclusions_label": "Ausgenommen ist:",
    "no_exclusions": "Keine weiteren Ausnahmen.",
    "validity_heading": "4. Geltungsdauer und Widerruf",
    "valid_until_date": "Die Vollmacht gilt vom {valid_from} bis zum {valid_until}.",
    "valid_until_revoked": "Die Vollmacht gilt ab dem {valid_from} bis zum Widerruf.",
    "revocable": (
        "Die Vollmacht kann jederzeit ohne Angabe von Gründen schriftlich widerrufen werden (Abschnitt 7). "
        "Gegenüber dem KJC wird der Widerruf erst wirksam, wenn er dort eingegangen ist "
        "(§ 13 Abs. 1 Satz 4 SGB X)."
    ),
    "notes_heading": "5. Hinweise",
    "note_scope_law": (
        "Die Vollmacht berechtigt zu allen Handlungen im Verwaltungsverfahren, soweit sie oben nicht beschränkt ist "
        "(§ 13 Abs. 1 Satz 2 SGB X)."
    ),
    "note_personal": (
        "Pflichten, die nur persönlich erfüllt werden können, bleiben bestehen, zum Beispiel das persönliche "
        "Erscheinen zu einem Meldetermin."
    ),
    "note_voluntary": "Die bevollmächtigte Person handelt ehrenamtlich und unentgeltlich.",
    "note_consent": (
        "Diese Vollmacht ist keine Einwilligung in die Weitergabe von Daten an andere Stellen; dafür gibt es eine "
        "eigene Einwilligung."
    ),
    "note_original": "Das unterschriebene Original erhält das KJC.",
    "signatures_heading": "6. Unterschriften",
    "place_date": "Ort, Datum",
    "sign_principal": "Unterschrift der Vollmachtgeberin / des Vollmachtgebers",
    "sign_principal_minor": "Unterschrift der gesetzlichen Vertretung",
    "sign_agent": "Unterschrift der bevollmächtigten Person – ich nehme die Vollmacht an",
    "sign_only_german": "Bitte nur den deutschen Text unterschreiben.",
    "revocation_heading": "7. Widerruf",
    "revocation_hint": "Nur ausfüllen, wenn die Vollmacht widerrufen wird, und beim KJC abgeben.",
    "revocation_text": "Ich widerrufe diese Vollmacht mit Wirkung ab dem",
    "revocation_received": "Eingang beim KJC (Datum, Stempel)",
    "verify_heading": "Echtheit prüfen",
    "verify_text": (
        "Ob diese Vollmacht gültig ist, zeigt die Prüfseite: den QR-Code scannen oder die Adresse aufrufen und den "
        "Prüfcode eingeben."
    ),
    "verify_code": "Prüfcode",
    "document_label": "Vollmacht Nr. {number} · Fassung {version} · erstellt am {date}",
    "translation_notice": (
        "Arbeitsübersetzung – nicht verbindlich. Rechtlich gilt nur der deutsche Text; unterschrieben wird nur der "
        "deutsche Text."
    ),
}
