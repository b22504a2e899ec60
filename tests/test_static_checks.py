"""Source checks that fail the build on risky constructs. A line may only use one of them with an
explicit, reviewed reason on the same line (`nosec <id> -- why`)."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import Role

BASE = Path(settings.BASE_DIR)
SKIP_PARTS = {".venv", "var", "tests", "node_modules", "__pycache__"}

PATTERNS = {
    "raw SQL through the ORM (.raw)": re.compile(r"\.raw\("),
    "QuerySet.extra": re.compile(r"\.extra\("),
    "string-formatted SQL": re.compile(r"(execute|RawSQL)\(\s*(f[\"']|[\"'].*[\"']\s*(%|\.format\())"),
    "mark_safe": re.compile(r"\bmark_safe\("),
    "|safe in templates": re.compile(r"\|\s*safe\b"),
    "csrf_exempt": re.compile(r"\bcsrf_exempt\b"),
}


def source_files():
    for path in BASE.rglob("*"):
        if path.suffix not in (".py", ".html", ".txt") or SKIP_PARTS & set(path.relative_to(BASE).parts):
            continue
        yield path


def findings():
    found = []
    for path in source_files():
        # "execute(\n    f'…'" counts like "execute(f'…'": join an opening bracket with its next line.
        text = re.sub(r"\(\s*\n\s*", "(", path.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            for name, pattern in PATTERNS.items():
                if pattern.search(line) and not re.search(r"nosec\b.*--\s*\S", line):
                    found.append(f"{path.relative_to(BASE)}:{number}: {name}")
    return found


def test_no_risky_constructs_without_a_reviewed_reason():
    assert findings() == []


@pytest.mark.parametrize(
    "line",
    [
        "Client.objects.raw('SELECT 1')",
        "qs.extra(where=['1=1'])",
        'cursor.execute(f"SELECT * FROM {table}")',
        "cursor.execute('SELECT %s' % value)",
        "html = mark_safe(user_input)",
        "{{ note|safe }}",
        "@csrf_exempt",
    ],
)
def test_the_check_catches_each_pattern(line):
    assert any(pattern.search(line) for pattern in PATTERNS.values())


# --- the project stands on its own documents -----------------------------------------------------

DOC_SUFFIXES = {".py", ".html", ".txt", ".md", ".toml", ".cfg", ".yaml", ".yml", ".po", ".sh", ""}
# Pointing outside the repository: a path through ../shared, or a product.md that is not docs/product.md
# (inside docs/ a plain "product.md" is the neighbour file).
OUTSIDE_DOCUMENT = re.compile(r"\.\./shared\b|(?<![\w/])(?<!docs/)product\.md")
OUTSIDE_DOCUMENT_FROM_DOCS = re.compile(r"\.\./shared\b|\.\./product\.md")


def documents():
    for path in BASE.rglob("*"):
        relative = path.relative_to(BASE)
        if not path.is_file() or SKIP_PARTS - {"tests"} & set(relative.parts) or relative.parts[0].startswith("."):
            continue
        if path.suffix in DOC_SUFFIXES or path.name in ("Makefile", "dev"):
            yield path


def outside_references():
    found = []
    for path in documents():
        if path == Path(__file__):
            continue
        pattern = OUTSIDE_DOCUMENT_FROM_DOCS if path.relative_to(BASE).parts[0] == "docs" else OUTSIDE_DOCUMENT
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(BASE)}:{number}: {line.strip()}")
    return found


def test_no_file_refers_to_documents_outside_the_repository():
    assert outside_references() == []


@pytest.mark.parametrize(
    ("line", "outside"),
    [
        ('"""The five roles of product.md."""', True),
        ("See ../shared/docs/style.md", True),
        ('(product.md, "Lifecycles")', True),
        ('(docs/product.md, "What a volunteer sees")', False),
        ("see [the product](docs/product.md)", False),
    ],
)
def test_the_outside_reference_check(line, outside):
    assert bool(OUTSIDE_DOCUMENT.search(line)) is outside


# --- honest layers: an app imports another at the top of a module --------------------------------

APPS = settings.PROJECT_APPS
LOCAL_CROSS_APP_IMPORT = re.compile(rf"^[ \t]+(from|import)[ \t]+({'|'.join(APPS)})\b", re.MULTILINE)


def local_cross_app_imports():
    """Imports of another app inside a function or class: the way to dodge an import cycle, which
    means the code is in the wrong app. Migrations are exempt (they must import late)."""
    found = []
    for app in APPS:
        for path in (BASE / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for match in LOCAL_CROSS_APP_IMPORT.finditer(path.read_text(encoding="utf-8")):
                if match.group(2) != app:
                    line = path.read_text(encoding="utf-8").count("\n", 0, match.start()) + 1
                    found.append(f"{path.relative_to(BASE)}:{line}")
    return found


def test_cross_app_imports_are_at_the_top_of_modules():
    assert local_cross_app_imports() == []


def test_the_local_import_check_catches_one():
    text = "def f():\n    from volunteers.models import Volunteer\n"
    assert LOCAL_CROSS_APP_IMPORT.search(text).group(2) == "volunteers"
    assert not LOCAL_CROSS_APP_IMPORT.search("from volunteers.models import Volunteer\n")


# --- imports stand at the top of a module --------------------------------------------------------

# The only imports allowed inside a function, each for its reason:
LAZY_IMPORTS = {
    # WeasyPrint loads Pango (~0.3 s) when imported: only a process that makes a PDF pays for it
    # (wir_fallmanagement/pdf.py, which also patches two of its modules the first time)
    "weasyprint": "heavy",
    "pydyf": "heavy",  # WeasyPrint's PDF writer, loaded with it
}


def function_level_imports(source: str, filename: str) -> list[str]:
    """`file:line: module` of every import inside a function or class, except in an AppConfig's
    `ready()` (Django's place for wiring signals and registrations, which needs the models
    loaded) and those of LAZY_IMPORTS."""
    found = []

    def visit(node, nested):
        if isinstance(node, ast.FunctionDef) and node.name == "ready" and filename.endswith("apps.py"):
            return
        if nested and isinstance(node, ast.Import | ast.ImportFrom):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            else:
                prefix = "." * node.level + (node.module or "")
                modules = [prefix] if node.module else [prefix + alias.name for alias in node.names]
            if not all(module.split(".")[0] in LAZY_IMPORTS for module in modules):
                found.append(f"{filename}:{node.lineno}: {', '.join(modules)}")
        inner = nested or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        for child in ast.iter_child_nodes(node):
            visit(child, inner)

    visit(ast.parse(source), False)
    return found


def test_imports_stand_at_the_top_of_modules():
    """An import inside a function hides a dependency from the reader and from lint-imports (or
    dodges a cycle, which means the code is in the wrong module). Migrations are exempt."""
    found = []
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            if "migrations" not in path.parts:
                found += function_level_imports(path.read_text(encoding="utf-8"), str(path.relative_to(BASE)))
    assert found == []


def test_the_function_level_import_check():
    source = (
        "from . import models\n"
        "def late():\n    from . import security\n"
        "def heavy():\n    from weasyprint import HTML\n"
        "class Config:\n    def ready(self):\n        from . import signals\n"
    )
    assert function_level_imports(source, "accounts/models.py") == [
        "accounts/models.py:3: .security",
        "accounts/models.py:8: .signals",
    ]
    assert function_level_imports(source, "accounts/apps.py") == ["accounts/apps.py:3: .security"]


# --- roles by their constants ----------------------------------------------------------------------


def role_literals(source: str, filename: str) -> list[str]:
    """String literals that spell a role's stored value ("Teamleitung") outside a translated label
    and a family name: code compares roles through `Role.TEAMLEAD`, never through the string."""
    values = {str(role) for role in Role}
    tree = ast.parse(source)
    allowed = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("_", "gettext", "gettext_lazy"):
            allowed |= {id(arg) for arg in node.args}
        if isinstance(node, ast.keyword) and node.arg == "family_name":
            allowed.add(id(node.value))
    return [
        f"{filename}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and node.value in values and id(node) not in allowed
    ]


def test_roles_are_named_by_their_constants():
    found = []
    for app in APPS:
        for path in sorted((BASE / app).rglob("*.py")):
            relative = str(path.relative_to(BASE))
            if "migrations" not in path.parts and relative != "accounts/models.py":  # where Role is defined
                found += role_literals(path.read_text(encoding="utf-8"), relative)
    assert found == []


def test_the_role_literal_check():
    source = 'ROLES = {"Fallmanagement", "Teamleitung"}\nlabel = _("Teamleitung")\nmake(family_name="Ehrenamt")\n'
    assert role_literals(source, "x.py") == ["x.py:1: 'Fallmanagement'", "x.py:1: 'Teamleitung'"]
