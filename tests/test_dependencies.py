"""The pinned libraries and the code agree: everything the code imports is pinned (the runtime code's
in requirements.txt, the tests' and tools' in requirements-dev.txt), and nothing pinned is dead."""

import ast
import functools
import os
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
RUNTIME_CODE = [*settings.PROJECT_APPS, "gunicorn.conf.py", "manage.py"]
DEV_CODE = ["tests", "bench"]
# Pinned but named by no import or setting of ours: each for its reason.
NOT_IMPORTED = {
    "phonenumbers": "the parser behind django-phonenumber-field, which installs it only as an extra",
    "psycopg-pool": "procrastinate's connector pools the worker's connections with it",
    "boto3": "the S3 client behind django-storages' S3Storage (WIR_STORAGE=s3)",
    "defusedxml": "openpyxl uses it when installed, to refuse XML bombs",
    "diff-match-patch": "django-import-export pins it exactly",
    "pytest-django": "a pytest plugin (DJANGO_SETTINGS_MODULE in pyproject.toml)",
    "pytest-playwright": "a pytest plugin (the `page` fixture of tests/browser)",
    "pre-commit": "the hooks of .pre-commit-config.yaml",
    "grimp": "import-linter's import graph, pinned with it",
}
TEXT_SUFFIXES = {".py", ".html", ".toml", ".yaml", ".cfg", ".txt", ""}


@functools.cache
def distributions_by_module() -> dict[str, list[str]]:
    return packages_distributions()  # reads every installed distribution's file list: once


def project_files():
    """The files of the project, without .venv, var, .git and vendored code."""
    for folder, subfolders, files in os.walk(BASE):
        subfolders[:] = [s for s in subfolders if s not in (".venv", "var", ".git", "vendor", "node_modules")]
        for name in files:
            yield Path(folder) / name


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(filename: str) -> dict[str, str]:
    found = {}
    for line in (BASE / filename).read_text(encoding="utf-8").splitlines():
        requirement = line.split("#")[0].strip()
        if requirement and not requirement.startswith("-r"):
            name, _, version = requirement.partition("==")
            found[normalise(re.sub(r"\[.*\]", "", name))] = version
    return found


def imported_modules(paths) -> set[str]:
    """The top-level names of every absolute import in the Python files below `paths`."""
    modules = set()
    for entry in paths:
        path = BASE / entry
        for file in [path] if path.is_file() else path.rglob("*.py"):
            if "vendor" in file.parts:
                continue
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - set(settings.PROJECT_APPS) - {"tests", "bench"}


def distributions_of(modules) -> dict[str, set[str]]:
    providers = distributions_by_module()
    return {module: {normalise(d) for d in providers.get(module, [])} for module in modules}


def test_every_library_the_runtime_code_imports_is_pinned_for_production():
    runtime = pins("requirements.txt")
    unpinned = {m: d for m, d in distributions_of(imported_modules(RUNTIME_CODE)).items() if not d & runtime.keys()}
    assert unpinned == {}


def test_every_library_the_tests_and_tools_import_is_pinned():
    pinned = pins("requirements.txt") | pins("requirements-dev.txt")
    unpinned = {m: d for m, d in distributions_of(imported_modules(DEV_CODE)).items() if not d & pinned.keys()}
    assert unpinned == {}


@pytest.mark.parametrize("filename", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_is_exact(filename):
    assert [name for name, version in pins(filename).items() if not re.fullmatch(r"\d[\w.]*", version)] == []


def test_no_pinned_library_is_dead():
    """A pinned distribution is used when one of its modules is imported or named (a setting, a
    command line: `csp.middleware…`, `python -m gunicorn`) in the project's files, or it says why not."""
    words = set()
    for path in project_files():
        if path.name.startswith("requirements") or path.name == "test_dependencies.py":
            continue
        if path.suffix in TEXT_SUFFIXES:
            words |= set(re.findall(r"\w+", path.read_text(encoding="utf-8", errors="replace")))
    provided = {}
    for module, distributions in distributions_by_module().items():
        for distribution in distributions:
            provided.setdefault(normalise(distribution), set()).add(module)
    pinned = pins("requirements.txt") | pins("requirements-dev.txt")
    dead = [name for name in pinned if name not in NOT_IMPORTED and not provided.get(name, set()) & words]
    assert dead == []
    assert set(NOT_IMPORTED) <= pinned.keys()  # no reason left for a library that is gone
