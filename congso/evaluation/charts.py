"""The evaluation pages' charts (common.charts): a unit's levels and its sheets' progress."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from congso.common.charts import bar_chart
from congso.evaluation.labels import level_label

LEVELS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
LEVEL_TONES = ("tone-best", "tone-good", "tone-warn", "tone-bad")
# Steps of a sheet as the progress chart counts them (selectors.sheet_progress).
STEPS = ("self", "submitted", "assessed", "final")
STEP_TONES = ("tone-idle", "tone-warn", "tone-good", "tone-best")


def step_labels() -> dict[str, str]:
    return {
        "self": _("Chưa tự đánh giá xong"),
        "submitted": _("Đã tự đánh giá, chờ thủ trưởng"),
        "assessed": _("Thủ trưởng đã chấm, chưa hoàn tất"),
        "final": _("Đã hoàn tất"),
    }


def levels_chart(counts: Mapping[str, int]) -> dict:
    """How many people at each level (incomplete results, with no level, are left out)."""
    rows = [(level_label(key), counts.get(key, 0)) for key in LEVELS]
    return bar_chart(rows, title=_("Số người theo mức xếp loại"), tones=LEVEL_TONES)


def progress_chart(progress: Mapping[tuple[str, int], Mapping[str, int]]) -> dict | None:
    """The latest period's sheets by step (bars are shares of that period's sheets)."""
    if not progress:
        return None
    counts = list(progress.values())[-1]  # the periods come in order
    labels = step_labels()
    return bar_chart(
        [(labels[step], counts.get(step, 0)) for step in STEPS],
        title=_("Tiến độ phiếu đánh giá kỳ gần nhất"),
        scale="total",
        tones=STEP_TONES,
    )
