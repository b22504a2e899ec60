from django.db import migrations

# The defaults of docs/data-protection.md ("Löschfristen"), editable by administrators in /admin/.
DEFAULTS = {
    "client": (
        36,
        "3 Jahre nach Abschluss des letzten Falls: regelmäßige Verjährungsfrist (§ 195 BGB) für Ansprüche aus der "
        "Beratung; Wiederaufnahmen innerhalb dieser Zeit sind häufig. Prüfungen des Landes (Verwendungsnachweis) "
        "brauchen nur Zahlen – die bleiben in anonymisierter Form. Länger ist nach § 84 Abs. 2 SGB X nicht erforderlich.",
    ),
    "consent": (
        36,
        "3 Jahre nach Widerruf oder Fristende: Nachweis der Einwilligung (Art. 7 Abs. 1 DSGVO) für die "
        "Verjährungsfrist möglicher Ansprüche wegen einer Übermittlung (§ 195 BGB, Art. 82 DSGVO).",
    ),
    "authorisation": (
        36,
        "3 Jahre nach Widerruf oder Ablauf: Nachweis gegenüber dem KJC, wer wann bevollmächtigt war, für die "
        "Verjährungsfrist; Status und Daten bleiben, gedruckte PDFs, Scan und Freitexte werden gelöscht.",
    ),
    "handover_bundle": (
        3,
        "3 Monate nach Erstellung: Die Druckfassung ist nur eine Kopie für den Druck; der Empfang wird auf dem "
        "unterschriebenen Papierprotokoll nachgewiesen.",
    ),
    "access_log": (
        12,
        "12 Monate: genug, um Beschwerden und Auffälligkeiten bei der jährlichen Kontrolle durch die "
        "Datenschutzbeauftragte aufzuklären (Art. 5 Abs. 2, Art. 32 DSGVO; § 78a SGB X); länger würde das "
        "Protokoll selbst zum Risiko.",
    ),
    "volunteer": (
        12,
        "12 Monate nach dem Ausscheiden: Rückfragen zu beendeten Begleitungen und eine mögliche Rückkehr; das "
        "Führungszeugnis wird nur mit Datum und Ergebnis geführt und mitgelöscht (§ 72a Abs. 5 SGB VIII sieht "
        "sogar 3 Monate vor – wer das will, stellt die Frist kürzer).",
    ),
    "technical": (
        3,
        "3 Monate: Formular-Schlüssel gegen doppeltes Senden und Marker der täglichen Erinnerung werden danach "
        "nicht mehr gebraucht.",
    ),
}


def seed(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps, schema_editor)
    RetentionPeriod = apps.get_model("privacy", "RetentionPeriod")
    for kind, (months, justification) in DEFAULTS.items():
        RetentionPeriod.objects.get_or_create(kind=kind, defaults={"months": months, "justification": justification})


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("accounts", "0008_role_data_protection"),
        ("cases", "0006_client_restriction_and_anonymisation"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
