"""The refusal tests' guard (common/testing.py unchanged_database) sees any write."""

import pytest

from congso.common.models import Holiday
from congso.common.testing import unchanged_database
from congso.org.models import Person


def test_unchanged_database_passes_a_block_that_only_reads(world):
    with unchanged_database():
        assert Person.unscoped.count() > 0


def test_unchanged_database_fails_on_an_update_an_insert_or_a_delete(world):
    person = Person.unscoped.get(pk=world.alice.person_id)
    with pytest.raises(AssertionError, match=r"org\.Person"):
        with unchanged_database():
            Person.unscoped.filter(pk=person.pk).update(position="Trưởng phòng")
    with pytest.raises(AssertionError, match=r"common\.Holiday"):
        with unchanged_database():
            Holiday.objects.filter(date="2027-02-08").delete()
