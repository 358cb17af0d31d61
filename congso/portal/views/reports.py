"""Citizen pages for reports: the report form, the receipt look-up and the reporter's thread.

No JavaScript needed. The receipt never appears in a URL (it is a secret, like a password):
it is shown once after sending, and typed into a POST form to look a report up. The unit list
is grouped by agency or commune, and narrowed by a plain GET search (`?tim=`).
"""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from congso.cases.api import (
    TOO_MANY_REPORTS,
    client_address,
    parse_report_request,
    receipt_lookup,
)
from congso.cases.report_parsing import ParseFailure
from congso.cases.rules import (
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_FILES,
    FieldErrors,
    ReceiptConflict,
    RuleError,
    format_receipt,
    normalise_receipt,
)
from congso.cases.selectors.public import receipt_view
from congso.cases.services import report_allowed, report_submit, reporter_message_post
from congso.common.permissions import Cap
from congso.portal.unit_choices import unit_groups


def _form_context(
    request: HttpRequest, *, error: str = "", errors=None, values=None, fresh_id=False
) -> dict:
    values = values or {"agency_id": request.GET.get("co-quan", "")}
    query = request.GET.get("tim", "").strip()[:100]
    groups, count = unit_groups(query=query, selected=values.get("agency_id", ""))
    return {
        "groups": groups,
        "match_count": count,
        "query": query,
        "error": error,
        "errors": errors or {},
        "values": values,
        "client_id": (None if fresh_id else values.get("client_id")) or str(uuid.uuid4()),
        "max_files": MAX_EVIDENCE_FILES,
        "max_mb": MAX_EVIDENCE_BYTES // 2**20,
        "as_monitor": _is_monitor(request),
    }


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/report_form.html", _form_context(request))
    if not report_allowed(address=client_address(request)):
        # Refused before the body is read (it may carry 25 MB of files).
        context = _form_context(request, error=TOO_MANY_REPORTS)
        return render(request, "portal/report_form.html", context, status=429)
    data = parse_report_request(request)
    fresh_id = False
    if not isinstance(data, ParseFailure):
        try:
            _report, receipt, _created = report_submit(actor=request.actor, data=data)
        except ReceiptConflict as exc:
            data, fresh_id = ParseFailure(409, exc.message), True
        except FieldErrors as exc:
            data = ParseFailure(422, exc.message, exc.errors)
        except RuleError as exc:
            data = ParseFailure(422, exc.message)
        else:
            context = {"receipt": format_receipt(receipt), "as_monitor": _is_monitor(request)}
            return render(request, "portal/report_sent.html", context)
    values = request.POST.dict() if data.status != 413 else {}
    error = data.message if not data.errors else ""
    context = _form_context(
        request, error=error, errors=data.errors, values=values, fresh_id=fresh_id
    )
    return render(request, "portal/report_form.html", context, status=data.status)


def _is_monitor(request: HttpRequest) -> bool:
    actor = request.actor
    return actor.is_authenticated and actor.has(Cap.CASES_FILE_AS_MONITOR)


def _status_page(request: HttpRequest, receipt: str, *, body: str | None = None) -> HttpResponse:
    """Look the receipt up (rate limits first), then post the message when there is one."""
    found = receipt_lookup(request, receipt)
    if isinstance(found, tuple):
        status, message = found
        return render(request, "portal/report_lookup.html", {"error": message}, status=status)
    error, status, kept = "", 200, ""
    if body is not None:
        try:
            reporter_message_post(report=found, body=body)
        except RuleError as exc:
            error, status, kept = exc.message, 422, body
    context = {
        "view": receipt_view(found),
        "receipt": format_receipt(normalise_receipt(receipt)),
        "error": error,
        "body": kept,
    }
    return render(request, "portal/report_status.html", context, status=status)


@require_http_methods(["GET", "POST"])
def report_lookup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/report_lookup.html", {})
    return _status_page(request, request.POST.get("receipt", ""))


@require_POST
def report_message(request: HttpRequest) -> HttpResponse:
    body = request.POST.get("body", "")
    return _status_page(request, request.POST.get("receipt", ""), body=body)
