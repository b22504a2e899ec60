"""The test toolkit itself: a test that logs an error fails unless it expects the error."""

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
