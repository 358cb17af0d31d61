"""The only writers of codes of conduct, versions, clauses and attestations.

Every service checks the actor's capability on the unit (actor=None is a system job: the demo
loader), runs in one transaction and writes an audit row for each state change.
A published version is immutable: clauses are edited only in a draft; publishing closes the
previous version the day the new one takes effect.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.services import fields_update
from congso.common.text import nfc
from congso.conduct.models import (
    Attestation,
    Clause,
    CodeOfConduct,
    CodeVersion,
    VersionStatus,
    ViolationCategory,
)
from congso.conduct.rules import publish_date_problem
from congso.conduct.selectors import version_in_force
from congso.conduct.template import TEMPLATE_CLAUSES, TEMPLATE_TITLE
from congso.org.models import Person

MAX_CLAUSE_TEXT = 10_000


# Message of a refused code-of-conduct service (the page shows it).
NO_MANAGE_RIGHT = gettext_lazy("Bạn không có quyền quản lý quy chế của đơn vị này.")


def _require_draft(version: CodeVersion) -> None:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(
            _("Phiên bản đã ban hành không sửa được; hãy tạo dự thảo mới để sửa đổi.")
        )


def _clause_snapshot(clause: Clause) -> dict[str, Any]:
    return {
        "number": clause.number,
        "ordering": clause.ordering,
        "title": clause.title,
        "text": clause.text,
        "category": clause.category.code if clause.category else None,
    }


def code_create_from_template(
    *, actor: Actor | None, unit, title: str = "", note: str = ""
) -> CodeOfConduct:
    """Create the unit's code with a first draft copied from the province template.

    One code per unit: a second call for the same unit returns the existing code unchanged
    (a repeated form submission is stored once)."""
    require(actor, Cap.CONDUCT_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    existing = CodeOfConduct.objects.filter(unit=unit).first()
    if existing is not None:
        return existing
    categories = {c.code: c for c in ViolationCategory.objects.all()}
    try:
        with transaction.atomic():
            code = CodeOfConduct.objects.create(
                unit=unit, title=nfc(title) or f"{TEMPLATE_TITLE} — {unit.name}"[:300]
            )
            version = CodeVersion.objects.create(
                code=code, unit=unit, number=1, note=nfc(note) or _("Theo quy chế mẫu của tỉnh")
            )
            Clause.objects.bulk_create(
                Clause(
                    version=version,
                    unit=unit,
                    number=item.number,
                    ordering=index * 10,
                    title=item.title,
                    text=item.text,
                    category=categories.get(item.category) if item.category else None,
                )
                for index, item in enumerate(TEMPLATE_CLAUSES, start=1)
            )
            audit_record(
                actor=actor,
                action="conduct.code_create",
                obj=code,
                new={"title": code.title, "from_template": True, "clauses": len(TEMPLATE_CLAUSES)},
            )
    except IntegrityError:  # a concurrent request created it first
        return CodeOfConduct.objects.get(unit=unit)
    return code


def version_draft_create(*, actor: Actor | None, code: CodeOfConduct) -> CodeVersion:
    """Open a new draft, copying the clauses of the latest version. Returns the open draft if
    there already is one (only one draft per code)."""
    require(actor, Cap.CONDUCT_MANAGE, code.unit_id, message=NO_MANAGE_RIGHT)
    with transaction.atomic():
        draft = CodeVersion.objects.filter(code=code, status=VersionStatus.DRAFT).first()
        if draft is not None:
            return draft
        latest = CodeVersion.objects.filter(code=code).order_by("-number").first()
        number = (latest.number if latest else 0) + 1
        draft = CodeVersion.objects.create(code=code, unit_id=code.unit_id, number=number)
        if latest is not None:
            Clause.objects.bulk_create(
                Clause(
                    version=draft,
                    unit_id=code.unit_id,
                    number=c.number,
                    ordering=c.ordering,
                    title=c.title,
                    text=c.text,
                    category_id=c.category_id,
                )
                for c in latest.clauses.all()
            )
        audit_record(
            actor=actor,
            action="conduct.version_draft_create",
            obj=draft,
            new={"code": code.pk, "number": number, "copied_from": latest.pk if latest else None},
        )
    return draft


def _clean_clause_fields(
    *, number: str, title: str, text: str, category: ViolationCategory | None
) -> dict[str, Any]:
    number, title, text = nfc(number), nfc(title), (text or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Hãy nhập số điều (ví dụ “Điều 5”).")
    if not title:
        errors["title"] = _("Hãy nhập tiêu đề điều khoản.")
    if not text:
        errors["text"] = _("Nội dung điều khoản không được để trống.")
    elif len(text) > MAX_CLAUSE_TEXT:
        errors["text"] = _("Nội dung điều khoản dài quá %(n)s ký tự.") % {"n": MAX_CLAUSE_TEXT}
    if len(number) > 40:
        errors["number"] = _("Số điều dài quá 40 ký tự.")
    if len(title) > 300:
        errors["title"] = _("Tiêu đề dài quá 300 ký tự.")
    if errors:
        raise ValidationError(errors)
    return {"number": number, "title": title, "text": text, "category": category}


def clause_create(
    *,
    actor: Actor | None,
    version: CodeVersion,
    number: str,
    title: str,
    text: str,
    category: ViolationCategory | None = None,
) -> Clause:
    """Add a clause at the end of a draft."""
    require(actor, Cap.CONDUCT_MANAGE, version.unit_id, message=NO_MANAGE_RIGHT)
    _require_draft(version)
    fields = _clean_clause_fields(number=number, title=title, text=text, category=category)
    with transaction.atomic():
        last = version.clauses.aggregate(m=Max("ordering"))["m"] or 0
        clause = Clause.objects.create(
            version=version, unit_id=version.unit_id, ordering=last + 10, **fields
        )
        audit_record(
            actor=actor, action="conduct.clause_create", obj=clause, new=_clause_snapshot(clause)
        )
    return clause


def clause_update(
    *,
    actor: Actor | None,
    clause: Clause,
    number: str,
    title: str,
    text: str,
    category: ViolationCategory | None = None,
) -> Clause:
    """Change a clause of a draft (a published version's clauses never change)."""
    require(actor, Cap.CONDUCT_MANAGE, clause.unit_id, message=NO_MANAGE_RIGHT)
    _require_draft(clause.version)
    fields = _clean_clause_fields(number=number, title=title, text=text, category=category)
    with transaction.atomic():
        fields_update(
            actor=actor,
            obj=clause,
            action="conduct.clause_update",
            values=fields,
            snapshot=_clause_snapshot,
            save_fields=["number", "title", "text", "category"],
            audit_whole=True,  # a clause's rows show it whole, before and after
        )
    return clause


def clause_delete(*, actor: Actor | None, clause: Clause) -> None:
    """Remove a clause from a draft."""
    require(actor, Cap.CONDUCT_MANAGE, clause.unit_id, message=NO_MANAGE_RIGHT)
    _require_draft(clause.version)
    with transaction.atomic():
        audit_record(
            actor=actor, action="conduct.clause_delete", obj=clause, old=_clause_snapshot(clause)
        )
        clause.delete()


def version_publish(
    *, actor: Actor | None, version: CodeVersion, effective_from: date, note: str = ""
) -> CodeVersion:
    """Publish a draft from `effective_from`; the version in force before it ends that day."""
    require(actor, Cap.CONDUCT_MANAGE, version.unit_id, message=NO_MANAGE_RIGHT)
    with transaction.atomic():
        version = CodeVersion.objects.select_for_update().get(pk=version.pk)
        _require_draft(version)
        if not version.clauses.exists():
            raise ValidationError(_("Phiên bản chưa có điều khoản nào, không ban hành được."))
        previous = (
            CodeVersion.objects.filter(code_id=version.code_id, status=VersionStatus.PUBLISHED)
            .order_by("-effective_from")
            .first()
        )
        problem = publish_date_problem(
            effective_from=effective_from,
            previous_from=previous.effective_from if previous else None,
        )
        if problem and previous is not None and previous.effective_from is not None:
            raise ValidationError(
                {
                    "effective_from": _(
                        "Ngày hiệu lực phải sau ngày hiệu lực của phiên bản trước (%(day)s)."
                    )
                    % {"day": date_format(previous.effective_from, "d/m/Y")}
                }
            )
        if previous is not None and (
            previous.effective_to is None or previous.effective_to > effective_from
        ):
            old_to = previous.effective_to
            previous.effective_to = effective_from
            previous.save(update_fields=["effective_to"])
            audit_record(
                actor=actor,
                action="conduct.version_close",
                obj=previous,
                old={"effective_to": old_to},
                new={"effective_to": effective_from},
            )
        version.status = VersionStatus.PUBLISHED
        version.effective_from = effective_from
        version.effective_to = None
        version.published_at = timezone.now()
        if note:
            version.note = nfc(note)[:500]
        version.save(
            update_fields=["status", "effective_from", "effective_to", "published_at", "note"]
        )
        audit_record(
            actor=actor,
            action="conduct.version_publish",
            obj=version,
            old={"status": VersionStatus.DRAFT},
            new={
                "status": VersionStatus.PUBLISHED,
                "effective_from": effective_from,
                "clauses": [_clause_snapshot(c) for c in version.clauses.all()],
            },
        )
    return version


def attestation_create(*, actor: Actor, version: CodeVersion) -> Attestation:
    """The acting staff member attests that they have read `version`, which must be the one in
    force for their unit today. Stored once per person and version."""
    if actor.person_id is None or Cap.CONDUCT_ATTEST not in actor.self_capabilities:
        raise PermissionDenied(_("Chỉ cán bộ có hồ sơ mới xác nhận đã đọc quy chế."))

    person = Person.unscoped.get(pk=actor.person_id)
    current = version_in_force(unit_id=person.unit_id, on=timezone.localdate())
    if current is None or current.pk != version.pk:
        raise ValidationError(_("Chỉ xác nhận được phiên bản quy chế đang có hiệu lực với bạn."))
    existing = Attestation.objects.filter(person=person, version=version).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            attestation = Attestation.objects.create(
                unit_id=person.unit_id, person=person, version=version, at=timezone.now()
            )
            audit_record(
                actor=actor,
                action="conduct.attest",
                obj=attestation,
                new={"person": person.pk, "version": version.pk},
            )
    except IntegrityError:
        return Attestation.objects.get(person=person, version=version)
    return attestation
