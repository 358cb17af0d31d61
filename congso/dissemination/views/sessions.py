"""Study sessions (hội nghị quán triệt): plan, QR code, scan, tick the list, Excel import."""

from __future__ import annotations

import io

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from openpyxl import load_workbook

from congso.common.permissions import Cap
from congso.dissemination import selectors, services
from congso.dissemination.files import read_limited
from congso.dissemination.forms import ImportForm, SessionForm
from congso.dissemination.views.common import add_errors, read_upload, require_cap, unit_choices

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000


@login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    require_cap(request, Cap.DISSEMINATION_VIEW)
    sessions = list(selectors.session_list(actor=request.actor)[:200])
    context = {"sessions": sessions, "can_manage": request.actor.has(Cap.DISSEMINATION_MANAGE)}
    return render(request, "dissemination/sessions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    require_cap(request, Cap.DISSEMINATION_MANAGE)
    actor = request.actor
    choices = unit_choices(selectors.sendable_units(actor=actor))
    makeup_of = None
    if request.GET.get("bu_cho"):
        makeup_of = selectors.session_get(
            actor=actor, pk=request.GET["bu_cho"], capability=Cap.DISSEMINATION_MANAGE
        )
    if request.method == "GET":
        initial = (
            {"unit": makeup_of.unit_id, "title": _("Hội nghị bù: %(t)s") % {"t": makeup_of.title}}
            if makeup_of
            else None
        )
        form = SessionForm(unit_choices=choices, initial=initial)
        return render(
            request, "dissemination/session_form.html", {"form": form, "makeup_of": makeup_of}
        )
    form = SessionForm(request.POST, unit_choices=choices)
    if form.is_valid():
        unit = selectors.managed_unit_get(actor=actor, pk=form.cleaned_data["unit"])
        fields = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            session = services.session_create(actor=actor, unit=unit, makeup_of=makeup_of, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lên lịch hội nghị."))
            return redirect("dissemination:session", pk=session.pk)
    context = {"form": form, "makeup_of": makeup_of}
    return render(request, "dissemination/session_form.html", context, status=400)


def _qr_svg(request: HttpRequest, session) -> str:
    url = request.build_absolute_uri(reverse("dissemination:scan", args=[session.token]))
    return segno.make(url, error="m").svg_inline(scale=4, dark="#000")


def _session_context(request, session, **extra) -> dict:
    actor = request.actor
    can_manage = actor.can(Cap.DISSEMINATION_MANAGE, session.unit_id)
    present = selectors.session_attendance(actor=actor, session=session)
    members = list(selectors.session_members(actor=actor, session=session)[:500])
    return {
        "session": session,
        "can_manage": can_manage,
        "members": [(p, present.get(p.pk)) for p in members],
        "present_count": len(present),
        "absentees": selectors.session_absentees(actor=actor, session=session),
        "qr": _qr_svg(request, session) if can_manage else None,
        "scan_url": request.build_absolute_uri(reverse("dissemination:scan", args=[session.token]))
        if can_manage
        else None,
        "import_form": ImportForm() if can_manage else None,
        **extra,
    }


@login_required
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(actor=request.actor, pk=pk)
    return render(request, "dissemination/session.html", _session_context(request, session))


@login_required
@require_POST
def session_tick(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(actor=request.actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE)
    ids = [v for v in request.POST.getlist("co_mat") if v.isdigit()]
    try:
        added = services.attendance_tick(actor=request.actor, session=session, person_ids=ids)
    except ValidationError as exc:
        context = _session_context(request, session, error=" ".join(exc.messages))
        return render(request, "dissemination/session.html", context, status=400)
    messages.success(request, _("Đã ghi nhận %(n)s người có mặt.") % {"n": added})
    return redirect("dissemination:session", pk=session.pk)


def _codes_from_xlsx(data: bytes) -> list[tuple[int, str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not xlsx
        raise ValidationError(_("Không đọc được tệp Excel (.xlsx).")) from None
    sheet = book.worksheets[0]
    codes = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_IMPORT_ROWS + 1:
            raise ValidationError(_("Tệp có quá nhiều dòng."))
        value = row[0] if row else None
        if value is None:
            continue
        text = str(value).strip()
        if number == 1 and not any(ch.isdigit() for ch in text):
            continue  # a header row ("Mã cán bộ")
        codes.append((number, text))
    return codes


@login_required
@require_POST
def session_import(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(actor=request.actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE)
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        data = read_upload(
            form.cleaned_data["file"], lambda f: read_limited(f, limit=MAX_IMPORT_BYTES)
        )
        if isinstance(data, str):
            form.add_error("file", data)
        else:
            try:
                codes = _codes_from_xlsx(data)
                added = services.attendance_import(
                    actor=request.actor, session=session, codes=codes
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Đã ghi nhận %(n)s người có mặt.") % {"n": added})
                return redirect("dissemination:session", pk=session.pk)
    context = _session_context(request, session, import_form=form)
    return render(request, "dissemination/session.html", context, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def scan(request: HttpRequest, token: str) -> HttpResponse:
    """What the QR code opens: the attendee confirms being present (one tap, no JavaScript)."""
    session = selectors.session_by_token(token)
    person = selectors.my_person(actor=request.actor)
    if person is None or not person.unit.path.startswith(session.unit.path):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            services.attendance_scan(actor=request.actor, session=session)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã điểm danh: bạn có mặt tại hội nghị."))
            return redirect("dissemination:scan", token=token)
    attended = selectors.my_attendance(actor=request.actor, session=session)
    context = {"session": session, "error": error, "attended": attended}
    return render(request, "dissemination/scan.html", context, status=400 if error else 200)


@login_required
@require_GET
def my_session(request: HttpRequest, pk: int) -> HttpResponse:
    """A session the actor is expected at (from 'Việc của tôi')."""
    for session in selectors.my_sessions(actor=request.actor):
        if session.pk == pk:
            return render(request, "dissemination/my_session.html", {"session": session})
    raise Http404
