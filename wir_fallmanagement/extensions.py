"""The extension points: how an app contributes to a page of an app below it.

A lower app (cases) must not import a higher one (offers, volunteers, authorisations), yet the
client page shows their sections. So the page asks an extension point declared here, and each
higher app registers its functions in its `AppConfig.ready()`:

    # offers/apps.py
    def ready(self):
        extensions.client_sections.register(sections.client_sections)

A reader following the client page goes from `extensions.client_sections` to the `register`
calls (grep "client_sections.register") and from there to the function that renders a section.

The extension points, and the signature of the functions registered with them:

- `dashboard_panels(request) -> list[Panel]`: panels on the staff dashboard `/`
- `client_sections(request, client) -> list[Panel]`: sections on a client's page
- `client_export(client) -> dict`: what an app stores about a client (GDPR Art. 15 export)

Functions run in registration order (INSTALLED_APPS order, since Django calls `ready()` in that
order); panels are then sorted by their `order`. Every function must run a bounded number of
queries, independent of the amount of data. The volunteer portal has no extension point: it sits
above the apps it shows and builds its panels itself (portal/panels.py).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100

    def render(self, request) -> str:
        return render_to_string(self.template, self.context, request=request)


class ExtensionPoint:
    """A named list of functions, filled by `register` in `AppConfig.ready()`."""

    def __init__(self, name: str):
        self.name = name
        self.functions: list[Callable] = []

    def __repr__(self):
        return f"<ExtensionPoint {self.name}: {[f'{f.__module__}.{f.__qualname__}' for f in self.functions]}>"

    def register(self, function: Callable) -> Callable:
        """Add `function` (once: a second `ready()` in tests must not register it twice)."""
        if function not in self.functions:
            self.functions.append(function)
        return function

    def call(self, *args, **kwargs) -> list:
        """The results of every registered function, in registration order."""
        return [function(*args, **kwargs) for function in self.functions]

    def panels(self, *args, **kwargs) -> list[Panel]:
        """For extension points returning panels: all of them, sorted by `order`."""
        collected = [panel for result in self.call(*args, **kwargs) for panel in result]
        return sorted(collected, key=lambda panel: panel.order)


dashboard_panels = ExtensionPoint("dashboard_panels")
client_sections = ExtensionPoint("client_sections")
client_export = ExtensionPoint("client_export")
