"""`congso bench dissemination-send`: one document sent to the whole province (40 000
recipients; 4 000 with --quick), through the real service `campaign_send`, timed; and the
number of queries of sending to the whole province compared with sending to one agency
(targeting is by unit, recipients are not written, so it must not depend on the number of
recipients). Also times the start-day reminder run for the same campaign (notices for every
recipient with an account; in the benchmark nobody has one, so it measures finding the late
recipients). Target: < 5 s with a constant number of queries (issue 11, point 11).
"""

from __future__ import annotations

import random
import time
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.bench._dissemination_support import build_province, make_document
from congso.dissemination.reminders import send_reminders
from congso.dissemination.services import campaign_send


def run(options: dict) -> dict:
    staff = options.get("staff") or (4_000 if options.get("quick") else 40_000)
    rng = random.Random(20261206)
    root, units, _people = build_province(staff, rng)
    document = make_document(root)
    start = date(2026, 3, 2)
    begin = time.perf_counter()
    with CaptureQueriesContext(connection) as whole:
        campaign_send(actor=None, document=document, unit=root, start_on=start, working_days=10)
    send_seconds = time.perf_counter() - begin
    with CaptureQueriesContext(connection) as one:
        campaign_send(actor=None, document=document, unit=units[0], start_on=start)
    begin = time.perf_counter()
    send_reminders(today=start)
    reminder_seconds = time.perf_counter() - begin
    constant = len(whole) == len(one)
    return {
        "recipients": staff,
        "send_seconds": round(send_seconds, 4),
        "queries_whole_province": len(whole),
        "queries_one_agency": len(one),
        "reminder_run_seconds": round(reminder_seconds, 3),
        "target": "send < 5 s; the same number of queries for 40 000 and a few hundred recipients",
        "pass": send_seconds < 5 and constant,
    }
