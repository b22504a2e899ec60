"""What the authorisations app contributes to a client's GDPR export (registered in
AuthorisationsConfig.ready())."""

from .models import Scope


def _iso(value):
    return value.isoformat() if value else None


def client_export(client) -> dict:
    """Everything this app stores about the client (GDPR Art. 15). The PDFs themselves can be
    downloaded from the Vollmacht's page; here their list with checksums."""
    authorisations = client.authorisations.select_related("agent", "kjc_branch", "handover").prefetch_related("pdfs")
    rows = []
    for a in authorisations.order_by("pk"):
        rows.append(
            {
                "Nr.": a.pk,
                "Fassung": a.version,
                "Status": a.get_status_display(),
                "Bevollmächtigte:r": str(a.agent),
                "Geschäftsstelle des KJC": str(a.kjc_branch) if a.kjc_branch else None,
                "gesetzliche Vertretung": a.guardian_name or None,
                "Umfang": [str(Scope(s).label) for s in a.scopes],
                "Ausnahmen": a.exclusions or None,
                "gültig ab": _iso(a.valid_from),
                "gültig bis": _iso(a.valid_until),
                "Sprache der Arbeitsübersetzung": a.language or None,
                "angelegt am": _iso(a.created_at),
                "gedruckt am": _iso(a.printed_at),
                "unterschrieben am": _iso(a.signed_on),
                "Original liegt bei": a.get_original_holder_display() or None,
                "Original dort seit": _iso(a.original_held_since),
                "Übergabe an das KJC": str(a.handover) if a.handover else None,
                "widerrufen am": _iso(a.revoked_on),
                "Widerruf durch": a.get_revoked_declared_by_display() or None,
                "Grund des Widerrufs": a.revocation_reason or None,
                "Widerruf an das KJC geschickt am": _iso(a.revocation_sent_on),
                "Widerruf beim KJC eingegangen am": _iso(a.revocation_received_on),
                "Dokumente": [
                    {
                        "Art": p.get_kind_display(),
                        "Fassung": p.version,
                        "erstellt am": _iso(p.created_at),
                        "SHA-256": p.sha256,
                    }
                    for p in sorted(a.pdfs.all(), key=lambda p: (p.created_at, p.pk))
                ],
            }
        )
    return {"Vollmachten": rows}
