"""Demo data of the district setup: the fictitious installation is the Odenwaldkreis (its
municipalities, languages, KJC branches and categories come with the other apps' demo data)."""

from django.conf import settings

from .services import update_district


def seed(*, stdout=None) -> None:
    update_district(name=settings.WIR_DISTRICT_NAME)
