"""Checklist results and photos."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.services import fields_update
from congso.inspections.models import ChecklistItem, ItemPhoto, ItemResult, VisitStatus
from congso.inspections.photos import clean_photo
from congso.inspections.services.base import NO_INSPECTION_RIGHT

MAX_NOTE = 5000
MAX_PHOTOS_PER_ITEM = 10


def _require_in_progress(item: ChecklistItem) -> None:
    if item.visit.status != VisitStatus.IN_PROGRESS:
        raise ValidationError(_("Chỉ ghi kết quả khi cuộc kiểm tra đang diễn ra."))


def item_assess(
    *, actor: Actor | None, item: ChecklistItem, result: str, note: str = ""
) -> ChecklistItem:
    """Record the result of one checklist item (compliant, non-compliant, not applicable)."""
    require(actor, Cap.INSPECTIONS_MANAGE, item.unit_id, message=NO_INSPECTION_RIGHT)
    _require_in_progress(item)
    if result not in ItemResult.values or result == ItemResult.PENDING:
        raise ValidationError({"result": _("Hãy chọn kết quả kiểm tra.")})
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": _("Ghi chú dài quá %(n)s ký tự.") % {"n": MAX_NOTE}})
    if result == ItemResult.NON_COMPLIANT and not note:
        raise ValidationError({"note": _("Hãy ghi rõ nội dung chưa thực hiện đúng.")})
    with transaction.atomic():
        fields_update(
            actor=actor,
            obj=item,
            action="inspections.item_assess",
            values={"result": result, "note": note},
            also={"checked_at": timezone.now()},
        )
    return item


def photo_add(*, actor: Actor | None, item: ChecklistItem, upload) -> ItemPhoto:
    """Attach a photo to an item: checked by content, size and dimensions, re-encoded without
    metadata, stored with the default storage. The same picture twice is stored once."""
    require(actor, Cap.INSPECTIONS_MANAGE, item.unit_id, message=NO_INSPECTION_RIGHT)
    _require_in_progress(item)
    photo = clean_photo(upload)
    existing = ItemPhoto.objects.filter(item=item, sha256=photo.sha256).first()
    if existing is not None:
        return existing
    if item.photos.count() >= MAX_PHOTOS_PER_ITEM:
        raise ValidationError(
            _("Mỗi nội dung kiểm tra có tối đa %(n)s ảnh.") % {"n": MAX_PHOTOS_PER_ITEM}
        )
    name = default_storage.save(
        f"inspections/{item.visit_id}/{uuid.uuid4().hex}.jpg", ContentFile(photo.content)
    )
    try:
        with transaction.atomic():
            row = ItemPhoto.objects.create(
                item=item,
                unit_id=item.unit_id,
                file=name,
                width=photo.width,
                height=photo.height,
                size=len(photo.content),
                sha256=photo.sha256,
                uploaded_by_user_id=actor.user_id if actor else None,
            )
            audit_record(
                actor=actor,
                action="inspections.photo_add",
                obj=row,
                new={"item": item.pk, "sha256": photo.sha256, "size": len(photo.content)},
            )
    except Exception:
        default_storage.delete(name)
        raise
    return row
