"""`manage.py setup_district FILE`: a new district's master data and first administrator from one
small YAML file (docs/setup.md has an example: docs/district.example.yaml).

YAML rather than JSON because a district's administrator writes this file by hand: comments,
no quotes or braces needed, and umlauts as they are. It is read with `yaml.safe_load` only (no
Python objects), at most 1 MB. Every entry is checked by the same forms as the setup pages
(/setup/), so the file and the pages accept exactly the same values; all errors are reported at
once with their place in the file, and nothing is written unless the whole file is valid.
Running it again with the same file changes nothing (entries are matched by name or code).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.forms import EmailField
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role, User
from authorisations.models import KjcBranch
from cases.models import Language, Municipality
from offers.models import Category
from wir_fallmanagement.models import District
from wir_fallmanagement.uploads import check_upload

from . import forms, services

MAX_BYTES = 1024 * 1024
SECTIONS = {
    # section: (model, form, key field, allowed fields)
    "municipalities": (Municipality, forms.MunicipalityForm, "name", {"name", "postcodes"}),
    "languages": (Language, forms.LanguageForm, "code", {"code", "name", "native_name", "is_rtl", "in_directory"}),
    "kjc_branches": (KjcBranch, forms.KjcBranchForm, "name", {"name", "street", "postcode", "town", "is_active"}),
    "categories": (Category, forms.CategoryForm, "name", {"name", "order", "translations"}),
}
TOP_LEVEL = {"district", "administrator", "directory_languages", *SECTIONS}


class SetupFileError(Exception):
    """The file cannot be used; `errors` says where and why, in German."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class SetupResult:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    administrator: User | None = None
    administrator_created: bool = False


def read_file(path: Path) -> dict:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SetupFileError([f"Die Datei {path} kann nicht gelesen werden: {exc.strerror}."]) from None
    if len(raw) > MAX_BYTES:
        raise SetupFileError(["Die Datei ist größer als 1 MB; eine Einrichtungsdatei ist viel kleiner."])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SetupFileError(["Die Datei ist nicht in UTF-8 gespeichert. Bitte als UTF-8 speichern."]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" in Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else ""
        raise SetupFileError([f"Die Datei ist kein gültiges YAML{where}: {getattr(exc, 'problem', exc)}."]) from None
    if not isinstance(data, dict):
        raise SetupFileError(
            ["Die Datei muss Abschnitte enthalten (district:, municipalities: …), siehe docs/setup.md."]
        )
    unknown = sorted(set(map(str, data)) - TOP_LEVEL)
    if unknown:
        raise SetupFileError([f"Unbekannte Abschnitte: {', '.join(unknown)}. Erlaubt: {', '.join(sorted(TOP_LEVEL))}."])
    if not isinstance(data.get("district"), dict) or not str(data["district"].get("name") or "").strip():
        raise SetupFileError(["Der Abschnitt „district:“ mit „name:“ (Name des Kreises) fehlt."])
    return data


def _errors(where: str, error: ValidationError | dict) -> list[str]:
    found = error.message_dict if isinstance(error, ValidationError) else error
    return [f"{where}, {name}: {message}" for name, messages in found.items() for message in messages]


def _form_data(values: dict) -> dict:
    data = {}
    for name, value in values.items():
        if isinstance(value, dict | list):
            data[name] = json.dumps(value, ensure_ascii=False)
        elif value is None:
            data[name] = ""
        else:
            data[name] = value if isinstance(value, bool) else str(value)
    return data


def _apply_section(section: str, items, result: SetupResult, errors: list[str]) -> None:
    model, form_class, key, allowed = SECTIONS[section]
    if items is None:
        return
    if not isinstance(items, list):
        errors.append(f"{section}: eine Liste von Einträgen erwartet (Zeilen mit „- “).")
        return
    seen = set()
    for number, values in enumerate(items, start=1):
        where = f"{section}, Eintrag {number}"
        if not isinstance(values, dict):
            errors.append(f"{where}: Angaben wie „{key}: …“ erwartet.")
            continue
        unknown = sorted(set(map(str, values)) - allowed)
        if unknown:
            errors.append(f"{where}: unbekannte Angaben {', '.join(unknown)} (erlaubt: {', '.join(sorted(allowed))}).")
            continue
        if "postcodes" in values and isinstance(values["postcodes"], list):
            values = {**values, "postcodes": ", ".join(map(str, values["postcodes"]))}
        identity = str(values.get(key) or "").strip()
        if identity in seen:
            errors.append(f"{where}: „{identity}“ steht mehrmals in der Datei.")
            continue
        seen.add(identity)
        instance = model.objects.filter(**{f"{key}__iexact": identity}).first() if identity else None
        data = _form_data(values)
        before = model_to_dict(instance, fields=list(allowed)) if instance is not None else None
        if before is not None:  # only what the file names changes
            data = {**_form_data(before), **data}
        elif model is KjcBranch:
            data.setdefault("is_active", True)  # a new branch is in use unless the file says otherwise
        form = form_class(data, instance=instance)
        if not form.is_valid():
            errors.extend(_errors(where, form.errors))
            continue
        if before is None or model_to_dict(form.instance, fields=list(allowed)) != before:
            bucket = result.created if instance is None else result.updated
            form.save()
            bucket[section] = bucket.get(section, 0) + 1


def _apply_directory_languages(codes, result: SetupResult, errors: list[str]) -> None:
    if codes is None:
        return
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        errors.append("directory_languages: eine Liste von Sprachcodes erwartet, z. B. [en, ar, fa, uk, ti, tr].")
        return
    known = set(Language.objects.filter(code__in=codes).values_list("code", flat=True))
    missing = [code for code in codes if code not in known]
    if missing:
        errors.append(
            f"directory_languages: unbekannte Sprachcodes {', '.join(missing)} (erst unter languages: anlegen)."
        )
        return
    if "de" in codes:
        errors.append("directory_languages: Deutsch (de) ist das Original und immer im Verzeichnis; bitte weglassen.")
        return
    changed = 0
    for language in Language.objects.exclude(code="de"):
        wanted = language.code in codes
        if language.in_directory != wanted:
            language.in_directory = wanted
            language.save(update_fields=["in_directory"])
            changed += 1
    if changed:
        result.updated["directory_languages"] = changed


def _apply_district(values: dict, base: Path, errors: list[str]) -> None:
    unknown = sorted(set(map(str, values)) - {"name", "logo"})
    if unknown:
        errors.append(f"district: unbekannte Angaben {', '.join(unknown)} (erlaubt: logo, name).")
        return
    form = forms.DistrictForm({"name": str(values["name"]).strip()})
    if not form.is_valid():
        errors.extend(_errors("district", form.errors))
        return
    logo = None
    if values.get("logo"):
        path = (base / str(values["logo"])).resolve()
        try:
            with path.open("rb") as handle:
                logo = check_upload(File(handle, name=path.name))
        except OSError as exc:
            errors.append(f"district, logo: {path} kann nicht gelesen werden ({exc.strerror}).")
            return
        except ValidationError as exc:
            errors.extend(f"district, logo: {message}" for message in exc.messages)
            return
        if not logo.content_type.startswith("image/"):
            errors.append("district, logo: Als Logo sind nur PNG- und JPEG-Bilder möglich.")
            return
    current = District.objects.filter(pk=1).first()
    unchanged_logo = logo is None or (current is not None and current.logo_sha256 == logo.sha256)
    if current is None or current.name != form.cleaned_data["name"] or not unchanged_logo:
        services.update_district(name=form.cleaned_data["name"], logo=None if unchanged_logo else logo)


def _apply_administrator(values, result: SetupResult, errors: list[str]) -> None:
    if values is None:
        return
    if not isinstance(values, dict) or not values.get("email") or not values.get("full_name"):
        errors.append(
            "administrator: „email:“ und „full_name:“ der ersten Administratorin / des ersten Administrators fehlen."
        )
        return
    email = str(values["email"]).strip().lower()
    try:
        User._meta.get_field("email").run_validators(email)
        EmailField().clean(email)
    except ValidationError as exc:
        errors.extend(f"administrator, email: {message}" for message in exc.messages)
        return
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.role != Role.ADMIN:
        errors.append(f"administrator: {email} gibt es schon mit der Rolle „{user.get_role_display()}“.")
        return
    if user is None:
        user = User(email=email, full_name=str(values["full_name"]).strip(), role=Role.ADMIN)
        user.set_unusable_password()  # the password is set through the link, never written in a file
        user.save()
        result.administrator_created = True
    result.administrator = user


def apply_setup(data: dict, *, base: Path) -> SetupResult:
    """Write everything in one transaction, or nothing (SetupFileError with all errors)."""
    result = SetupResult()
    errors: list[str] = []
    with transaction.atomic():
        _apply_district(data["district"], base, errors)
        for section in ("municipalities", "languages", "kjc_branches", "categories"):
            _apply_section(section, data.get(section), result, errors)
        _apply_directory_languages(data.get("directory_languages"), result, errors)
        _apply_administrator(data.get("administrator"), result, errors)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise SetupFileError(errors)
    return result


def password_link(user: User, base_url: str) -> str:
    """A one-time link to choose the password (Django's reset token: it stops working once used)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})
    return base_url.rstrip("/") + path
