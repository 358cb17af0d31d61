"""The public API tests again, outside a test transaction: in autocommit PostgreSQL stores a
rating in one statement (lookup, rate limits, response and rollups, services/hot_sql.py), a
path the transaction-wrapped tests never take. Same behaviours, same assertions."""

from __future__ import annotations

import pytest

from congso.surveys.tests.test_api import *  # noqa: F403

pytestmark = pytest.mark.django_db(transaction=True)
