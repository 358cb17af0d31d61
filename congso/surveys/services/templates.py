"""The province's survey template and its versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.org.models import OrgUnit
from congso.surveys.models import SurveyTemplate, SurveyVersion
from congso.surveys.rules import DEFAULT_QUESTIONS, AnswerError, clean_text, validate_questions
from congso.surveys.services.common import SurveyError

DEFAULT_NAME = "Phiếu khảo sát sự hài lòng của người dân, tổ chức"
DEFAULT_INTRO = (
    "Ý kiến của Ông/Bà giúp cơ quan phục vụ tốt hơn. Phiếu không ghi tên, cán bộ được đánh giá "
    "không xem được từng phiếu."
)


def _province_root() -> OrgUnit:
    root = OrgUnit.unscoped.filter(parent__isnull=True).order_by("id").first()
    if root is None:
        raise SurveyError(409, "Chưa có cây tổ chức của tỉnh.")
    return root


def template_default(*, actor: Actor | None = None) -> SurveyTemplate:
    """The province's template, created with the SIPAS questions the first time it is asked."""
    template = SurveyTemplate.unscoped.select_related("current").order_by("id").first()
    if template is not None:
        return template
    root = _province_root()
    require(actor, Cap.SURVEYS_MANAGE, root.pk)
    with transaction.atomic():
        template = SurveyTemplate.objects.create(unit=root, name=DEFAULT_NAME)
        version = SurveyVersion.objects.create(
            template=template, number=1, questions=list(DEFAULT_QUESTIONS), intro=DEFAULT_INTRO
        )
        template.current = version
        template.save(update_fields=["current"])
        audit_record(
            actor=actor, action="surveys.template_create", obj=template, new={"version": 1}
        )
    return template


def template_update(
    *,
    actor: Actor | None,
    template: SurveyTemplate,
    questions: Sequence[Mapping[str, Any]],
    intro: str = "",
) -> SurveyVersion:
    """Publish an edit as a new version; responses given on older versions keep theirs."""
    require(actor, Cap.SURVEYS_MANAGE, template.unit_id)
    try:
        cleaned = validate_questions(questions)
        intro_text = clean_text(intro, max_chars=500, field="intro")
    except AnswerError as exc:
        raise SurveyError(422, exc.message, field=exc.field) from exc
    with transaction.atomic():
        locked = SurveyTemplate.unscoped.select_for_update().get(pk=template.pk)
        current_id = locked.current_id
        current = (
            SurveyVersion.objects.filter(pk=current_id).first() if current_id is not None else None
        )
        if current and current.questions == cleaned and current.intro == intro_text:
            return current
        number = (
            SurveyVersion.objects.filter(template=locked)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
            or 0
        ) + 1
        version = SurveyVersion.objects.create(
            template=locked, number=number, questions=cleaned, intro=intro_text
        )
        locked.current = version
        locked.save(update_fields=["current"])
        audit_record(
            actor=actor,
            action="surveys.template_update",
            obj=locked,
            old={"version": current.number if current else None},
            new={"version": number, "questions": cleaned, "intro": intro_text},
        )
    template.current = version
    return version
