"""The extension points (wir_fallmanagement/extensions.py) and what the apps register with them in
their AppConfig.ready(): the full list, in the order the pages show them."""

import authorisations.export
import authorisations.panels
import authorisations.sections
import cases.panels
import offers.export
import offers.panels
import offers.sections
import privacy.export
import volunteers.export
import volunteers.panels
from wir_fallmanagement import extensions
from wir_fallmanagement.extensions import ExtensionPoint, Panel


def test_each_app_registers_its_dashboard_panels():
    assert extensions.dashboard_panels.functions == [
        cases.panels.dashboard_panels,
        offers.panels.dashboard_panels,
        volunteers.panels.dashboard_panels,
        authorisations.panels.dashboard_panels,
    ]


def test_each_app_registers_its_client_sections():
    assert extensions.client_sections.functions == [
        offers.sections.client_sections,
        authorisations.sections.authorisation_section,
        authorisations.sections.assignment_section,
    ]


def test_each_app_registers_its_part_of_the_export():
    assert extensions.client_export.functions == [
        offers.export.client_export,
        volunteers.export.client_export,
        authorisations.export.client_export,
        privacy.export.client_export,
    ]


def test_registering_twice_keeps_one_entry_and_panels_come_sorted_by_order():
    point = ExtensionPoint("example")

    def late(request):
        return [Panel("b.html", order=50)]

    def early(request):
        return [Panel("a.html", order=10), Panel("c.html", order=90)]

    point.register(late)
    point.register(early)
    point.register(late)
    assert point.functions == [late, early]
    assert [p.template for p in point.panels(None)] == ["a.html", "b.html", "c.html"]
    assert "test_extensions" in repr(point)
