"""Form handling for the citizen survey page (kept out of the views to keep them thin)."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

from congso.surveys.api import DEVICE_COOKIE, client_address, form_payload
from congso.surveys.rules import LEVELS, QUESTION_KEYS, SCALE
from congso.surveys.services import SurveyError, response_submit

__all__ = ["DEVICE_COOKIE", "form_context", "submit_form"]


def _answers(request: HttpRequest) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for key in QUESTION_KEYS:
        value = request.POST.get(f"q_{key}")
        if value is not None:
            # ASCII digits only: str.isdigit() also accepts "²", which int() refuses
            is_level = value.isascii() and value.isdigit() and len(value) < 3
            answers[key] = int(value) if is_level else value
    return answers


def same_origin(request: HttpRequest) -> bool:
    """False when the browser says the form was posted from another site (`Origin`, sent by
    browsers with every POST). Without a session there is no CSRF cookie to check; this keeps
    other sites from making their visitors' browsers post ratings (docs/surveys.md). A client
    that sends no Origin (an old browser, a script) passes: the single-use form token, the
    client_id and the rate limits still apply."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return True
    own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def submit_form(request: HttpRequest, *, code: str, kiosk: bool) -> SurveyError | None:
    """Store the posted rating; None on success, else the refusal to show on the form."""
    if not same_origin(request):
        return SurveyError(
            403, _("Phiếu phải được gửi từ trang đánh giá của hệ thống. Vui lòng tải lại trang.")
        )
    answers = _answers(request)
    keys_in_form = request.POST.getlist("keys")
    for key in keys_in_form:  # a question left blank in the plain form
        answers.setdefault(key, None)
    try:
        response_submit(
            code=code[:32],
            client_id=request.POST.get("client_id"),
            form_token=request.POST.get("form_token"),
            answers=answers,
            comment=request.POST.get("comment") or None,
            dossier_code=request.POST.get("dossier_code") or None,
            token=request.POST.get("token") or None,
            ip=client_address(request),
            device=request.COOKIES.get(DEVICE_COOKIE, "")[:64],
            kiosk=kiosk,
            via_form=True,
        )
    except SurveyError as exc:
        return exc
    return None


def form_context(
    request: HttpRequest,
    *,
    code: str,
    kiosk: bool,
    kiosk_key: str,
    error: SurveyError | None,
    payload: dict[str, Any] | None = None,
    client_id: str = "",
) -> dict[str, Any]:
    """What the template shows: the form (a new token and client_id unless re-showing a
    refused post, which keeps the citizen's answers). `payload` and `client_id`, when given,
    replace the form read from the database and the new client_id (the page cache renders
    with placeholders)."""
    if payload is None:
        status, payload = form_payload(code[:32])
        if status != 200:
            return {"unavailable": True, "message": payload["detail"]}
    posted = request.method == "POST" and error is not None
    chosen = _answers(request) if posted else {}
    message, missing = (error.message if error else ""), ""
    if error is not None and error.field == "answers":
        # name the question as the citizen sees it (its number), not by its API key
        for number, question in enumerate(payload["questions"], start=1):
            if chosen.get(question["key"]) not in LEVELS:
                missing = question["key"]
                message = _("Vui lòng chọn một mức hài lòng cho câu %(n)d.") % {"n": number}
                break
    questions = [
        {
            "key": q["key"],
            "label": q["label"],
            "choices": [
                {"value": value, "label": label, "checked": chosen.get(q["key"]) == value}
                for value, label in SCALE
            ],
        }
        for q in payload["questions"]
    ]
    return {
        "code": code,
        "form": payload,
        "questions": questions,
        "client_id": request.POST.get("client_id") if posted else client_id or str(uuid.uuid4()),
        "form_token": request.POST.get("form_token") if posted else payload["form_token"],
        "comment": request.POST.get("comment", "") if posted else "",
        "dossier_code": request.POST.get("dossier_code", "") if posted else "",
        "kiosk": kiosk,
        "kiosk_key": kiosk_key if kiosk else "",
        "error": error,
        "error_message": message,
        "missing": missing,
        "api_url": f"/api/v1/public/surveys/{code}/responses",
        "form_url": f"/api/v1/public/surveys/{code}",
    }
