"""The test toolkit itself: a test that logs an error fails unless it expects the error."""

import ast
from pathlib import Path

from django.conf import settings

INNER_TESTS = """
import logging

def test_logs_an_error_by_accident():
    logging.getLogger("wir.anything").error("Something broke")

def test_expects_its_error(expect_errors):
    logging.getLogger("wir.anything").error("Something broke on purpose")
    assert [r.getMessage() for r in expect_errors()] == ["Something broke on purpose"]

def test_logs_a_warning():
    logging.getLogger("wir.anything").warning("Only a warning")
"""


def test_a_logged_error_fails_the_test_unless_it_is_expected(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(settings.BASE_DIR))
    pytester.makeconftest("from tests.conftest import _fail_on_logged_errors, expect_errors  # noqa: F401")
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_subprocess(
        "--ds", "wir_fallmanagement.settings", "-p", "no:playwright", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_logs_an_error_by_accident*",
            "*Failed: The test logged errors*",
            "*ERROR wir.anything: Something broke",
        ]
    )


# --- one place for the factories ------------------------------------------------------------------

TESTS = Path(__file__).parent


def top_level_functions(path: Path) -> dict[str, bool]:
    """name → whether it is a pytest fixture, for the functions defined at the top of a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name: any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
    }


def second_factories() -> list[str]:
    """Functions outside tests/factories.py that carry the name of one of its factories: a second
    `make_client` drifts from the first. (A fixture may bind a factory to a persona under its name.)"""
    factories = {name for name in top_level_functions(TESTS / "factories.py") if name.startswith("make_")}
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        if path.name == "factories.py" or "vendor" in path.parts:
            continue
        for name, is_fixture in top_level_functions(path).items():
            if name in factories and not is_fixture:
                found.append(f"{path.relative_to(TESTS)}: {name}")
    return found


def test_the_factories_live_in_one_module():
    assert second_factories() == []
