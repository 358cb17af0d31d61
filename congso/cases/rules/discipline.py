"""Discipline forms in the user's language; the regimes themselves are `policy.discipline`
(NĐ 112/2020/NĐ-CP, NĐ 172/2025/NĐ-CP from 01/7/2025)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from congso.cases.rules.errors import RuleError
from congso.policy.discipline import DisciplineRegime, check_form

# ---------------------------------------------------------------------------------------------
# Discipline forms: the regimes are policy.discipline; here their names in the user's language.
# ---------------------------------------------------------------------------------------------
FORM_LABELS: dict[str, StrOrPromise] = {
    "khien_trach": _("Khiển trách"),
    "canh_cao": _("Cảnh cáo"),
    "ha_bac_luong": _("Hạ bậc lương"),
    "giang_chuc": _("Giáng chức"),
    "cach_chuc": _("Cách chức"),
    "bai_nhiem": _("Bãi nhiệm"),
    "buoc_thoi_viec": _("Buộc thôi việc"),
}


def check_discipline(*, category: str, on: date, form: str, is_leader: bool) -> DisciplineRegime:
    """The regime under which `form` may be decided on `on` (policy.discipline); RuleError,
    in the user's language, when it may not."""
    check = check_form(category=category, on=on, form=form, is_leader=is_leader)
    if check.allowed:
        assert check.regime is not None
        return check.regime
    if check.regime is None:
        raise RuleError(
            gettext("Không có quy định về hình thức kỷ luật cho đối tượng này vào ngày %(day)s.")
            % {"day": on.strftime("%d/%m/%Y")}
        )
    if check.code == "form_not_in_regime":
        allowed = ", ".join(str(FORM_LABELS[f]) for f in check.regime.forms)
        raise RuleError(
            gettext("Theo %(basis)s chỉ áp dụng các hình thức: %(forms)s.")
            % {"basis": check.regime.basis, "forms": allowed}
        )
    raise RuleError(gettext("Hình thức này chỉ áp dụng với người giữ chức vụ lãnh đạo, quản lý."))
