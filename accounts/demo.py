"""Demo data of the accounts app: the demo logins (only with WIR_DEMO=1, see seed_demo)."""

from .models import Role, User

DEMO_PASSWORD = "demo"  # noqa: S105 -- documented demo password, only with WIR_DEMO=1
DEMO_USERS = [
    ("admin@demo.invalid", "Anna Admin", Role.ADMIN),
    ("teamleitung@demo.invalid", "Tanja Teamleitung", Role.TEAMLEAD),
    ("fm1@demo.invalid", "Felix Fallmann", Role.CASEWORKER),
    ("fm2@demo.invalid", "Fatma Fallfrau", Role.CASEWORKER),
    ("ehrenamt1@demo.invalid", "Erika Ehrenamt", Role.VOLUNTEER),
    ("ehrenamt2@demo.invalid", "Emil Ehrenamt", Role.VOLUNTEER),
    ("kjc@demo.invalid", "Karl Kommunal", Role.KJC),
    ("datenschutz@demo.invalid", "Dana Datenschutz", Role.DPO),
]


def seed(stdout=None):
    users = {}
    for email, name, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name, role=role)
            user.set_password(DEMO_PASSWORD)
            user.save()
        users[email] = user
    return users
