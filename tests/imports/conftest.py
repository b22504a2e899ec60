import pytest

from cases.models import Municipality


@pytest.fixture
def erbach(db):
    return Municipality.objects.get_or_create(name="Erbach")[0]
