"""`{{ form|crispy_blank }}` (wir_fallmanagement/templatetags/blank_forms.py): the client page's empty
contact and goal forms are rendered once per process, language and day — and are the same HTML as
`{{ form|crispy }}` would give."""

import datetime

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django.utils import timezone, translation

from cases.forms import ContactForm, FollowUpForm, GoalForm
from tests.factories import make_client
from wir_fallmanagement.templatetags import blank_forms


@pytest.fixture(autouse=True)
def _fresh():
    blank_forms._rendered.cache_clear()
    yield
    blank_forms._rendered.cache_clear()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("form_class", "auto_id"), [(ContactForm, "id_contact_%s"), (GoalForm, "id_goal_%s")])
def test_the_kept_html_is_what_crispy_renders(db, form_class, auto_id, language):
    with translation.override(language):
        expected = as_crispy_form(form_class(auto_id=auto_id))
        assert blank_forms.crispy_blank(form_class(auto_id=auto_id)) == expected
        assert blank_forms.crispy_blank(form_class(auto_id=auto_id)) == expected  # kept: still the same
        assert str(form_class(auto_id=auto_id)["date" if form_class is ContactForm else "title"].label) in expected


def test_a_new_day_renders_the_form_again(db, monkeypatch):
    """Defaults and limits such as "today" change with the day: the HTML is kept for one day only."""
    for day in (datetime.date(2026, 3, 1), datetime.date(2026, 3, 2), datetime.date(2026, 3, 2)):
        monkeypatch.setattr(timezone, "localdate", lambda day=day: day)
        assert blank_forms.crispy_blank(ContactForm(auto_id="id_contact_%s")) == as_crispy_form(
            ContactForm(auto_id="id_contact_%s")
        )
    kept = blank_forms._rendered.cache_info()
    assert (kept.misses, kept.hits) == (2, 1)  # rendered on each new day, reused the same day


def test_a_form_with_data_or_another_start_is_rendered_as_usual(db):
    posted = ContactForm({"date": "", "duration_minutes": "-1", "channel": "phone"}, auto_id="id_contact_%s")
    assert posted.errors
    assert blank_forms.crispy_blank(posted) == as_crispy_form(posted)
    assert "is-invalid" in blank_forms.crispy_blank(posted)
    other = ContactForm(auto_id="id_contact_%s", initial={"note": "Vorausgefüllt"})
    assert "Vorausgefüllt" in blank_forms.crispy_blank(other)
    assert "Vorausgefüllt" not in blank_forms.crispy_blank(ContactForm(auto_id="id_contact_%s"))


def test_forms_that_differ_per_person_are_never_kept(caseworker, colleague):
    """FollowUpForm offers the people who may open this client: not the same for everyone."""
    assert not getattr(FollowUpForm, "same_for_everyone", False)
    first = blank_forms.crispy_blank(FollowUpForm(user=caseworker, client=make_client(caseworker)))
    second = blank_forms.crispy_blank(FollowUpForm(user=colleague, client=make_client(colleague)))
    assert caseworker.full_name in first and colleague.full_name not in first
    assert colleague.full_name in second
    assert blank_forms._rendered.cache_info().currsize == 0


def test_the_client_page_renders_its_empty_forms_once(client, caseworker, monkeypatch):
    rendered = []
    original = blank_forms.as_crispy_form
    monkeypatch.setattr(blank_forms, "as_crispy_form", lambda form: rendered.append(type(form)) or original(form))
    person = make_client(caseworker)
    client.force_login(caseworker)
    for _ in range(3):
        page = client.get(f"/clients/{person.pk}/").content.decode()
        assert 'id="id_contact_date"' in page and 'id="id_goal_title"' in page
    assert rendered.count(ContactForm) == 1 and rendered.count(GoalForm) == 1
