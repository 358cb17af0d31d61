"""The person page: facts, assignment history, transfer and edit forms."""

from __future__ import annotations

from datetime import timedelta

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.common.permissions import Cap
from congso.org import selectors, services
from congso.org.forms import PersonEditForm, TransferForm
from congso.org.models import Person

ORG = Cap.ORG_VIEW


def _transfer_form(request: HttpRequest, person: Person, data=None) -> TransferForm:
    actor, today = request.actor, timezone.localdate()
    choices = selectors.unit_options(actor=actor, capability=Cap.PEOPLE_MANAGE, on=today)
    current = selectors.open_assignment(actor=actor, person=person)
    validity = dict(
        (u.pk, (u.valid_from, u.valid_to))
        for u in selectors.unit_list(actor=actor).filter(pk__in=[pk for pk, _n in choices])
    )
    return TransferForm(
        data,
        unit_choices=[(pk, name) for pk, name in choices if pk != person.unit_id],
        current_unit_id=person.unit_id,
        current_start=current.start_date if current else None,
        unit_validity=validity,
    )


def _edit_form(person: Person, data=None) -> PersonEditForm:
    initial = {name: getattr(person, name) for name in PersonEditForm.base_fields}
    return PersonEditForm(data, initial=initial)


def _panels(actor, person: Person) -> list[dict]:
    """Panels other apps add to this page: each app lists `person_panels` on its AppConfig,
    functions `(*, actor, person) -> {"template": ..., "context": ...} | None`, so org never
    imports the apps above it."""
    panels = []
    for config in apps.get_app_configs():
        for path in getattr(config, "person_panels", ()):
            panel = import_string(path)(actor=actor, person=person)
            if panel:
                panels.append(panel)
    return panels


def _render_person(request: HttpRequest, person: Person, *, status: int = 200, **forms):
    actor = request.actor
    can_manage = actor.can(Cap.PEOPLE_MANAGE, person.unit_id)
    # end_date is exclusive (the day the next assignment starts); people read the last day.
    history = [
        (a, a.end_date - timedelta(days=1) if a.end_date else None, actor.can(ORG, a.unit_id))
        for a in selectors.assignment_history(actor=actor, person=person)
    ]
    context = {
        "person": person,
        "history": history,
        "categories": selectors.category_history(actor=actor, person=person),
        "unit_linked": actor.can(Cap.ORG_VIEW, person.unit_id),
        "can_manage": can_manage,
        "transfer_form": forms.get("transfer_form")
        or (can_manage and _transfer_form(request, person)),
        "edit_form": forms.get("edit_form") or (can_manage and _edit_form(person)),
        "panels": _panels(actor, person),
    }
    return render(request, "org/person_detail.html", context, status=status)


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_person(request, selectors.person_get(actor=request.actor, pk=pk))


def _managed_person(request: HttpRequest, pk: int) -> Person:
    """The person (404 when not visible), then 403 without people.manage on their unit."""
    person = selectors.person_get(actor=request.actor, pk=pk)
    if not request.actor.can(Cap.PEOPLE_MANAGE, person.unit_id):
        raise PermissionDenied
    return person


@login_required
def person_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    if request.method != "POST":
        return redirect(f"{reverse('org:person', args=[person.pk])}#dieu-dong")
    form = _transfer_form(request, person, data=request.POST)
    if not form.is_valid():
        return _render_person(request, person, status=400, transfer_form=form)
    data = form.cleaned_data
    to_unit = selectors.unit_get(actor=request.actor, pk=data["to_unit"])
    services.person_transfer(
        actor=request.actor,
        person=person,
        to_unit=to_unit,
        on=data["on"],
        position=data["position"] or None,
    )
    messages.success(request, _("Đã điều động cán bộ sang %(unit)s.") % {"unit": to_unit.name})
    return redirect("org:person", pk=person.pk)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    if request.method != "POST":
        return redirect(f"{reverse('org:person', args=[person.pk])}#sua-thong-tin")
    form = _edit_form(person, data=request.POST)
    if form.is_valid():
        try:
            services.person_update(actor=request.actor, person=person, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            person = selectors.person_get(actor=request.actor, pk=pk)  # drop unsaved edits
        else:
            messages.success(request, _("Đã lưu thông tin cán bộ."))
            return redirect("org:person", pk=person.pk)
    return _render_person(request, person, status=400, edit_form=form)
