"""Test helpers: published classification results and emulation rows."""

from __future__ import annotations

import importlib
from datetime import date
from decimal import Decimal

from congso.emulation.models import AwardTitle, BaseSalary, Plan, TitleCoefficient
from congso.evaluation.models import Result, Run


def seed_catalogue() -> None:
    """The catalogue, its first coefficients and base salary as the migrations seed them, for
    tests whose database was flushed (live-server browser tests)."""
    catalogue = importlib.import_module("congso.emulation.migrations.0002_catalogue")
    versions = importlib.import_module(
        "congso.emulation.migrations.0004_ballot_coefficients_designs"
    )
    for (
        code,
        name,
        kind,
        subject,
        rule,
        basis,
        coef,
        threshold,
        issuer,
        sort,
    ) in catalogue.CATALOGUE:
        row, _ = AwardTitle.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "subject": subject,
                "rule": rule,
                "basis": basis,
                "vote_threshold_pct": Decimal(threshold),
                "issuer": issuer,
                "sort": sort,
                "certificate": versions.DESIGNS.get(code, "danh_hieu"),
            },
        )
        TitleCoefficient.objects.get_or_create(
            title=row, valid_from=versions.FIRST_DAY, defaults={"coefficient": Decimal(coef)}
        )
    BaseSalary.objects.get_or_create(valid_from=date(2024, 7, 1), defaults={"amount": 2340000})


def title(code: str) -> AwardTitle:
    return AwardTitle.objects.get(code=code)


def published_result(
    person,
    *,
    year=2025,
    level="HTTNV",
    ldtt=True,
    cstdcs=False,
    state="final",
    collective="HTTNV",
    titles=None,
):
    run, _ = Run.unscoped.get_or_create(
        unit_id=person.unit_id,
        year=year,
        defaults={"state": state, "collective_level": collective, "titles": titles or {}},
    )
    reasons = [
        {
            "code": "R12_ELIGIBLE" if ldtt else "R12_LEVEL",
            "text_vi": "Đủ tiêu chuẩn Lao động tiên tiến."
            if ldtt
            else "Xếp loại hoàn thành nhiệm vụ, dưới mức hoàn thành tốt nhiệm vụ.",
            "basis": "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24",
        }
    ]
    return Result.unscoped.create(
        unit_id=person.unit_id,
        run=run,
        person=person,
        category="cong_chuc",
        proposed=level,
        classification=level,
        rule_set="nd90_2020",
        ldtt_eligible=ldtt,
        cstdcs_eligible=cstdcs,
        reasons=reasons,
    )


def plan(unit, *, year=2026, deadline=date(2026, 3, 31), codes=("ldtt", "cstdcs", "ttldtt")):
    row = Plan.unscoped.create(
        unit=unit, year=year, name=f"Kế hoạch thi đua năm {year}", registration_deadline=deadline
    )
    row.titles.set(AwardTitle.objects.filter(code__in=codes))
    return row
