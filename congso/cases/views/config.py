"""The page of stage deadlines per case type: everyone with cases.view reads it, a
province-wide administrator (cases.configure on the whole province) edits it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from congso.cases import selectors, services
from congso.cases.choices import CaseSource
from congso.cases.forms import CaseTypeDeadlinesForm
from congso.cases.rules import RuleError
from congso.cases.services.config import may_configure
from congso.common.permissions import Cap


@login_required
def deadlines(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not (actor.has(Cap.CASES_VIEW) or actor.has(Cap.CASES_CONFIGURE)):
        raise Http404
    editable, bound, status = may_configure(actor), None, 200
    if request.method == "POST":
        source = request.POST.get("source", "")
        if not editable or source not in CaseSource.values:
            raise Http404
        bound = CaseTypeDeadlinesForm(request.POST, prefix=source)
        if bound.is_valid():
            try:
                services.case_type_config_update(
                    actor=actor, source=source, values=bound.cleaned_data
                )
            except (RuleError, PermissionDenied) as exc:
                bound.add_error(None, getattr(exc, "message", _("Bạn không có quyền.")))
            else:
                messages.success(request, _("Đã lưu thời hạn xử lý."))
                return redirect("cases:deadlines")
        status = 422
    rows = selectors.case_type_deadlines()
    forms = {}
    if editable:
        for row in rows:
            same = bound is not None and bound.prefix == row.source
            forms[row.source] = (
                bound if same else CaseTypeDeadlinesForm(prefix=row.source, initial=row.overrides)
            )
    context = {
        "columns": [field.label for field in CaseTypeDeadlinesForm.base_fields.values()],
        "rows": [(row, forms.get(row.source)) for row in rows],
        "editable": editable,
    }
    return render(request, "cases/deadlines.html", context, status=status)
