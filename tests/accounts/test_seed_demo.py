from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User
from wir_fallmanagement.management.commands.seed_demo import SEEDS


def test_seed_demo_refuses_without_the_demo_switch(db, settings):
    settings.WIR_DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo", "--quiet")
    assert not User.objects.exists()


def test_seed_demo_creates_the_logins_once(db, settings):
    settings.WIR_DEMO = True
    call_command("seed_demo", "--quiet")
    call_command("seed_demo", "--quiet")
    assert User.objects.count() == len(DEMO_USERS)
    for email, _name, role in DEMO_USERS:
        user = User.objects.get(email=email)
        assert user.role == role
        assert user.check_password(DEMO_PASSWORD)


# Apps without a demo module, each for its reason.
NO_DEMO = {
    "portal": "no data of its own: it shows the volunteers, assignments and Vollmachten of the other demos",
    "imports": "an import run is one user's upload on its way in; the demo offers the sample files instead",
    "wir_fallmanagement": "the wiring: seed_demo itself",
}


def test_seed_demo_calls_every_apps_demo_module_once():
    """One `demo` module per app, called explicitly by seed_demo (no registry to search)."""
    base = Path(settings.BASE_DIR)
    with_demo = {app for app in settings.PROJECT_APPS if (base / app / "demo.py").is_file()}
    called = [seed.__module__ for seed in SEEDS]
    assert sorted(called) == sorted(f"{app}.demo" for app in with_demo)
    assert all(seed.__name__ == "seed" for seed in SEEDS)
    assert with_demo == set(settings.PROJECT_APPS) - set(NO_DEMO)
