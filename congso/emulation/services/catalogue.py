"""The province's catalogue of titles and forms of award, their bonus coefficients and the
base salary. Edited by the province's emulation officer (emulation.manage on the root unit).
Amounts are versioned by the day they apply from: a change is a new version, never an edit of
an old one, so a decision keeps the coefficient and base salary in force on its signing day.
Every change writes an audit row."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.common.text import nfc
from congso.emulation.models import (
    AwardKind,
    AwardTitle,
    BaseSalary,
    CertificateDesign,
    Rule,
    Subject,
    TitleCoefficient,
)
from congso.emulation.rules import EmulationError
from congso.org.models import OrgUnit

CODE_RE = re.compile(r"^[a-z0-9_]{2,30}$")
MAX_COEFFICIENT = Decimal("99.99")


def province_id() -> int:
    root = OrgUnit.unscoped.filter(parent__isnull=True).order_by("pk").values_list("pk", flat=True)
    found = root.first()
    if found is None:
        raise Http404
    return found


def may_edit(actor: Actor | None) -> bool:
    """The province's emulation officer (emulation.manage on the root unit)."""
    return actor is None or actor.can(Cap.EMULATION_MANAGE, province_id())


def _require_province(actor: Actor | None) -> int:
    # Another agency's officer gets the same 404 as for a page that does not exist.
    if not may_edit(actor):
        raise Http404
    return province_id()


def parse_decimal(raw: str, *, field: str, label: str) -> Decimal:
    text = (raw or "").strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise EmulationError(
            _("%(label)s phải là một số (ví dụ 0,3).") % {"label": label}, field=field
        ) from exc
    if not value.is_finite():
        raise EmulationError(_("%(label)s phải là một số (ví dụ 0,3).") % {"label": label}, field)
    return value


def _threshold(value: Decimal) -> Decimal:
    if not Decimal(0) < value <= Decimal(100):
        raise EmulationError(
            _("Tỷ lệ phiếu đồng ý tối thiểu phải lớn hơn 0 và không quá 100 %."),
            field="vote_threshold_pct",
        )
    return value.quantize(Decimal("0.01"))


def _coefficient(value: Decimal) -> Decimal:
    if not Decimal(0) <= value <= MAX_COEFFICIENT or value != value.quantize(Decimal("0.01")):
        raise EmulationError(
            _("Hệ số tiền thưởng phải từ 0 đến 99,99, tối đa hai chữ số thập phân."),
            field="coefficient",
        )
    return value


def _text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    value = nfc(value or "").strip()
    if required and not value:
        raise EmulationError(_("%(label)s không được để trống.") % {"label": label}, field)
    if len(value) > max_length:
        raise EmulationError(
            _("%(label)s dài quá %(n)s ký tự.") % {"label": label, "n": max_length}, field
        )
    return value


def _fields(*, name, basis, issuer, vote_threshold_pct, certificate) -> dict:
    if certificate not in CertificateDesign.values:
        raise EmulationError(_("Chọn mẫu in giấy chứng nhận."), field="certificate")
    return {
        "name": _text(name, field="name", label=_("Tên"), max_length=160),
        "basis": _text(basis, field="basis", label=_("Căn cứ"), max_length=200),
        "issuer": _text(issuer, field="issuer", label=_("Cấp quyết định"), max_length=80),
        "vote_threshold_pct": _threshold(vote_threshold_pct),
        "certificate": certificate,
    }


def title_create(
    *,
    actor: Actor | None,
    code: str,
    name: str,
    kind: str,
    subject: str,
    rule: str,
    basis: str,
    issuer: str,
    vote_threshold_pct: Decimal,
    certificate: str,
    coefficient: Decimal,
    valid_from: date,
    sort: int = 0,
) -> AwardTitle:
    """A new title or form, with its first bonus coefficient in force from `valid_from`."""
    province = _require_province(actor)
    code = (code or "").strip().lower()
    if not CODE_RE.match(code):
        raise EmulationError(
            _("Mã gồm 2–30 ký tự: chữ thường không dấu, chữ số, dấu gạch dưới."), field="code"
        )
    if kind not in AwardKind.values:
        raise EmulationError(_("Chọn loại: danh hiệu thi đua hoặc hình thức khen thưởng."), "kind")
    if subject not in Subject.values:
        raise EmulationError(_("Chọn đối tượng: cá nhân hoặc tập thể."), field="subject")
    if rule not in Rule.values:
        raise EmulationError(_("Chọn quy tắc xét."), field="rule")
    collective_rule = rule in (Rule.TTLDTT, Rule.TTLDXS, Rule.MERIT_COLLECTIVE)
    if collective_rule != (subject == Subject.COLLECTIVE):
        raise EmulationError(
            _("Quy tắc xét không khớp đối tượng (quy tắc tập thể chỉ dùng cho tập thể)."), "rule"
        )
    values = _fields(
        name=name,
        basis=basis,
        issuer=issuer,
        vote_threshold_pct=vote_threshold_pct,
        certificate=certificate,
    )
    coefficient = _coefficient(coefficient)
    if AwardTitle.objects.filter(code=code).exists():
        raise EmulationError(_("Mã “%(code)s” đã có trong danh mục.") % {"code": code}, "code")
    try:
        with transaction.atomic():
            title = AwardTitle.objects.create(
                code=code, kind=kind, subject=subject, rule=rule, sort=max(sort, 0), **values
            )
            TitleCoefficient.objects.create(
                title=title, valid_from=valid_from, coefficient=coefficient
            )
            audit_record(
                actor=actor,
                action="emulation.title_create",
                obj=title,
                unit_id=province,
                new={
                    "code": code,
                    "kind": kind,
                    "subject": subject,
                    "rule": rule,
                    **{k: str(v) for k, v in values.items()},
                    "coefficient": str(coefficient),
                    "valid_from": valid_from.isoformat(),
                },
            )
    except IntegrityError as exc:
        raise EmulationError(
            _("Mã “%(code)s” đã có trong danh mục.") % {"code": code}, "code"
        ) from exc
    return title


def title_update(
    *,
    actor: Actor | None,
    title: AwardTitle,
    name: str,
    basis: str,
    issuer: str,
    vote_threshold_pct: Decimal,
    certificate: str,
    active: bool,
    sort: int,
) -> AwardTitle:
    """Edit what may change on a title in use (code, kind, subject and rule stay: plans,
    registrations and history name them)."""
    province = _require_province(actor)
    values = _fields(
        name=name,
        basis=basis,
        issuer=issuer,
        vote_threshold_pct=vote_threshold_pct,
        certificate=certificate,
    )
    values.update(active=bool(active), sort=max(int(sort), 0))
    with transaction.atomic():
        row = AwardTitle.objects.select_for_update().get(pk=title.pk)
        old = {k: getattr(row, k) for k in values}
        changed = {k: v for k, v in values.items() if old[k] != v}
        if not changed:
            return row
        for key, value in changed.items():
            setattr(row, key, value)
        row.save(update_fields=list(changed))
        audit_record(
            actor=actor,
            action="emulation.title_update",
            obj=row,
            unit_id=province,
            old={k: str(old[k]) for k in changed},
            new={k: str(v) for k, v in changed.items()},
        )
    return row


def coefficient_add(
    *, actor: Actor | None, title: AwardTitle, valid_from: date, coefficient: Decimal
) -> TitleCoefficient:
    """A new bonus coefficient of `title` in force from `valid_from` (decisions signed from
    that day use it; awards already decided keep their amount)."""
    province = _require_province(actor)
    coefficient = _coefficient(coefficient)
    if TitleCoefficient.objects.filter(title=title, valid_from=valid_from).exists():
        raise EmulationError(
            _("Đã có hệ số áp dụng từ ngày %(day)s cho danh hiệu này.")
            % {"day": valid_from.strftime("%d/%m/%Y")},
            field="valid_from",
        )
    try:
        with transaction.atomic():
            row = TitleCoefficient.objects.create(
                title=title, valid_from=valid_from, coefficient=coefficient
            )
            audit_record(
                actor=actor,
                action="emulation.coefficient_add",
                obj=title,
                unit_id=province,
                new={"valid_from": valid_from.isoformat(), "coefficient": str(coefficient)},
            )
    except IntegrityError as exc:
        raise EmulationError(
            _("Đã có hệ số áp dụng từ ngày %(day)s cho danh hiệu này.")
            % {"day": valid_from.strftime("%d/%m/%Y")},
            field="valid_from",
        ) from exc
    return row


MAX_BASE_SALARY = 1_000_000_000


def base_salary_add(*, actor: Actor | None, valid_from: date, amount: int) -> BaseSalary:
    """A new base salary (mức lương cơ sở) in force from `valid_from`."""
    province = _require_province(actor)
    if not 0 < amount < MAX_BASE_SALARY:
        raise EmulationError(
            _("Mức lương cơ sở phải là số đồng dương (ví dụ 2.340.000)."), field="amount"
        )
    message = _("Đã có mức lương cơ sở áp dụng từ ngày %(day)s.") % {
        "day": valid_from.strftime("%d/%m/%Y")
    }
    if BaseSalary.objects.filter(valid_from=valid_from).exists():
        raise EmulationError(message, field="valid_from")
    try:
        with transaction.atomic():
            row = BaseSalary.objects.create(valid_from=valid_from, amount=amount)
            audit_record(
                actor=actor,
                action="emulation.base_salary_add",
                obj=row,
                unit_id=province,
                new={"valid_from": valid_from.isoformat(), "amount": amount},
            )
    except IntegrityError as exc:
        raise EmulationError(message, field="valid_from") from exc
    return row
