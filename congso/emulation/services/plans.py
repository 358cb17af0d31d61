"""Plans and registrations (đăng ký thi đua): draft → submitted → approved / returned."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.accounts.models import RoleGrant
from congso.cases.models import Exemplar
from congso.cases.services import notify_users
from congso.common.audit import audit_record
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, require
from congso.common.text import clean_free_text, nfc
from congso.emulation.models import (
    Award,
    AwardTitle,
    Initiative,
    InitiativeState,
    Plan,
    Proposal,
    ProposalState,
    Registration,
    RegistrationState,
    Review,
    ReviewKind,
    Subject,
)
from congso.emulation.rules import EmulationError, check_registration_open
from congso.org.models import OrgUnit, Person


def plan_create(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    year: int,
    name: str,
    registration_deadline: date,
    titles: list[AwardTitle],
    criteria: str = "",
    milestones: str = "",
) -> Plan:
    require(actor, Cap.EMULATION_MANAGE, unit.pk)
    name = nfc(name).strip()
    if not name:
        raise EmulationError(_("Tên kế hoạch không được để trống."), field="name")
    if not titles:
        raise EmulationError(_("Chọn ít nhất một danh hiệu hoặc hình thức khen thưởng."), "titles")
    if registration_deadline.year not in (year, year - 1):
        raise EmulationError(_("Hạn đăng ký phải nằm trong năm của kế hoạch."), "deadline")
    with transaction.atomic():
        plan = Plan.unscoped.create(
            unit=unit,
            year=year,
            name=name,
            criteria=nfc(criteria).strip(),
            milestones=nfc(milestones).strip(),
            registration_deadline=registration_deadline,
        )
        plan.titles.set(titles)
        audit_record(
            actor=actor,
            action="emulation.plan_create",
            obj=plan,
            new={"year": year, "name": name, "titles": sorted(t.code for t in titles)},
        )
    return plan


def _may_register(actor: Actor | None, unit_id: int, person: Person | None) -> bool:
    if actor is None:
        return True
    if person is not None and person.pk == actor.person_id:
        return Cap.EMULATION_REGISTER in actor.self_capabilities or actor.can(
            Cap.EMULATION_REGISTER, unit_id
        )
    return actor.can(Cap.EMULATION_REGISTER, unit_id)


def registration_create(
    *,
    actor: Actor | None,
    plan: Plan,
    title: AwardTitle,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    today: date | None = None,
) -> Registration:
    """Register a person (or, without a person, the collective `unit`) for a title of the plan,
    as a draft. Refused after the plan's deadline."""
    unit_id = person.unit_id if person is not None else (unit.pk if unit else None)
    if unit_id is None or not _may_register(actor, unit_id, person):
        raise PermissionDenied
    check_registration_open(plan.registration_deadline, today or timezone.localdate())
    if not plan.titles.filter(pk=title.pk).exists():
        raise EmulationError(_("Danh hiệu này không có trong kế hoạch."), field="title")
    wanted = Subject.INDIVIDUAL if person is not None else Subject.COLLECTIVE
    if title.subject != wanted:
        raise EmulationError(
            _(
                "Danh hiệu dành cho cá nhân chỉ đăng ký cho cá nhân, dành cho tập thể chỉ đăng ký "
                "cho tập thể."
            ),
            field="title",
        )
    try:
        with transaction.atomic():
            row = Registration.unscoped.create(
                plan=plan, title=title, person=person, unit_id=unit_id
            )
            audit_record(
                actor=actor,
                action="emulation.registration_create",
                obj=row,
                new={"plan": plan.pk, "title": title.code, "person": row.person_id},
            )
    except IntegrityError as exc:
        raise EmulationError(_("Đã đăng ký danh hiệu này trong kế hoạch."), field="title") from exc
    return row


def registration_submit(
    *, actor: Actor | None, registration: Registration, today: date | None = None
) -> Registration:
    with transaction.atomic():
        row = (
            Registration.unscoped.select_for_update(of=("self",))
            .select_related("plan", "person")
            .get(pk=registration.pk)
        )
        if not _may_register(actor, row.unit_id, row.person):
            raise PermissionDenied
        if row.state not in (RegistrationState.DRAFT, RegistrationState.RETURNED):
            raise EmulationError(_("Đăng ký này đã được gửi."))
        check_registration_open(row.plan.registration_deadline, today or timezone.localdate())
        old = row.state
        row.state = RegistrationState.SUBMITTED
        row.submitted_at = timezone.now()
        row.save(update_fields=["state", "submitted_at"])
        audit_record(
            actor=actor,
            action="emulation.registration_submit",
            obj=row,
            old={"state": old},
            new={"state": row.state},
        )
    return row


def registration_decide(
    *, actor: Actor | None, registration: Registration, approve: bool, reason: str = ""
) -> Registration:
    """Approve, or return with a reason, a submitted registration (the emulation officer of
    a unit above: registrations are aggregated level by level up the tree)."""
    require(actor, Cap.EMULATION_MANAGE, registration.unit_id)
    reason = nfc(reason).strip()
    if not approve and not reason:
        raise EmulationError(_("Ghi lý do trả lại đăng ký."), field="reason")
    with transaction.atomic():
        row = Registration.unscoped.select_for_update(of=("self",)).get(pk=registration.pk)
        if row.state != RegistrationState.SUBMITTED:
            raise EmulationError(_("Chỉ xét đăng ký đã gửi."))
        old = row.state
        row.state = RegistrationState.APPROVED if approve else RegistrationState.RETURNED
        row.return_reason = "" if approve else reason
        row.decided_at = timezone.now()
        row.save(update_fields=["state", "return_reason", "decided_at"])
        audit_record(
            actor=actor,
            action="emulation.registration_decide",
            obj=row,
            old={"state": old},
            new={"state": row.state, "reason": row.return_reason},
        )
    return row


def review_save(
    *, actor: Actor | None, plan: Plan, unit: OrgUnit, kind: str, narrative: str
) -> Review:
    """Write (or rewrite) a unit's sơ kết / tổng kết of a plan: the figures are taken from the
    system at this moment, the narrative is the unit's."""
    require(actor, Cap.EMULATION_REGISTER, unit.pk)
    if kind not in ReviewKind.values:
        raise EmulationError(_("Loại báo cáo không hợp lệ."), field="kind")
    if not unit.path.startswith(plan.unit.path):
        raise EmulationError(_("Đơn vị không thuộc phạm vi kế hoạch."), field="unit")
    narrative = clean_free_text(narrative)  # the unit's paragraphs stay paragraphs
    if not narrative:
        raise EmulationError(_("Ghi nội dung đánh giá của đơn vị."), field="narrative")
    figures = _review_figures(plan=plan, unit=unit)
    with transaction.atomic():
        review, created = Review.unscoped.select_for_update(of=("self",)).get_or_create(
            plan=plan,
            unit=unit,
            kind=kind,
            defaults={"figures": figures, "narrative": narrative},
        )
        if not created:
            review.figures, review.narrative = figures, narrative
            review.save(update_fields=["figures", "narrative", "updated_at"])
        audit_record(
            actor=actor,
            action="emulation.review_save",
            obj=review,
            new={"kind": kind, "figures": figures},
        )
    return review


def urging_send(*, actor: Actor | None, plan: Plan, rows) -> int:
    """Đôn đốc: a notice to the heads and emulation officers of each agency that has not
    submitted a registration under the plan (`rows`: selectors.urging). Audited."""
    require(actor, Cap.EMULATION_MANAGE, plan.unit_id)
    unit_ids = [row.unit.pk for row in rows]
    if not unit_ids:
        raise EmulationError(_("Mọi đơn vị đã gửi đăng ký: không có ai cần nhắc."))
    users = set(
        RoleGrant.objects.filter(
            unit_id__in=unit_ids,
            role__in=(Role.UNIT_HEAD, Role.EMULATION_OFFICER),
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    text = _("Đơn vị chưa gửi đăng ký thi đua theo “%(plan)s”, hạn %(day)s.") % {
        "plan": plan.name,
        "day": plan.registration_deadline.strftime("%d/%m/%Y"),
    }
    with transaction.atomic():
        sent = notify_users(user_ids=users, text=str(text))
        audit_record(
            actor=actor,
            action="emulation.urging_send",
            obj=plan,
            new={"units": unit_ids, "notices": sent},
        )
    return sent


def _review_figures(*, plan: Plan, unit: OrgUnit) -> dict[str, int]:
    """The figures a review starts from, for `unit` and below, in the plan's year:
    registrations by state, proposals, awards and their total, recognised initiatives,
    confirmed exemplars. A fixed number of queries."""
    regs = Registration.unscoped.filter(plan=plan).in_subtree(unit)
    counts = {state: 0 for state in RegistrationState.values}
    for state in regs.values_list("state", flat=True):
        counts[state] += 1
    awards = Award.unscoped.in_subtree(unit).filter(
        decision__year=plan.year, revoked_on__isnull=True
    )
    return {
        "registrations": sum(counts.values()),
        "registrations_approved": counts[RegistrationState.APPROVED],
        "registrations_pending": counts[RegistrationState.SUBMITTED],
        "proposals": Proposal.unscoped.in_subtree(unit)
        .filter(year=plan.year)
        .exclude(state=ProposalState.WITHDRAWN)
        .count(),
        "awards": awards.count(),
        "award_amount": sum(awards.values_list("amount", flat=True)),
        "initiatives": Initiative.unscoped.in_subtree(unit)
        .filter(year=plan.year, state=InitiativeState.RECOGNISED)
        .count(),
        "exemplars": Exemplar.unscoped.in_subtree(unit)
        .filter(recognised_on__year=plan.year)
        .count(),
    }
