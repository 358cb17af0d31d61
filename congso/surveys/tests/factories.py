"""Survey test data built through the services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from congso.common.testing import World, make_person
from congso.org.services import counter_create
from congso.surveys.models import SurveyTarget
from congso.surveys.rules import QUESTION_KEYS
from congso.surveys.services import (
    form_token_issue,
    response_submit,
    targets_sync,
    template_default,
)


@dataclass
class SurveyWorld:
    world: World
    counter_a: SurveyTarget
    officer_a: SurveyTarget
    counter_b: SurveyTarget
    version_id: int


def build_survey_world(world: World) -> SurveyWorld:
    counter_a = counter_create(actor=None, unit=world.agency_a, name="Quầy số 1")
    counter_b = counter_create(actor=None, unit=world.agency_b, name="Quầy tiếp nhận")
    officer = make_person(world.division_a, full_name="Phạm Thu Hà", serves_citizens=True, sex="F")
    template = template_default()
    targets_sync(actor=None)
    return SurveyWorld(
        world=world,
        counter_a=SurveyTarget.unscoped.get(counter=counter_a),
        officer_a=SurveyTarget.unscoped.get(person=officer),
        counter_b=SurveyTarget.unscoped.get(counter=counter_b),
        version_id=template.current_id,
    )


def answers(level: int = 4, **overrides: int) -> dict[str, int]:
    result = {key: level for key in QUESTION_KEYS}
    result.update(overrides)
    return result


def rate(
    target: SurveyTarget,
    *,
    level: int = 4,
    now: datetime | None = None,
    ip: str = "",
    **fields: Any,
):
    """Store one rating through the service (fresh client_id and form token)."""
    token = form_token_issue(code=target.code, version_id=target_version())
    return response_submit(
        code=target.code,
        client_id=fields.pop("client_id", uuid.uuid4()),
        form_token=token.token,
        answers=fields.pop("answers", answers(level)),
        ip=ip,
        now=now,
        **fields,
    )


def target_version() -> int:
    return template_default().current_id
