"""The portal shows records of volunteers, authorisations and cases: its tests use the fixtures of
those apps' tests."""

from tests.authorisations.conftest import agent, branch, principal  # noqa: F401
from tests.volunteers.conftest import assign, authorise, consent, make_volunteer, portal_setup  # noqa: F401
