"""Fixtures of the authorisations tests: a principal of the caseworker's, the volunteer persona as
agent, a KJC branch and a draft Vollmacht (builders in tests/factories.py)."""

import pytest

from tests.factories import make_agent, make_authorisation, make_branch, make_principal


@pytest.fixture
def branch(db):
    return make_branch()


@pytest.fixture
def principal(caseworker):
    return make_principal(caseworker, family_name_original="الحسن", given_names_original="مريم")


@pytest.fixture
def agent(volunteer):
    return make_agent(volunteer)


@pytest.fixture
def draft(principal, agent, caseworker, branch):
    return make_authorisation(principal, agent, caseworker, branch)
