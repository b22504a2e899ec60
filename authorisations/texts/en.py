"""English: working translation, not binding."""

TEXT = {
    "language_name": "English",
    "title": "Power of attorney",
    "subtitle": "under section 13 of the Tenth Book of the German Social Code (SGB X)",
    "authority_label": "Addressed to",
    "principal_heading": "1. Principal (the person giving the power of attorney)",
    "agent_heading": "2. Authorised representative",
    "name": "Surname, first name(s)",
    "name_original": "Name in original script",
    "date_of_birth": "Date of birth",
    "address": "Address",
    "customer_number": "Customer number at the KJC",
    "bg_number": "Number of the benefit household (BG number)",
    "guardian": "Legally represented by",
    "grant_heading": "3. Scope of the power of attorney",
    "grant": (
        "I authorise the person named in section 2 to represent me in my matters under the Second Book of the "
        "German Social Code (SGB II, citizen's income – Bürgergeld) towards the municipal job centre (KJC) named "
        "above. The power of attorney covers the areas marked with a cross:"
    ),
    "grant_minor": (
        "As the legal representative of the minor named in section 1, I authorise the person named in section 2 to "
        "represent the minor in their matters under the Second Book of the German Social Code (SGB II, citizen's "
        "income – Bürgergeld) towards the municipal job centre (KJC) named above. The power of attorney covers the "
        "areas marked with a cross:"
    ),
    "legend": "X = granted; empty box = not granted",
    "scope_information": (
        "Giving and obtaining information",
        "Obtaining information from the KJC and giving information to the KJC.",
    ),
    "scope_file_inspection": (
        "Inspecting files",
        "Inspecting the files held by the KJC (section 25 SGB X).",
    ),
    "scope_applications": (
        "Filing applications",
        "Filing, completing and withdrawing applications, for example the application for continued benefits.",
    ),
    "scope_documents": (
        "Submitting and receiving documents",
        "Submitting documents, evidence and forms to the KJC and receiving them there.",
    ),
    "scope_appointments": (
        "Accompanying to appointments",
        "Accompanying to appointments at the KJC and speaking there.",
    ),
    "scope_mail": (
        "Receiving decisions and mail",
        "Receiving decisions and other letters from the KJC. The KJC will then send its mail to the authorised "
        "representative; deadlines, for example for an objection, start when the letter reaches them.",
    ),
    "scope_objection": (
        "Lodging objections (Widerspruch)",
        "Lodging objections against decisions of the KJC and acting in the objection procedure.",
    ),
    "scope_money": (
        "Receiving money",
        "Receiving payments from the KJC.",
    ),
    "rdg_warning": (
        "Note on objections: anyone who gives legal help outside the family, the neighbourhood or a similarly close "
        "personal relationship may do so – even free of charge – only under the guidance of a person qualified to "
        "hold judicial office or a person allowed to provide this legal service, for example a lawyer "
        "(section 6 (2) of the Legal Services Act, RDG)."
    ),
    "exclusions_label": "Excluded:",
    "no_exclusions": "No further exclusions.",
    "validity_heading": "4. Period of validity and revocation",
    "valid_until_date": "The power of attorney is valid from {valid_from} to {valid_until}.",
    "valid_until_revoked": "The power of attorney is valid from {valid_from} until it is revoked.",
    "revocable": (
        "The power of attorney can be revoked in writing at any time without giving reasons (section 7). Towards "
        "the KJC, the revocation takes effect only when the KJC receives it (section 13 (1) sentence 4 SGB X)."
    ),
    "notes_heading": "5. Notes",
    "note_scope_law": (
        "The power of attorney covers all acts in the administrative procedure unless it is limited above "
        "(section 13 (1) sentence 2 SGB X)."
    ),
    "note_personal": (
        "Duties that can only be fulfilled in person remain, for example appearing in person at a reporting "
        "appointment (Meldetermin)."
    ),
    "note_voluntary": "The authorised representative acts as a volunteer and free of charge.",
    "note_consent": (
        "This power of attorney is not a consent to passing data on to other bodies; there is a separate consent "
        "form for that."
    ),
    "note_original": "The signed original goes to the KJC.",
    "signatures_heading": "6. Signatures",
    "place_date": "Place, date",
    "sign_principal": "Signature of the principal",
    "sign_principal_minor": "Signature of the legal representative",
    "sign_agent": "Signature of the authorised representative – I accept the power of attorney",
    "sign_only_german": "Please sign only the German text.",
    "revocation_heading": "7. Revocation",
    "revocation_hint": "Fill in only if the power of attorney is revoked, and hand it in at the KJC.",
    "revocation_text": "I revoke this power of attorney with effect from",
    "revocation_received": "Received by the KJC (date, stamp)",
    "verify_heading": "Checking authenticity",
    "verify_text": (
        "The verification page shows whether this power of attorney is valid: scan the QR code, or open the "
        "address and enter the verification code."
    ),
    "verify_code": "Verification code",
    "document_label": "Power of attorney no. {number} · version {version} · created on {date}",
    "translation_notice": (
        "Working translation – not binding. Only the German text is legally valid; only the German text is signed."
    ),
}
