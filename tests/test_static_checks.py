"""Source checks that fail the build on risky constructs. A line may only use one of them with an
explicit, reviewed reason on the same line (`nosec <id> -- why`)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

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
