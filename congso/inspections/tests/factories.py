"""Builders for inspection tests: an inspector, a code in force, a started visit."""

from __future__ import annotations

from datetime import date

from congso.common.permissions import Role
from congso.common.testing import actor_of, make_user
from congso.conduct import services as conduct_services
from congso.inspections import services

VISIT_DAY = date(2025, 10, 15)


def inspector_user(world, username: str = "thanhtra"):
    """An inspector with province-wide reach (Thanh tra tỉnh)."""
    return make_user(username, roles=[(Role.INSPECTOR, world.province)])


def code_in_force(unit, *, day: date = date(2025, 1, 1)):
    code = conduct_services.code_create_from_template(actor=None, unit=unit)
    version = code.versions.get()
    conduct_services.version_publish(actor=None, version=version, effective_from=day)
    return version


def approved_plan(world, *, targets=None, year: int = 2025):
    plan = services.plan_create(
        actor=None,
        unit=world.province,
        year=year,
        title=f"Kế hoạch kiểm tra công vụ năm {year}",
        targets=targets or [world.agency_a, world.agency_b],
    )
    return services.plan_advance(actor=None, plan=plan)


def started_visit(world, unit=None, *, day: date = VISIT_DAY):
    unit = unit or world.agency_a
    code_in_force(unit)
    visit = services.visit_schedule(
        actor=None,
        target=unit,
        visit_on=day,
        kind="surprise",
        inspecting_unit=world.province,
    )
    return services.visit_start(actor=None, visit=visit)


__all__ = ["actor_of"]
