"""Reading a report from the public (JSON or multipart), refusing every bad field at once.

Used by the public API (`POST /api/v1/public/reports`) and the citizen page
(`/cong-dan/phan-anh/`): both read the same fields, the page's empty file field included.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, ValidationError

from congso.cases.evidence import DecodeBudget, clean_evidence, read_limited
from congso.cases.public_text import field_message, is_strict_id
from congso.cases.rules import MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, RuleError
from congso.cases.services import ReportInput, report_input_errors
from congso.common.http import BodyRefused, body_guard, read_json

MAX_BODY_BYTES = MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 256 * 1024


def _id(value: object) -> object:
    """Booleans are not ids: JSON `true` would otherwise be read as 1."""
    if value is None or is_strict_id(value):
        return value
    raise ValueError("not an id")


Id = Annotated[int, BeforeValidator(_id)]


class ReportIn(Schema):
    """A report from the public. Only kind, agency_id and description are required."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["misconduct", "praise"]
    agency_id: Id = Field(description="id từ /api/v1/public/agencies")
    description: str = Field(max_length=5000)
    officer_name: str = Field("", max_length=120)
    counter_id: Id | None = None
    unit_text: str = Field("", max_length=255, description="bộ phận, phòng ban được nêu")
    place: str = Field("", max_length=255)
    occurred_on: date | None = None
    contact_name: str = Field("", max_length=120)
    contact_phone: str = Field("", max_length=30)
    contact_email: str = Field("", max_length=120)
    contact_address: str = Field("", max_length=255)
    client_id: str = Field("", max_length=36, description="UUID do máy khách tạo, chống gửi trùng")


def _validation_errors(exc: ValidationError) -> dict[str, str]:
    """Every refused field, in Vietnamese, each named by its human label."""
    errors: dict[str, str] = {}
    for error in exc.errors():
        loc = error.get("loc", ())
        field = str(loc[0]) if loc else "data"
        kind = error.get("type", "")
        if field in errors:
            continue
        if kind == "extra_forbidden":
            errors[field] = _("Trường không được hỗ trợ: %(f)s.") % {"f": field}
        elif kind == "missing":
            errors[field] = field_message(field, _("cần điền (bắt buộc)."))
        elif kind == "string_too_long":
            limit = (error.get("ctx") or {}).get("max_length", 0)
            errors[field] = field_message(field, _("quá dài, tối đa %(n)d ký tự.") % {"n": limit})
        elif field == "kind":
            errors[field] = _(
                "Loại phản ánh phải là “misconduct” (vi phạm) hoặc “praise” (khen ngợi)."
            )
        elif field == "occurred_on":
            errors[field] = field_message(field, _("phải là một ngày hợp lệ."))
        else:
            errors[field] = field_message(field, _("giá trị không hợp lệ."))
    return errors


@dataclass(frozen=True)
class ParseFailure:
    """Why a report request was refused: the status, one message, and each field's error."""

    status: int
    message: str
    errors: dict[str, str] = dataclass_field(default_factory=dict)


def _refused(errors: dict[str, str]) -> ParseFailure:
    return ParseFailure(422, " ".join(errors.values()), errors)


def _as_input(raw: dict, files: list) -> ReportInput:
    """A ReportInput from already validated values (or, for the text checks after a failed
    validation, from whatever strings came)."""

    def text(name: str) -> str:
        value = raw.get(name, "")
        return value if isinstance(value, str) else ""

    return ReportInput(
        kind=text("kind"),
        agency_id=raw.get("agency_id") or 0,
        description=text("description"),
        subject_name=text("officer_name"),
        counter_id=raw.get("counter_id"),
        subject_unit_text=text("unit_text"),
        place=text("place"),
        occurred_on=_date(raw.get("occurred_on")),
        contact_name=text("contact_name"),
        contact_phone=text("contact_phone"),
        contact_email=text("contact_email"),
        contact_address=text("contact_address"),
        client_id=text("client_id"),
        files=files,
    )


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _multipart_fields(request: HttpRequest, errors: dict[str, str]) -> dict:
    raw = {k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "evidence")}
    # A browser always sends the file field; left empty it arrives as an empty text part.
    if any(value for value in request.POST.getlist("evidence")):
        errors["evidence"] = field_message("evidence", _("phải gửi dạng tệp tải lên."))
    for key in ("agency_id", "counter_id", "occurred_on"):
        if raw.get(key, None) == "":
            raw.pop(key)
    return raw


def _evidence(request: HttpRequest, errors: dict[str, str]) -> list:
    uploads = request.FILES.getlist("evidence")
    if len(uploads) > MAX_EVIDENCE_FILES:
        errors["evidence"] = field_message(
            "evidence", _("tối đa %(n)d tệp.") % {"n": MAX_EVIDENCE_FILES}
        )
        return []
    files, problems = [], []
    budget = DecodeBudget()
    for upload in uploads:
        try:
            files.append(clean_evidence(read_limited(upload), budget=budget))
        except RuleError as exc:
            problems.append(
                _("tệp “%(name)s”: %(problem)s") % {"name": upload.name, "problem": exc.message}
            )
    if problems:
        errors["evidence"] = field_message("evidence", " ".join(problems))
    return files


def parse_report_request(request: HttpRequest) -> ParseFailure | ReportInput:
    """Read a JSON or multipart report, refusing oversized bodies before reading them.

    Every problem is reported at once, each under its field (`ParseFailure.errors`)."""
    errors: dict[str, str] = {}
    files: list = []
    try:
        content_type = body_guard(
            request,
            limit=MAX_BODY_BYTES,
            content_types=("application/json", "multipart/form-data"),
        )
        if content_type == "application/json":
            raw = read_json(request, limit=MAX_BODY_BYTES)
            if not isinstance(raw, dict):
                return ParseFailure(422, _("Dữ liệu gửi lên phải là một đối tượng JSON."))
        else:
            raw = _multipart_fields(request, errors)
            files = _evidence(request, errors)
    except BodyRefused as exc:
        return ParseFailure(exc.status, exc.message)
    try:
        payload = ReportIn.model_validate(raw)
    except ValidationError as exc:
        invalid = _validation_errors(exc)
        text_errors = report_input_errors(_as_input(raw, []))
        return _refused({**text_errors, **errors, **invalid})
    if errors:
        text_errors = report_input_errors(_as_input(payload.model_dump(), []))
        return _refused({**text_errors, **errors})
    return _as_input(payload.model_dump(), files)
