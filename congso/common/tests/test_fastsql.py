"""common/fastsql.py on PostgreSQL: the per-request health check looks at the socket instead
of a round trip, and still replaces a connection the server has closed."""

from __future__ import annotations

import select
import time

import psycopg
import pytest
from django.db import connection

from congso.common.fastsql import fetch_one, pg_ready

pytestmark = [
    pytest.mark.django_db(transaction=True),  # autocommit, as a request outside a transaction
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL connections"),
]


def _fail(*args, **kwargs):
    raise AssertionError("SELECT 1 round trip")


def test_health_check_of_a_quiet_connection_sends_no_query(monkeypatch):
    connection.ensure_connection()
    raw = connection.connection
    connection.health_check_done = False  # a new request on a persistent connection
    monkeypatch.setattr(connection, "is_usable", _fail)
    pg_ready()
    assert connection.health_check_done
    assert connection.connection is raw


def test_connection_closed_by_the_server_is_replaced_before_the_query():
    connection.ensure_connection()
    old_pid = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [old_pid])
    poller = select.poll()
    poller.register(connection.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + 5
    while not poller.poll(50) and time.monotonic() < deadline:
        pass  # the server's goodbye reaches the socket
    connection.health_check_done = False  # the next request
    assert fetch_one("SELECT pg_backend_pid()", [])[0] != old_pid
