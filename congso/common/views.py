"""Pages every user shares: the home page, the audit log, the holiday calendar, /healthz."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common import services
from congso.common.audit import audit_verify
from congso.common.audit_labels import action_label, change_rows, object_label
from congso.common.forms import AuditFilterForm, HolidayForm, holiday_initial
from congso.common.inbox import collect, notice_feeds
from congso.common.params import parse_page, parse_year
from congso.common.permissions import Cap
from congso.common.selectors import (
    AuditFilters,
    audit_list,
    audit_unit_names,
    holiday_get,
    holiday_year,
    home_summary,
)

AUDIT_PAGE_SIZE = 50


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@login_required
@require_GET
def my_tasks(request: HttpRequest) -> HttpResponse:
    """'Việc của tôi': everything waiting for the signed-in person, from every app (the page
    after login). A user without a person record sees an empty, friendly page; a social
    monitor (an organisation's account) lands on its own home instead."""
    if request.actor.has(Cap.CASES_FILE_AS_MONITOR) and not request.actor.has(Cap.ORG_VIEW):
        return redirect("cases:monitor_home")
    today = timezone.localdate()
    items = [(item, item.overdue(today)) for item in collect(request.actor, today=today)]
    feeds = notice_feeds(request.actor)
    return render(request, "common/my_tasks.html", {"items": items, "feeds": feeds})


def home(request: HttpRequest) -> HttpResponse:
    """Staff: the summary of their reach. Nobody logged in: a light landing page that leads
    citizens to the portal and staff to the login. A social monitor (no unit in reach):
    its own home."""
    if not request.actor.is_authenticated:
        return render(request, "common/landing.html")
    if request.actor.has(Cap.CASES_FILE_AS_MONITOR) and not request.actor.has(Cap.ORG_VIEW):
        return redirect("cases:monitor_home")
    return render(request, "common/home.html", {"summary": home_summary(actor=request.actor)})


def _require(request: HttpRequest, capability: str) -> None:
    """Pages of a capability the actor lacks answer 404, like rows out of reach."""
    if not request.actor.has(capability):
        raise Http404


@login_required
@require_GET
def audit(request: HttpRequest) -> HttpResponse:
    """The audit log, filtered and paged, scoped to the actor's `audit.view` reach."""
    _require(request, Cap.AUDIT_VIEW)
    form = AuditFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound and form.is_valid() else AuditFilters()
    entries = audit_list(actor=request.actor, filters=filters)
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(parse_page(request.GET.get("trang")))
    names = audit_unit_names(actor=request.actor, unit_ids={row.unit_id for row in page})
    rows = [
        (
            row,
            names.get(row.unit_id),
            action_label(row.action),
            object_label(row.object_type, row.object_id),
            change_rows(row.object_type, row.old, row.new),
        )
        for row in page
    ]
    return render(request, "common/audit.html", {"form": form, "page": page, "rows": rows})


@login_required
@require_POST
def audit_check(request: HttpRequest) -> HttpResponse:
    """Walk the whole hash chain and show the result (the page's "verify" button)."""
    _require(request, Cap.AUDIT_VIEW)
    result = audit_verify()
    template = "common/partials/audit_verify.html" if request.htmx else "common/audit_verify.html"
    return render(request, template, {"result": result})


def _require_calendar_editor(request: HttpRequest) -> None:
    """The calendar is province-wide: only a whole-province `calendar.manage` may edit it."""
    if not request.actor.can(Cap.CALENDAR_MANAGE, None):
        raise Http404


def _year(request: HttpRequest) -> int:
    return parse_year(request.GET.get("nam"), today=timezone.localdate())


def _day(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("ngay") or request.POST.get("ngay_cu", ""))
    except ValueError as exc:
        raise Http404 from exc


@login_required
@require_GET
def holidays(request: HttpRequest) -> HttpResponse:
    """The working-day calendar of one year."""
    _require(request, Cap.CALENDAR_MANAGE)
    calendar = holiday_year(actor=request.actor, year=_year(request))
    can_edit = request.actor.can(Cap.CALENDAR_MANAGE, None)
    return render(request, "common/holidays.html", {"cal": calendar, "can_edit": can_edit})


@login_required
def holiday_edit(request: HttpRequest) -> HttpResponse:
    """Add an entry (no `ngay`) or change the entry of date `ngay`."""
    _require_calendar_editor(request)
    holiday = None
    if request.GET.get("ngay") or request.POST.get("ngay_cu"):
        holiday = holiday_get(actor=request.actor, day=_day(request))
        if holiday is None:
            raise Http404
    initial = holiday_initial(holiday) if holiday else {}
    form = HolidayForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if holiday is None:
                saved = services.holiday_create(actor=request.actor, **form.service_kwargs())
            else:
                saved = services.holiday_update(
                    actor=request.actor, holiday=holiday, **form.service_kwargs()
                )
        except ValidationError as exc:
            form.add_error("ngay", exc.message_dict.get("date", exc.messages))
        else:
            messages.success(
                request, _("Đã lưu lịch ngày %(day)s.") % {"day": f"{saved.date:%d/%m/%Y}"}
            )
            return redirect(f"{reverse('common:holidays')}?nam={saved.date.year}")
    return render(request, "common/holiday_form.html", {"form": form, "holiday": holiday})


@login_required
@require_POST
def holiday_delete(request: HttpRequest) -> HttpResponse:
    _require_calendar_editor(request)
    holiday = holiday_get(actor=request.actor, day=_day(request))
    if holiday is None:
        raise Http404
    services.holiday_delete(actor=request.actor, holiday=holiday)
    messages.success(
        request, _("Đã xóa ngày %(day)s khỏi lịch.") % {"day": f"{holiday.date:%d/%m/%Y}"}
    )
    return redirect(f"{reverse('common:holidays')}?nam={holiday.date.year}")


@login_required
def audit_anchors(request: HttpRequest) -> HttpResponse:
    """Signed anchors of the audit chain, the chosen one (`?neo=<id>`, default the newest) as
    text to print. Creating one (POST) needs `audit.view` over the whole province."""
    from congso.common.audit_anchor import anchor_create, anchor_text
    from congso.common.models import AuditAnchor

    _require(request, Cap.AUDIT_VIEW)
    can_create = request.actor.can(Cap.AUDIT_VIEW, None)
    if request.method == "POST":
        if not can_create:
            raise Http404
        row = anchor_create(actor=request.actor)
        messages.success(request, _("Đã lập neo cho %(n)s bản ghi.") % {"n": row.seq})
        return redirect(f"{reverse('common:audit_anchors')}?neo={row.pk}")
    anchors = list(AuditAnchor.objects.all()[:60])
    chosen = anchors[0] if anchors else None
    wanted = request.GET.get("neo", "")
    if wanted.isdigit():
        chosen = next((a for a in anchors if a.pk == int(wanted)), chosen)
    context = {
        "anchors": anchors,
        "chosen": chosen,
        "text": anchor_text(chosen) if chosen else "",
        "can_create": can_create,
    }
    return render(request, "common/audit_anchors.html", context)
