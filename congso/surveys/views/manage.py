"""The survey template editor and the anomaly flags."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.surveys import selectors, services
from congso.surveys.exports import anomaly_rows
from congso.surveys.forms import ReviewForm, TemplateForm
from congso.surveys.models import AnomalyStatus
from congso.surveys.rules import QUESTION_KEYS


@login_required
def template_edit(request: HttpRequest) -> HttpResponse:
    template = selectors.template_get(actor=request.actor)
    if template is None or not request.actor.can(Cap.SURVEYS_MANAGE, template.unit_id):
        raise Http404
    version = template.current
    form = TemplateForm(request.POST or None, questions=version.questions)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.template_update(
                actor=request.actor,
                template=template,
                questions=form.questions(),
                intro=form.cleaned_data["intro"],
            )
        except services.SurveyError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã lưu phiên bản %(n)d của phiếu.") % {"n": new.number})
            return redirect("surveys:template")
    form.initial.setdefault("intro", version.intro)
    questions = [(form[f"use_{key}"], form[f"label_{key}"]) for key in QUESTION_KEYS]
    context = {
        "form": form,
        "questions": questions,
        "template": template,
        "versions": template.versions.all(),
    }
    return render(request, "surveys/template_edit.html", context)


@login_required
def anomalies(request: HttpRequest) -> HttpResponse:
    if not request.actor.has(Cap.SURVEYS_ANOMALIES):
        raise Http404  # like every other survey page: the project's Vietnamese 404, not 403
    status = request.GET.get("trang-thai", AnomalyStatus.OPEN)
    rows = selectors.anomaly_list(actor=request.actor, status=status)[:300]
    if request.GET.get("xuat") == "xlsx":
        title, headers, table = anomaly_rows(rows)
        return xlsx_response(
            build_workbook(title=title, headers=headers, rows=table), "canh-bao-bat-thuong.xlsx"
        )
    context = {"rows": rows, "status": status, "statuses": AnomalyStatus.choices}
    return render(request, "surveys/anomalies.html", context)


@login_required
@require_POST
def anomaly_review(request: HttpRequest, pk: int) -> HttpResponse:
    flag = selectors.anomaly_get(actor=request.actor, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        services.anomaly_review(actor=request.actor, flag=flag, note=form.cleaned_data["note"])
        messages.success(request, _("Đã ghi kết quả xem xét."))
    else:
        messages.error(request, _("Vui lòng ghi kết quả xem xét."))
    return redirect("surveys:anomalies")
