import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD, DEMO_USERS
from accounts.models import User


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
