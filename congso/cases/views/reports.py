"""Staff pages for reports from the public: screening, evidence, the thread, identity custody."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.cases import selectors, services
from congso.cases.forms import MessageForm, ReasonForm, ScreenForm
from congso.cases.models import Report
from congso.cases.rules import RuleError
from congso.cases.selectors import pages as page_data
from congso.common.permissions import Cap


@login_required
@require_GET
def screening(request: HttpRequest) -> HttpResponse:
    """New and forwarded reports waiting to be screened."""
    if not request.actor.has(Cap.CASES_SCREEN):
        raise Http404
    reports = selectors.screening_queue(actor=request.actor)[:200]
    return render(request, "cases/screening.html", {"reports": reports})


def _screen_form(request: HttpRequest, data=None) -> ScreenForm:
    return ScreenForm(
        data,
        units=page_data.forward_targets(),
        people=page_data.people_for(actor=request.actor),
        categories=page_data.categories(),
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report with its evidence and thread; the screening decision (POST)."""
    report = selectors.report_get(actor=request.actor, pk=pk)
    form = _screen_form(request, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                result = _apply_screening(request, report, form.cleaned_data)
            except RuleError as exc:
                form.add_error(None, exc.message)
            except PermissionDenied:
                form.add_error(None, _("Bạn không có quyền sàng lọc phản ánh này."))
            else:
                messages.success(request, _("Đã xử lý phản ánh."))
                return result
    context = {
        "report": report,
        "evidence": list(report.evidence.all()),
        "thread": list(report.messages.all()),
        "form": form if report.status in ("new", "forwarded") else None,
        "message_form": MessageForm(),
        "can_reveal": report.has_contact and request.actor.can(Cap.IDENTITY_REVEAL, report.unit_id),
    }
    return render(request, "cases/report.html", context, status=422 if form.errors else 200)


def _apply_screening(request: HttpRequest, report: Report, data: dict) -> HttpResponse:
    actor, action, note = request.actor, data["action"], data.get("note") or ""
    if action == "accept":
        case = services.report_accept(
            actor=actor,
            report=report,
            person=data.get("person"),
            category=data.get("category"),
            urgent=data.get("urgent", False),
        )
        return redirect("cases:case", pk=case.pk)
    if action == "spam":
        services.report_mark_spam(actor=actor, report=report, note=note)
    elif action == "duplicate":
        original = selectors.report_get(
            actor=actor, pk=data["duplicate_of"], capability=Cap.CASES_SCREEN
        )
        services.report_mark_duplicate(actor=actor, report=report, original=original, note=note)
    else:
        services.report_forward(actor=actor, report=report, to_unit=data["forward_to"], note=note)
        return redirect("cases:screening")
    return redirect("cases:report", pk=report.pk)


@login_required
@require_POST
def report_message(request: HttpRequest, pk: int) -> HttpResponse:
    """A handler writes to the reporter (shown on the receipt page)."""
    report = selectors.report_get(actor=request.actor, pk=pk)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.staff_message_post(
                actor=request.actor, report=report, body=form.cleaned_data["body"]
            )
        except (RuleError, PermissionDenied) as exc:
            messages.error(request, getattr(exc, "message", _("Bạn không có quyền gửi tin nhắn.")))
        else:
            messages.success(request, _("Đã gửi tin nhắn cho người phản ánh."))
    target = ("cases:case", report.case_id) if report.case_id else ("cases:report", report.pk)
    return redirect(target[0], pk=target[1])


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """One evidence file, served as a download (never rendered inline), and sandboxed should a
    browser render it anyway: no script, no form, no plugin runs with the site's rights."""
    item = selectors.evidence_get(actor=request.actor, pk=pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="PA-{item.report_id}-{item.pk}.{item.file.name.rsplit(".", 1)[-1]}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The custodian writes a reason, then sees the reporter's contact details once."""
    report = selectors.report_get(actor=request.actor, pk=pk, capability=Cap.IDENTITY_REVEAL)
    form = ReasonForm(request.POST or None)
    contact = None
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.identity_reveal(
                actor=request.actor, report=report, reason=form.cleaned_data["reason"]
            )
        except RuleError as exc:
            form.add_error("reason", exc.message)
        except PermissionDenied:
            form.add_error(None, _("Cần xác thực hai bước trước khi xem danh tính."))
    response = render(
        request,
        "cases/reveal.html",
        {"report": report, "form": form, "contact": contact},
        status=422 if form.errors else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def reveals(request: HttpRequest) -> HttpResponse:
    """Every reveal of a reporter's identity in the actor's units (for the unit head)."""
    if not request.actor.has(Cap.IDENTITY_REVEALS_VIEW):
        raise Http404
    rows = selectors.reveal_list(actor=request.actor)[:500]
    return render(request, "cases/reveals.html", {"rows": rows})
