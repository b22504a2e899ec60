"""The apps' layer order (pyproject.toml, [tool.importlinter]) is enforced: the real tree keeps the
contract, and a copy of it with one import pointing upwards breaks it."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PACKAGES = settings.PROJECT_APPS


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the project's Python packages and its pyproject.toml."""
    for package in PACKAGES:
        shutil.copytree(BASE / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    shutil.copy(BASE / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def inject(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_project_keeps_its_layers():
    result = lint_imports(BASE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_the_copy_keeps_its_layers_too(tree):
    assert lint_imports(tree).returncode == 0


@pytest.mark.parametrize(
    ("module", "line", "arrow"),
    [
        # a lower app importing a higher one at module level
        ("cases/services.py", "from portal import access  # noqa", "cases.services -> portal.access"),
        # volunteers reaching up to authorisations, hidden inside a function
        (
            "volunteers/models.py",
            "def _hidden():\n    from authorisations.models import Authorisation  # noqa\n    return Authorisation",
            "volunteers.models -> authorisations.models",
        ),
        # the two apps on one layer must stay independent of each other
        ("offers/services.py", "import volunteers.models  # noqa", "offers.services -> volunteers.models"),
        # the lowest app reaching up
        ("accounts/security.py", "import cases.models  # noqa", "accounts.security -> cases.models"),
        # a shared helper of the project package reaching into an app (these were in no layer before)
        ("wir_fallmanagement/history.py", "import cases.models  # noqa", "wir_fallmanagement.history -> cases.models"),
        ("wir_fallmanagement/lists.py", "import reports.views  # noqa", "wir_fallmanagement.lists -> reports.views"),
        (
            "wir_fallmanagement/templatetags/guidance.py",
            "import accounts.models  # noqa",
            "wir_fallmanagement.templatetags.guidance -> accounts.models",
        ),
        # a new app's wrong way: imports and reports share a layer, privacy sits above both
        ("imports/services.py", "import reports.models  # noqa", "imports.services -> reports.models"),
        ("reports/views.py", "import privacy.models  # noqa", "reports.views -> privacy.models"),
    ],
)
def test_a_wrong_way_import_breaks_the_contract(tree, module, line, arrow):
    inject(tree / module, line)
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "0 kept, 1 broken" in result.stdout
    assert arrow in result.stdout


# The project package is wiring (it mounts and seeds every app) and shared helpers (which may import no
# app). A module in no layer would be checked by nothing, so every module must be one or the other.
WIRING = {"settings", "urls", "wsgi", "asgi", "views", "management"}


def contract_layers() -> list[str]:
    with open(BASE / "pyproject.toml", "rb") as file:
        (contract,) = tomllib.load(file)["tool"]["importlinter"]["contracts"]
    return contract["layers"]


def layered_modules() -> set[str]:
    return {module.strip() for layer in contract_layers() for module in re.split(r"[|:]", layer)}


def test_every_app_has_a_layer():
    assert set(PACKAGES) - {"wir_fallmanagement"} <= layered_modules()


def test_every_module_of_the_project_package_is_wiring_or_in_a_layer():
    package = BASE / "wir_fallmanagement"
    modules = {
        path.stem if path.is_file() else path.name
        for path in package.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    }
    layered = {m.removeprefix("wir_fallmanagement.") for m in layered_modules() if m.startswith("wir_fallmanagement.")}
    assert modules - WIRING - layered == set()
    assert layered & WIRING == set()
