"""The social monitor's home (Mặt trận, đoàn thể, báo chí: phản biện xã hội).

The role files reports and praise under its organisation's name (through the citizen form,
`/cong-dan/phan-anh/`, while logged in), follows what it filed here (status, the agency's
public notes, the thread, a message to the agency) and reads the public figures (the citizen
portal's scorecards). It reaches no unit, so it has no case queue.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.cases import selectors, services
from congso.cases.choices import ReportKind
from congso.cases.rules import RuleError, public_status
from congso.cases.selectors.public import receipt_view
from congso.common.permissions import Cap


def _require_monitor(request: HttpRequest) -> None:
    if not request.actor.has(Cap.CASES_FILE_AS_MONITOR):
        raise Http404


@login_required
@require_GET
def monitor_home(request: HttpRequest) -> HttpResponse:
    """What the organisation filed, and where to file or read the public figures."""
    _require_monitor(request)
    rows = [
        {
            "report": report,
            "kind": ReportKind(report.kind).label,
            "status": public_status(
                report_status=report.status,
                case_state=report.case.state if report.case_id else None,
                reversed=report.case.reversed if report.case_id else False,
            ),
        }
        for report in selectors.monitor_reports(actor=request.actor)[:200]
    ]
    context = {"organisation": selectors.monitor_organisation(actor=request.actor), "rows": rows}
    return render(request, "cases/monitor_home.html", context)


@login_required
def monitor_report(request: HttpRequest, pk: int) -> HttpResponse:
    """One filed report: its public status and thread; POST writes to the agency."""
    _require_monitor(request)
    report = selectors.monitor_report_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        try:
            services.reporter_message_post(report=report, body=request.POST.get("body", ""))
        except RuleError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã gửi tin nhắn cho cơ quan tiếp nhận."))
        return redirect("cases:monitor_report", pk=report.pk)
    return render(
        request, "cases/monitor_report.html", {"report": report, "view": receipt_view(report)}
    )
