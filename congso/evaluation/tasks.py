"""The 'Việc của tôi' provider (common/inbox.py): sheets to fill and sheets to assess."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from congso.common.inbox import TaskItem
from congso.evaluation import rules, selectors


def my_sheets(actor) -> list[TaskItem]:
    """My own sheets still in self-assessment, and the sheets waiting for my assessment (two
    queries, at most 200 of the latter)."""
    items = []
    for sheet in selectors.own_open_sheets(actor=actor):
        items.append(
            TaskItem(
                kind=_("Tự đánh giá"),
                title=_("Phiếu đánh giá kỳ %(period)s")
                % {"period": rules.period_label(sheet.period_kind, sheet.number, sheet.year)},
                url=reverse("evaluation:sheet", args=[sheet.pk]),
                due=sheet.end,
            )
        )
    for sheet in selectors.sheets_to_assess(actor=actor)[:200]:
        items.append(
            TaskItem(
                kind=_("Đánh giá cán bộ"),
                title=_("%(name)s — kỳ %(period)s")
                % {
                    "name": sheet.person.full_name,
                    "period": rules.period_label(sheet.period_kind, sheet.number, sheet.year),
                },
                url=reverse("evaluation:sheet", args=[sheet.pk]),
                due=sheet.due_on,
            )
        )
    return items
