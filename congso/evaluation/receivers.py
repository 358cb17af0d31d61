"""Receivers of lower apps' hooks."""

from __future__ import annotations

from django.utils.translation import gettext as _

from congso.evaluation.services import results_mark_for_review


def on_violation_changed(sender, *, person_id: int, case_code: str, change: str, **kwargs) -> None:
    """A violation was confirmed or reversed: results already stored are marked for review."""
    why = (
        _("vi phạm %(code)s đã được kết luận sau khi có kết quả xếp loại")
        if change == "confirmed"
        else _("kết luận vi phạm %(code)s đã bị hủy khi xem xét khiếu nại")
    ) % {"code": case_code}
    results_mark_for_review(person_id=person_id, why=why)
