"""Council meetings: members, the paper tally, the electronic secret ballot and the minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.common.permissions import Cap
from congso.emulation import documents, selectors, services
from congso.emulation.models import BallotMode, MemberRole, ProposalState
from congso.emulation.rules import EmulationError
from congso.emulation.views._common import fail, parse_day, to_int, year_of
from congso.org.models import Person


@login_required
@require_POST
def meeting_create(request: HttpRequest) -> HttpResponse:
    """Members are given as staff codes, one per line: 'code' or 'code, chair|secretary,
    absent'."""
    actor = request.actor
    unit = selectors.unit_get(
        actor=actor, pk=to_int(request.POST.get("unit")), capability=Cap.EMULATION_MANAGE
    )
    held_on = parse_day(request.POST.get("held_on", ""))
    lines = [line.strip() for line in request.POST.get("members", "").splitlines() if line.strip()]
    codes = [line.split(",")[0].strip() for line in lines]
    people = {
        p.staff_code: p
        for p in Person.objects.for_actor(actor, Cap.PEOPLE_VIEW).filter(staff_code__in=codes)
    }
    try:
        if held_on is None:
            raise EmulationError(_("Ngày họp không đúng dạng ngày (dd/mm/yyyy)."))
        members = []
        for number, line in enumerate(lines, start=1):
            parts = [part.strip().lower() for part in line.split(",")]
            person = people.get(line.split(",")[0].strip())
            if person is None:
                raise EmulationError(
                    _("Dòng %(n)s: không tìm thấy cán bộ có mã “%(code)s”.")
                    % {"n": number, "code": line.split(",")[0].strip()}
                )
            role = next((r for r in MemberRole.values if r in parts[1:]), MemberRole.MEMBER)
            members.append((person, role, "absent" not in parts[1:] and "vắng" not in parts[1:]))
        meeting = services.meeting_create(
            actor=actor,
            unit=unit,
            year=year_of(request),
            held_on=held_on,
            place=request.POST.get("place", ""),
            members=members,
            ballot_mode=request.POST.get("ballot_mode") or BallotMode.PAPER,
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
        return redirect("emulation:index")
    return redirect("emulation:meeting", meeting.pk)


@login_required
@require_GET
def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, pk=pk)
    members = list(meeting.members.select_related("person"))
    agenda = list(selectors.meeting_agenda(actor=actor, meeting=meeting))
    context = {
        "meeting": meeting,
        "members": members,
        "present": [m for m in members if m.present],
        "agenda": agenda,
        "passed": [p for p in agenda if p.state == ProposalState.PASSED],
        "can_manage": actor.can(Cap.EMULATION_MANAGE, meeting.unit_id),
        "today": timezone.localdate(),
        "electronic": meeting.ballot_mode == BallotMode.ELECTRONIC,
        "ballot_url": request.build_absolute_uri(reverse("emulation:ballot", args=[meeting.pk])),
        "ballots_cast": meeting.receipts.count(),
    }
    context["ballot_qr"] = documents.qr_svg(context["ballot_url"])
    return render(request, "emulation/meeting.html", context)


@login_required
@require_POST
def meeting_tally(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, pk=pk)
    proposal = selectors.proposal_get(actor=actor, pk=to_int(request.POST.get("proposal")))
    try:
        services.tally_record(
            actor=actor,
            meeting=meeting,
            proposal=proposal,
            agree=to_int(request.POST.get("agree"), -1),
            disagree=to_int(request.POST.get("disagree"), -1),
            invalid=to_int(request.POST.get("invalid")),
            recused=[to_int(v) for v in request.POST.getlist("recused")],
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã ghi kết quả kiểm phiếu."))
    return redirect(reverse("emulation:meeting", args=[meeting.pk]) + f"#p{proposal.pk}")


@login_required
@require_GET
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(actor=request.actor, pk=pk)
    response = HttpResponse(documents.minutes_docx(meeting), content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-{meeting.pk}.docx"'
    return response


def _recusals(request: HttpRequest) -> dict[int, list[int]]:
    """The related members declared per candidate: checkboxes named `recused-<proposal>`."""
    found: dict[int, list[int]] = {}
    for key in request.POST:
        if key.startswith("recused-") and (proposal := to_int(key.removeprefix("recused-"))):
            found[proposal] = [to_int(v) for v in request.POST.getlist(key)]
    return found


@login_required
@require_POST
def voting_open(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, pk=pk)
    try:
        services.voting_open(actor=actor, meeting=meeting, recused=_recusals(request))
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã mở bỏ phiếu điện tử: thành viên có mặt mở phiếu bầu."))
    return redirect("emulation:meeting", meeting.pk)


def _choices(request: HttpRequest) -> dict[int, str]:
    return {
        to_int(key.removeprefix("v")): value
        for key, value in request.POST.items()
        if key.startswith("v") and key[1:].isdigit()
    }


@login_required
@require_http_methods(["GET", "POST"])
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's secret ballot, on their phone during the meeting."""
    actor = request.actor
    meeting, member = selectors.meeting_for_voter(actor=actor, pk=pk)
    if request.method == "POST":
        try:
            services.ballot_cast(actor=actor, meeting=meeting, choices=_choices(request))
        except EmulationError as exc:
            fail(request, exc)
        else:
            messages.success(request, _("Đã ghi phiếu bầu của bạn. Phiếu là phiếu kín."))
            return redirect("emulation:ballot", meeting.pk)
    context = {
        "meeting": meeting,
        "member": member,
        "is_chair": member.role == MemberRole.CHAIR,
        **selectors.ballot_page(meeting=meeting, member=member),
    }
    chosen = _choices(request) if request.method == "POST" else {}
    for count in context["candidates"]:
        count.chosen = chosen.get(count.proposal_id)
    return render(request, "emulation/ballot.html", context)


@login_required
@require_POST
def voting_close(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting, _member = selectors.meeting_for_voter(actor=actor, pk=pk)
    try:
        services.voting_close(actor=actor, meeting=meeting)
    except EmulationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã kết thúc bỏ phiếu và kiểm phiếu."))
    return redirect("emulation:ballot", meeting.pk)
