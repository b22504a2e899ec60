"""Forms of the district setup: master data and the district's name and logo."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from authorisations.models import KjcBranch
from cases.models import Language, Municipality
from offers.models import Category
from wir_fallmanagement.models import District
from wir_fallmanagement.stale import StaleCheckForm
from wir_fallmanagement.uploads import check_upload

POSTCODE = re.compile(r"^[0-9]{5}$")


def clean_postcodes(value: str) -> str:
    """ "64711, 64720" → "64711, 64720"; every entry five digits."""
    codes = [code.strip() for code in re.split(r"[,;\s]+", value or "") if code.strip()]
    wrong = [code for code in codes if not POSTCODE.match(code)]
    if wrong:
        raise ValidationError(
            _("Postleitzahlen haben fünf Ziffern. Bitte prüfen Sie: %(codes)s"), params={"codes": ", ".join(wrong)}
        )
    return ", ".join(dict.fromkeys(codes))


class MunicipalityForm(StaleCheckForm):
    class Meta:
        model = Municipality
        fields = ["name", "postcodes"]

    def clean_postcodes(self):
        return clean_postcodes(self.cleaned_data["postcodes"])


class LanguageForm(StaleCheckForm):
    class Meta:
        model = Language
        fields = ["code", "name", "native_name", "is_rtl", "in_directory"]

    def clean_in_directory(self):
        if self.cleaned_data["in_directory"] and self.cleaned_data.get("code") == "de":
            raise ValidationError(_("Deutsch ist die Sprache des Originals und immer im Verzeichnis."))
        return self.cleaned_data["in_directory"]


class KjcBranchForm(StaleCheckForm):
    class Meta:
        model = KjcBranch
        fields = ["name", "street", "postcode", "town", "is_active"]

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not POSTCODE.match(postcode):
            raise ValidationError(_("Eine Postleitzahl hat fünf Ziffern, z. B. 64711."))
        return postcode


class CategoryForm(StaleCheckForm):
    class Meta:
        model = Category
        fields = ["name", "order", "translations"]
        widgets = {"translations": forms.Textarea(attrs={"rows": 3})}


class DistrictForm(StaleCheckForm):
    logo_upload = forms.FileField(
        label=_("Neues Logo"),
        required=False,
        help_text=_("PNG oder JPEG, höchstens 10 MB; erscheint in der Kopfzeile und im öffentlichen Verzeichnis."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove_logo = forms.BooleanField(label=_("Logo entfernen"), required=False)

    class Meta:
        model = District
        fields = ["name"]

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        checked = check_upload(upload)
        if not checked.content_type.startswith("image/"):
            raise ValidationError(_("Als Logo sind nur PNG- und JPEG-Bilder möglich."))
        return checked
