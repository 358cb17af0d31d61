"""Staff pages of the case workflow: the queue, a case, its actions, counts, the Excel export."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.cases import selectors, services
from congso.cases.forms import (
    AssignForm,
    CaseCreateForm,
    FindingForm,
    MeasureForm,
    QueueFilterForm,
    ReasonForm,
    ReviewForm,
    TransitionForm,
)
from congso.cases.rules import RuleError
from congso.cases.selectors import pages as page_data
from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response

EXPORT_MAX_ROWS = 20_000


def _require_view(request: HttpRequest) -> None:
    if not request.actor.has(Cap.CASES_VIEW):
        raise Http404


def _queue_form(request: HttpRequest) -> tuple[QueueFilterForm, selectors.QueueFilters]:
    form = QueueFilterForm(
        request.GET or None,
        units=page_data.filter_units(actor=request.actor),
        categories=page_data.categories(),
    )
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.QueueFilters(
        state=data.get("trang_thai") or "",
        overdue=bool(data.get("qua_han")),
        unit_id=data.get("don_vi"),
        source=data.get("nguon") or "",
        category_id=data.get("loai_vi_pham"),
        mine=bool(data.get("cua_toi")),
    )
    return form, filters


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """The handler's queue: filters, overdue markers, paging (fixed number of queries)."""
    _require_view(request)
    form, filters = _queue_form(request)
    size = (form.cleaned_data.get("so_dong") if form.is_bound and form.is_valid() else 20) or 20
    page = selectors.case_page(
        actor=request.actor, filters=filters, page=request.GET.get("page") or 1, size=size
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "options": page_data.queue_options(form),
        "page": page,
        "rows": page_data.queue_rows(page.object_list, timezone.localdate()),
        "query": query.urlencode(),
        "notifications": selectors.notifications_for(actor=request.actor),
        "can_screen": request.actor.has(Cap.CASES_SCREEN),
        "can_create": request.actor.has(Cap.CASES_HANDLE) or bool(request.actor.person_id),
    }
    return render(request, "cases/queue.html", context)


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The filtered queue as xlsx (no reporter data: pseudonyms only)."""
    _require_view(request)
    _form, filters = _queue_form(request)
    cases = selectors.case_queue(actor=request.actor, filters=filters)
    if cases.count() > EXPORT_MAX_ROWS:
        messages.error(request, _("Quá nhiều vụ việc để xuất; hãy lọc thêm."))
        return redirect(f"{request.path.rsplit('xuat-excel/', 1)[0]}?{request.GET.urlencode()}")
    content = build_workbook(
        title=_("Vụ việc"), headers=page_data.export_headers(), rows=page_data.export_rows(cases)
    )
    return xlsx_response(content, f"vu-viec-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    """Counts by category, unit, month and state, with charts."""
    _require_view(request)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("nam") or this_year)
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:
        year = this_year
    data = selectors.case_stats(actor=request.actor, year=year)
    return render(request, "cases/stats.html", page_data.stats_context(data, year))


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_get(actor=request.actor, pk=pk)
    return render(request, "cases/case.html", page_data.case_context(request, case))


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    """Open a case from a head's record, a press article, a self-report or an inspection."""
    if not request.actor.has(Cap.CASES_HANDLE) and not request.actor.person_id:
        raise Http404
    form = CaseCreateForm(request.POST or None, **page_data.create_choices(request.actor))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(actor=request.actor, **form.cleaned_data)
        except (RuleError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "message", _("Bạn không có quyền tạo vụ việc này.")))
        else:
            return redirect("cases:case", pk=case.pk)
    status = 422 if form.errors else 200
    return render(request, "cases/create.html", {"form": form}, status=status)


def _act(request: HttpRequest, pk: int, form_class, run: Callable, **form_kwargs) -> HttpResponse:
    """Shared shape of every case action: fetch (404), validate, call the service, go back."""
    case = selectors.case_get(actor=request.actor, pk=pk)
    kwargs = {k: (v(request, case) if callable(v) else v) for k, v in form_kwargs.items()}
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        messages.error(request, page_data.form_errors(form))
        return redirect("cases:case", pk=pk)
    try:
        run(request.actor, case, form.cleaned_data)
    except RuleError as exc:
        messages.error(request, exc.message)
    except PermissionDenied:
        messages.error(request, _("Bạn không có quyền thực hiện bước này."))
    else:
        messages.success(request, _("Đã cập nhật vụ việc."))
    return redirect("cases:case", pk=pk)


@login_required
@require_POST
def case_move(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        TransitionForm,
        lambda a, c, d: services.case_transition(actor=a, case=c, **d),
    )


@login_required
@require_POST
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        AssignForm,
        lambda a, c, d: services.case_assign(actor=a, case=c, handler=d["handler"]),
        handlers=lambda r, c: selectors.assignable_handlers(actor=r.actor, case=c),
    )


@login_required
@require_POST
def case_finding(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        FindingForm,
        lambda a, c, d: services.case_set_finding(actor=a, case=c, **d),
        people=lambda r, c: page_data.people_for(actor=r.actor),
        categories=lambda r, c: page_data.categories(),
    )


@login_required
@require_POST
def case_measure(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        MeasureForm,
        lambda a, c, d: services.measure_record(actor=a, case=c, **d),
    )


@login_required
@require_POST
def case_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReasonForm,
        lambda a, c, d: services.processing_extend(actor=a, case=c, reason=d["reason"]),
    )


@login_required
@require_POST
def case_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReasonForm,
        lambda a, c, d: services.appeal_file(actor=a, case=c, reason=d["reason"]),
    )


@login_required
@require_POST
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReviewForm,
        lambda a, c, d: services.appeal_review(actor=a, case=c, **d),
    )


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    services.notifications_mark_read(actor=request.actor)
    return redirect("cases:queue")
