"""Forms that guide: the error summary, plain German messages, HTML constraints = the server's."""

import importlib
import re

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models
from django.forms import modelform_factory
from django.utils import timezone

from tests.conftest import login
from volunteers.forms import PortalContactForm
from wir_fallmanagement import forms as guided

GENERIC = "Dieses Feld ist zwingend erforderlich."


def _project_subclasses(base, modules) -> set:
    """The project's subclasses of `base`, after importing each app's `modules`."""
    for app in settings.PROJECT_APPS:
        for module in modules:
            try:
                importlib.import_module(f"{app}.{module}")
            except ModuleNotFoundError:
                continue
    found, todo = set(), [base]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in settings.PROJECT_APPS and not sub.__module__.endswith(".admin"):
                found.add(sub)
    return found


def _project_form_classes():
    return _project_subclasses(forms.BaseForm, ("forms", "twofactor", "directory"))


def test_every_form_of_the_project_guides():
    classes = _project_form_classes()
    assert len(classes) > 30
    unguided = sorted(c.__qualname__ for c in classes if not issubclass(c, guided.GuidedFormMixin))
    assert unguided == []


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


EDITED_MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in settings.PROJECT_APPS and not m.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", EDITED_MODELS, ids=lambda m: m.__name__)
def test_html_constraints_state_every_model_validator(model):
    form = modelform_factory(model, form=guided.ModelForm, fields="__all__", formfield_callback=_formfield)()
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        model_field = model._meta.get_field(name)
        for validator in model_field.validators:
            attr = dict(guided.VALIDATOR_ATTRS).get(type(validator))
            if attr in ("min", "max"):
                rendered = field.widget.attrs.get(attr)
                assert rendered is not None, (model.__name__, name, attr)
                if attr == "min":
                    assert rendered >= validator.limit_value, (model.__name__, name)
                else:
                    assert rendered <= validator.limit_value, (model.__name__, name)


def test_empty_new_client_form_shows_the_summary_with_links_and_plain_messages(client, caseworker):
    login(client, caseworker)
    management = {f"languages-{k}": v for k, v in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()}
    response = client.post("/clients/new/", {"gender": "x", **management})
    html = response.content.decode()
    assert response.status_code == 200
    assert GENERIC not in html
    summary = re.search(r'<div class="error-summary.*?</div>\s*</div>', html, re.S).group(0)
    assert 'id="error-summary" tabindex="-1"' in summary
    assert 'href="#id_family_name"' in summary
    assert 'href="#id_birth_year"' in summary
    assert "Bitte geben Sie das Geburtsjahr an." in summary
    assert html.index("error-summary") < html.index("<h1")
    assert "<title>Fehler:" in html
    assert 'src="/static/js/forms.js"' in html


def test_birth_year_constraints_equal_the_server(client, caseworker):
    login(client, caseworker)
    html = client.get("/clients/new/").content.decode()
    year = re.search(r'<input[^>]*name="birth_year"[^>]*>', html).group(0)
    assert 'min="1900"' in year
    assert f'max="{timezone.localdate().year}"' in year
    assert re.search(r'name="birth_day"[^>]*min="1"[^>]*max="31"|max="31"[^>]*min="1"[^>]*name="birth_day"', html)
    response = client.post("/clients/new/", {"family_name": "A", "given_names": "B", "birth_year": "1850"})
    assert "Bitte geben Sie ein Geburtsjahr ab 1900 an." in response.content.decode()


def test_date_of_birth_is_one_group(client, caseworker):
    login(client, caseworker)
    html = client.get("/clients/new/").content.decode()
    group = re.search(r'<fieldset class="date-group".*?</fieldset>', html, re.S).group(0)
    assert "<legend" in group and "Geburtsdatum" in group
    for name in ("birth_day", "birth_month", "birth_year"):
        assert f'name="{name}"' in group
    for label in ("Tag", "Monat", "Jahr"):
        assert re.search(rf">\s*{label}\b", group), label


def test_portal_contact_form_says_what_to_do():
    form = PortalContactForm(data={})
    assert not form.is_valid()
    assert form.errors["note"] == ["Bitte schreiben Sie kurz, was Sie gemacht haben."]
    assert form.errors["channel"] == ["Bitte wählen Sie „Wie?“ aus."]
    today = timezone.localdate()
    assert form.fields["date"].widget.attrs["max"] == today.isoformat()


def _filtersets():
    return _project_subclasses(django_filters.FilterSet, ("filters", "directory"))


def test_every_list_filter_is_a_filterset_in_its_apps_filters_module_with_the_guided_form():
    """One way to filter a list: a django-filter FilterSet next to the list's rows function
    (`<app>/filters.py`; the public directory keeps its own in offers/directory.py), whose form
    guides like every other form."""
    filtersets = _filtersets()
    assert len(filtersets) >= 8
    misplaced = sorted(
        f"{c.__module__}.{c.__qualname__}"
        for c in filtersets
        if c.__module__.split(".")[1] not in ("filters", "directory")
    )
    unguided = sorted(c.__qualname__ for c in filtersets if not issubclass(c._meta.form, guided.GuidedFormMixin))
    assert (misplaced, unguided) == ([], [])
