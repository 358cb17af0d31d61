"""Citizen pages for reports: the report form, the receipt look-up and the reporter's thread.

No JavaScript needed. The receipt never appears in a URL (it is a secret, like a password):
it is shown once after sending, and typed into a POST form to look a report up.
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from congso.cases.api import NOT_FOUND, TOO_MANY, client_address, parse_report_request
from congso.cases.rules import MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, RuleError
from congso.cases.selectors.public import receipt_view
from congso.cases.services import (
    lookup_allowed,
    report_by_receipt,
    report_submit,
    reporter_message_post,
)
from congso.common.permissions import Cap
from congso.org.models import OrgUnit


def _agencies():
    return OrgUnit.unscoped.filter(serves_citizens=True).order_by("sort_key").only("id", "name")


def _form_context(request: HttpRequest, *, error: str = "", values=None) -> dict:
    actor = request.actor
    monitor = actor.is_authenticated and actor.has(Cap.CASES_FILE_AS_MONITOR)
    return {
        "agencies": _agencies(),
        "error": error,
        "values": values or {"agency_id": request.GET.get("co-quan", "")},
        "client_id": (values or {}).get("client_id") or str(uuid.uuid4()),
        "max_files": MAX_EVIDENCE_FILES,
        "max_mb": MAX_EVIDENCE_BYTES // 2**20,
        "as_monitor": monitor,
    }


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/report_form.html", _form_context(request))
    data = parse_report_request(request)
    if not isinstance(data, tuple):
        try:
            _report, receipt, _created = report_submit(actor=request.actor, data=data)
        except RuleError as exc:
            data = (422, exc.message)
        else:
            return render(request, "portal/report_sent.html", {"receipt": receipt})
    status, message = data
    values = request.POST.dict() if status != 413 else {}
    context = _form_context(request, error=message, values=values)
    return render(request, "portal/report_form.html", context, status=status)


def _status_page(request: HttpRequest, receipt: str, *, error: str = "", status: int = 200):
    if not lookup_allowed(address=client_address(request)):
        return render(request, "portal/report_lookup.html", {"error": TOO_MANY}, status=429)
    report = report_by_receipt(receipt.strip().replace(" ", "")[:32])
    if report is None:
        return render(request, "portal/report_lookup.html", {"error": NOT_FOUND}, status=404)
    context = {"view": receipt_view(report), "receipt": receipt, "error": error}
    return render(request, "portal/report_status.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report_lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/report_lookup.html", {})
    return _status_page(request, request.POST.get("receipt", ""))


@require_POST
def report_message(request: HttpRequest) -> HttpResponse:
    receipt = request.POST.get("receipt", "")
    report = report_by_receipt(receipt.strip()[:32])
    if report is not None:
        try:
            reporter_message_post(report=report, body=request.POST.get("body", ""))
        except RuleError as exc:
            return _status_page(request, receipt, error=exc.message, status=422)
    return _status_page(request, receipt)
