"""How apps contribute to shared pages without importing each other.

Each app may have a module `<app>/hooks.py` with any of these functions:

- `dashboard_panels(request) -> list[Panel]`: panels on the staff dashboard `/`
- `client_sections(request, client) -> list[Panel]`: sections on a client's page
- `client_export(client) -> dict`: what the app stores about a client (GDPR Art. 15 export)
- `portal_panels(request, volunteer) -> list[Panel]`: panels on the volunteer portal home
- `seed_demo(stdout) -> None`: demo data, called in INSTALLED_APPS order

Every function must run a bounded number of queries, independent of the amount of data.
"""

from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.apps import apps
from django.template.loader import render_to_string


@dataclass
class Panel:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100

    def render(self, request) -> str:
        return render_to_string(self.template, self.context, request=request)


def hook_modules():
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.hooks")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.hooks":
                raise
            continue
        yield module


def call(name: str, *args, **kwargs) -> list:
    """Call hook `name` of every app that has it; return the results in app order."""
    return [getattr(m, name)(*args, **kwargs) for m in hook_modules() if hasattr(m, name)]


def panels(name: str, *args, **kwargs) -> list[Panel]:
    collected = [panel for result in call(name, *args, **kwargs) for panel in result]
    return sorted(collected, key=lambda p: p.order)
