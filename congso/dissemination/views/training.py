"""Propaganda activities and training courses: plan, participants and attendance, the quiz,
a person's training record and a unit's record."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.common.permissions import Cap
from congso.dissemination import selectors, training
from congso.dissemination.forms import ActivityForm, CourseForm, MaterialForm
from congso.dissemination.views.common import add_errors, require_cap, unit_choices


@login_required
@require_GET
def training_index(request: HttpRequest) -> HttpResponse:
    require_cap(request, Cap.DISSEMINATION_VIEW)
    actor = request.actor
    today = timezone.localdate()
    root = selectors.report_root(actor=actor) if actor.has(Cap.DISSEMINATION_REPORT) else None
    context = {
        "activities": list(selectors.activity_list(actor=actor)[:100]),
        "courses": list(selectors.course_list(actor=actor)[:100]),
        "can_manage": actor.has(Cap.DISSEMINATION_MANAGE),
        "root": root,
        "record": selectors.unit_record(
            actor=actor, unit=root, start=date(today.year, 1, 1), end=today
        )
        if root
        else None,
    }
    return render(request, "dissemination/training.html", context)


def _create(request, form_class, service, detail_name, template):
    require_cap(request, Cap.DISSEMINATION_MANAGE)
    actor = request.actor
    choices = unit_choices(selectors.sendable_units(actor=actor))
    if request.method == "GET":
        form = form_class(unit_choices=choices)
        return render(request, template, {"form": form})
    form = form_class(request.POST, unit_choices=choices)
    if form.is_valid():
        unit = selectors.managed_unit_get(actor=actor, pk=form.cleaned_data["unit"])
        fields = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            row = service(actor=actor, unit=unit, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(detail_name, pk=row.pk)
    return render(request, template, {"form": form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        ActivityForm,
        training.activity_create,
        "dissemination:activity",
        "dissemination/activity_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        CourseForm,
        training.course_create,
        "dissemination:course",
        "dissemination/course_form.html",
    )


def _target_context(request, target, kind: str, **extra) -> dict:
    actor = request.actor
    present = selectors.participants(actor=actor, target=target)
    can_manage = actor.can(Cap.DISSEMINATION_MANAGE, target.unit_id)
    members = (
        list(selectors.unit_members(actor=actor, unit=target.unit)[:500]) if can_manage else []
    )
    return {
        "target": target,
        "kind": kind,
        "can_manage": can_manage,
        "rows": [(p, present.get(p.pk)) for p in members]
        if can_manage
        else [(row.person, row) for row in present.values()],
        "attended": sum(1 for row in present.values() if row.attended),
        **extra,
    }


@login_required
@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(actor=request.actor, pk=pk)
    return render(
        request, "dissemination/target.html", _target_context(request, activity, "activity")
    )


def course_context(request, course, **extra) -> dict:
    """The course page: participants, and the course's files with an upload form for its
    organiser."""
    context = _target_context(request, course, "course", **extra)
    context["files"] = selectors.course_materials(actor=request.actor, course=course)
    if context["can_manage"]:
        context.setdefault("material_form", MaterialForm())
    return context


@login_required
@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(actor=request.actor, pk=pk)
    return render(request, "dissemination/target.html", course_context(request, course))


def _mark(request, target, kind: str, detail_name: str) -> HttpResponse:
    ids = [v for v in request.POST.getlist("co_mat") if v.isdigit()]
    try:
        training.participants_mark(actor=request.actor, target=target, person_ids=ids)
    except ValidationError as exc:
        error = " ".join(exc.messages)
        context = (
            course_context(request, target, error=error)
            if kind == "course"
            else _target_context(request, target, kind, error=error)
        )
        return render(request, "dissemination/target.html", context, status=400)
    messages.success(request, _("Đã ghi nhận người tham gia."))
    return redirect(detail_name, pk=target.pk)


@login_required
@require_POST
def activity_mark(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(
        actor=request.actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE
    )
    return _mark(request, activity, "activity", "dissemination:activity")


@login_required
@require_POST
def course_mark(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(actor=request.actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE)
    return _mark(request, course, "course", "dissemination:course")


@login_required
@require_http_methods(["GET", "POST"])
def course_quiz(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant's own quiz (only people on the course's list reach it)."""
    actor = request.actor
    mine = selectors.my_course_participation(actor=actor, pk=pk)
    course = mine.course
    if not course.questions:
        raise Http404
    error = None
    if request.method == "POST":
        answers = []
        for index, _q in enumerate(course.questions):
            value = request.POST.get(f"cau_{index}", "")
            answers.append(int(value) if value.isdigit() else None)
        try:
            mine = training.quiz_submit(actor=actor, course=course, answers=answers)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect("dissemination:course_quiz", pk=pk)
    context = {
        "course": course,
        "mine": mine,
        "questions": list(enumerate(course.questions)),
        "error": error,
        "files": selectors.course_materials(actor=actor, course=course),
    }
    return render(request, "dissemination/quiz.html", context, status=400 if error else 200)


@login_required
@require_GET
def my_record(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own record: acknowledgements, sessions, activities, courses."""
    actor = request.actor
    record = (
        selectors.person_record(
            actor=actor, person_id=actor.person_id, capability=Cap.DISSEMINATION_ACK
        )
        if actor.person_id
        else None
    )
    files = (
        selectors.materials_of_my_courses(
            actor=actor, course_ids=[p.course_id for p in record.participation if p.course_id]
        )
        if record
        else {}
    )
    rows = [(p, files.get(p.course_id, [])) for p in record.participation] if record else []
    return render(request, "dissemination/record.html", {"record": record, "training": rows})
