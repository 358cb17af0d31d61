"""Demo data: the province's survey template, a QR target for every counter and serving
officer, a year of synthetic ratings with realistic differences, two planted stuffing bursts,
and the rollups built from the raw rows (called by `congso demo` after the province)."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from congso.surveys.models import ResponseFlag, SurveyResponse, SurveyTarget
from congso.surveys.rules import QUESTION_KEYS
from congso.surveys.services import anomalies_detect, targets_sync, template_default
from congso.surveys.services.rollups import rollups_fill

TOTAL_RATINGS = 300_000
# How far an agency's share of satisfied answers moves over the demo year (the movement takes
# hold unevenly: most agencies improve a few points, some slip).
YEAR_TREND_MEAN, YEAR_TREND_SPREAD = 0.07, 0.05
# How each element tends to differ from the agency's level (procedures score lowest in SIPAS
# surveys, results and the officer's conduct highest).
ELEMENT_SHIFT = {
    "access": 0.0,
    "procedure": -0.06,
    "officer": 0.03,
    "result": 0.04,
    "feedback": -0.04,
    "attitude": 0.02,
    "overall": 0.0,
}
COMMENTS = (
    "Cán bộ hướng dẫn tận tình, dễ hiểu.",
    "Phải chờ lâu, nên bố trí thêm quầy vào buổi sáng.",
    "Thủ tục còn nhiều giấy tờ, mong được đơn giản hóa.",
    "Trả kết quả đúng hẹn, cảm ơn cán bộ.",
    "Chỗ ngồi chờ chật, thiếu quạt.",
    "Cán bộ thái độ chưa niềm nở.",
    "Được nhắn tin báo kết quả, rất tiện.",
    "Phải đi lại hai lần vì hướng dẫn chưa đủ.",
)


def _level(rng: random.Random, p_satisfied: float) -> int:
    if rng.random() < p_satisfied:
        return 5 if rng.random() < 0.45 else 4
    roll = rng.random()
    return 3 if roll < 0.6 else (2 if roll < 0.9 else 1)


def _moment(rng: random.Random, start: datetime, *, days: int = 365) -> datetime:
    """A working-hours moment (Mon–Fri, 07:30–17:00 local) within `days` after `start`."""
    while True:
        day = start + timedelta(days=rng.randrange(days))
        if day.weekday() < 5:
            break
    minutes = rng.randrange(7 * 60 + 30, 17 * 60)
    return day.replace(hour=minutes // 60, minute=minutes % 60, second=rng.randrange(60))


def _uuid7(moment: datetime, rng: random.Random) -> uuid.UUID:
    """A time-ordered UUID (version 7 layout): rows inserted in time order append to the
    client_id index instead of scattering, which keeps the bulk load fast."""
    millis = int(moment.timestamp() * 1000)
    value = (millis << 80) | (0x7 << 76) | (rng.getrandbits(12) << 64) | (0b10 << 62)
    return uuid.UUID(int=value | rng.getrandbits(62))


def _rows(rng: random.Random, version_id: int, targets: list[SurveyTarget], start: datetime):
    """(target, moment, answers, comment, flags) of a year of ratings, in time order."""
    agency_level = {t.agency_id: min(0.97, max(0.45, rng.gauss(0.8, 0.09))) for t in targets}
    weights = [
        rng.uniform(3.0, 8.0) if target.kind == "counter" else rng.uniform(0.3, 2)
        for target in targets
    ]
    officer_shift = {target.pk: rng.gauss(0, 0.07) for target in targets}
    agency_trend = {t.agency_id: rng.gauss(YEAR_TREND_MEAN, YEAR_TREND_SPREAD) for t in targets}
    chosen = rng.choices(targets, weights=weights, k=TOTAL_RATINGS)
    rows = []
    for target in chosen:
        moment = _moment(rng, start)
        # Centred on mid-year, so the year's level stays the agency's level.
        progress = (moment - start).total_seconds() / (365 * 86400) - 0.5
        base = (
            agency_level[target.agency_id]
            + officer_shift[target.pk]
            + agency_trend[target.agency_id] * progress
        )
        answers = tuple(
            _level(rng, min(0.99, max(0.05, base + ELEMENT_SHIFT[key]))) for key in QUESTION_KEYS
        )
        comment = rng.choice(COMMENTS) if rng.random() < 0.04 else ""
        flags = ResponseFlag.FORM if rng.random() < 0.2 else 0
        rows.append((target, moment, answers, comment, flags, 0))
    return rows


def _planted(rng: random.Random, targets: list[SurveyTarget], start: datetime) -> list:
    """Two stuffing episodes: 14 identical top ratings at one counter within 4 minutes, and 20
    ratings from one network address at another counter within 5 minutes."""
    counters = [t for t in targets if t.kind == "counter"]
    if len(counters) < 2:
        return []
    first, second = rng.sample(counters, 2)
    moment = _moment(rng, start + timedelta(days=200), days=30)
    rows = [
        (first, moment + timedelta(seconds=17 * i), (5,) * len(QUESTION_KEYS), "", 0, 0)
        for i in range(14)
    ]
    address = rng.getrandbits(62) + 1
    later = _moment(rng, start + timedelta(days=300), days=30)
    for i in range(20):
        answers = tuple(rng.choice((4, 5)) for _ in QUESTION_KEYS)
        rows.append((second, later + timedelta(seconds=14 * i), answers, "", 0, address))
    return rows


def _insert(rows: list, *, rng: random.Random, version_id: int) -> None:
    """One executemany of plain tuples (a model instance per row would triple the time)."""
    fields = {f.name: f for f in SurveyResponse._meta.concrete_fields}
    columns = [
        "target_id",
        "unit_id",
        "agency_id",
        "version_id",
        "client_id",
        "form_nonce",
        "comment",
        "flags",
        "ip_key",
        "device_key",
        "created_at",
        *[f"a_{k}" for k in QUESTION_KEYS],
    ]
    table = connection.ops.quote_name(SurveyResponse._meta.db_table)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608 (identifiers come from model metadata)
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    client_field, time_field = fields["client_id"], fields["created_at"]
    params = []
    for index, (target, moment, answers, comment, flags, ip) in enumerate(
        sorted(rows, key=lambda row: row[1])
    ):
        params.append(
            (
                target.pk,
                target.unit_id,
                target.agency_id,
                version_id,
                client_field.get_db_prep_value(_uuid7(moment, rng), connection),
                f"d{index:09d}",
                comment,
                flags,
                ip or rng.getrandbits(62) + 1,
                rng.getrandbits(62) + 1,
                time_field.get_db_prep_value(moment, connection),
                *answers,
            )
        )
    with connection.cursor() as cursor:
        for offset in range(0, len(params), 10_000):
            cursor.executemany(sql, params[offset : offset + 10_000])


def load_demo(*, rng: random.Random, log: Callable[[str], None]) -> None:
    started = time.perf_counter()
    template = template_default()
    made = targets_sync(actor=None)
    targets = list(SurveyTarget.unscoped.filter(is_active=True).order_by("id"))
    if not targets:
        log("  khảo sát: chưa có quầy hay cán bộ phục vụ người dân, bỏ qua phiếu mẫu")
        return
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    start = today - timedelta(days=365)
    rows = _rows(rng, template.current_id, targets, start) + _planted(rng, targets, start)
    _insert(rows, rng=rng, version_id=template.current_id)
    rollups_fill(kind="day")
    rollups_fill(kind="month", from_daily=True)
    flags = anomalies_detect(full=True)
    log(
        f"  khảo sát: {made} mã QR, {SurveyResponse.unscoped.count()} phiếu trong 12 tháng, "
        f"{len(flags)} cảnh báo bất thường ({time.perf_counter() - started:.1f} s)"
    )
