"""What the offers app contributes to shared pages: client sections, dashboard panels, export."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import timezone

from offers import export, panels, sections, services
from offers.models import ButApplication, ButCategory, Referral
from tests.factories import give_consent, make_client, make_offer
from wir_fallmanagement import extensions


def request_for(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def render(panels, request):
    return "".join(panel.render(request) for panel in panels)


def test_client_sections_show_referrals_and_the_childrens_but(caseworker, family, girls_course):
    mother, girl, _boy = family
    services.create_referral(
        offer=girls_course, client=mother, user=caseworker, register=False, override_reason="Mutter begleitet"
    )
    today = timezone.localdate()
    ButApplication.objects.create(
        child=girl,
        category=ButCategory.PARTICIPATION,
        status=ButApplication.Status.APPROVED,
        period_from=today.replace(month=1, day=1),
        period_until=today.replace(month=12, day=31),
        created_by=caseworker,
    )
    request = request_for(caseworker, f"/clients/{mother.pk}/")
    panels = sections.client_sections(request, mother)
    html = render(panels, request)
    assert 'aria-labelledby="referrals-heading"' in html and 'aria-labelledby="but-heading"' in html
    assert "Schwimmkurs für Mädchen" in html and "vorgeschlagen" in html
    assert "Sara Karimi (9 Jahre)" in html and "Omid Karimi (12 Jahre)" in html
    assert "Teilhabebudget 180,00 €, davon genutzt 0,00 €, übrig 180,00 €" in html


def test_the_sections_are_registered_with_the_extension_point(caseworker, family):
    request = request_for(caseworker)
    templates = [p.template for p in extensions.client_sections.panels(request, family[0])]
    assert "offers/fragments/referral_section.html" in templates


@pytest.mark.parametrize("rows", [5, 50])
def test_client_sections_run_a_constant_number_of_queries(
    caseworker, family, provider, category, rows, django_assert_max_num_queries
):
    mother, girl, _boy = family
    for i in range(rows):
        offer = make_offer(provider, category, title=f"Angebot {i}", but_eligible=True, but_category="participation")
        services.create_referral(offer=offer, client=mother, user=caseworker, register=False)
        ButApplication.objects.create(child=girl, category=ButCategory.LUNCH, created_by=caseworker)
    request = request_for(caseworker)
    with django_assert_max_num_queries(6):
        render(sections.client_sections(request, mother), request)


def test_the_dashboard_tells_the_caseworker_who_moved_up(caseworker, colleague, offer):
    first = make_client(colleague, given_names="Erste", family_name="Person")
    mine = make_client(caseworker, given_names="Nachgerückte", family_name="Person")
    for person, user in ((first, colleague), (mine, caseworker)):
        give_consent(person, offer.provider, user)
    offer.capacity = 1
    offer.save()
    registered = services.create_referral(offer=offer, client=first, user=colleague, register=True)
    services.create_referral(offer=offer, client=mine, user=caseworker, register=True)
    assert panels.dashboard_panels(request_for(caseworker)) == []
    services.change_referral_status(referral=registered, status=Referral.Status.CANCELLED, user=colleague)

    request = request_for(caseworker)
    html = render(panels.dashboard_panels(request), request)
    assert "Von der Warteliste nachgerückt" in html and "Nachgerückte Person" in html
    assert 'class="col-lg-6"' in html
    # the colleague whose client dropped out is not told about someone else's client
    assert panels.dashboard_panels(request_for(colleague)) == []


def test_the_dashboard_lists_approval_periods_ending_within_30_days(caseworker, colleague, family):
    _mother, girl, boy = family
    today = timezone.localdate()
    for child, days in ((girl, 30), (boy, 31)):
        ButApplication.objects.create(
            child=child,
            category=ButCategory.PARTICIPATION,
            status=ButApplication.Status.APPROVED,
            period_from=today - datetime.timedelta(days=300),
            period_until=today + datetime.timedelta(days=days),
            created_by=caseworker,
        )
    request = request_for(caseworker)
    html = render(panels.dashboard_panels(request), request)
    assert "BuT-Bewilligungen, die in 30 Tagen enden" in html
    assert "Sara Karimi" in html and "Omid Karimi" not in html
    assert panels.dashboard_panels(request_for(colleague)) == []


@pytest.mark.parametrize("persona", ["volunteer", "kjc"], indirect=True)
def test_other_roles_get_no_panels(persona):
    assert panels.dashboard_panels(request_for(persona)) == []


def test_the_export_holds_referrals_and_but_applications(caseworker, girls_course):
    girl = make_client(caseworker, years=9, gender="female")
    referral = services.create_referral(
        offer=girls_course, client=girl, user=caseworker, register=False, note="Notiz 1"
    )
    services.start_but_application(referral=referral, user=caseworker)
    data = export.client_export(girl)
    assert data["referrals"][0]["offer"] == "Schwimmkurs für Mädchen"
    assert data["referrals"][0]["status"] == "vorgeschlagen"
    assert data["referrals"][0]["note"] == "Notiz 1"
    assert data["but_applications"][0]["category"] == "soziale und kulturelle Teilhabe"
    assert data["but_applications"][0]["amount"] == "30.00"
