"""Roles (design.md §1) and the capabilities each grants: the vocabulary every layer shares.

A role is granted on an org unit. Roles marked SUBTREE reach the unit and everything below it;
the others reach the unit itself only. Capabilities are strings "<area>.<verb>"; selectors and
services ask `actor.can(capability, unit_id)` or filter with `for_actor(actor, capability)`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    STAFF = "staff", _("Cán bộ, công chức, viên chức")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    EMULATION_OFFICER = "emulation_officer", _("Cán bộ thi đua – khen thưởng")
    # A context: the same words name the inspections section ("Inspections"); without it the
    # English catalogues collided and the section read "Inspector" (issue 8 item 12).
    INSPECTOR = "inspector", pgettext_lazy("role", "Thanh tra, kiểm tra")
    CASE_HANDLER = "case_handler", _("Cán bộ xử lý vụ việc")
    IDENTITY_CUSTODIAN = "identity_custodian", _("Người giữ bí mật danh tính")
    SOCIAL_MONITOR = "social_monitor", _("Giám sát xã hội (Mặt trận, đoàn thể, báo chí)")
    LEADERSHIP = "leadership", _("Lãnh đạo tỉnh")
    ADMIN = "admin", _("Quản trị hệ thống")
    # The Party's inspection committee: oversight of who may read reporters' identities.
    PARTY_INSPECTION = "party_inspection", _("Ủy ban Kiểm tra của Đảng")


class Cap:
    """Capability names (one constant each, so a typo fails at import, not at run time)."""

    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    PEOPLE_VIEW = "people.view"
    PEOPLE_MANAGE = "people.manage"
    PEOPLE_IMPORT = "people.import"
    ACCOUNTS_MANAGE = "accounts.manage"
    AUDIT_VIEW = "audit.view"
    CALENDAR_MANAGE = "calendar.manage"
    SURVEYS_VIEW = "surveys.view"
    SURVEYS_MANAGE = "surveys.manage"
    SURVEYS_RESPONSES = "surveys.responses"  # single responses and comments (never one's own)
    SURVEYS_ANOMALIES = "surveys.anomalies"  # burst flags of the agencies a unit supervises
    CONDUCT_VIEW = "conduct.view"
    CONDUCT_MANAGE = "conduct.manage"
    CONDUCT_ATTEST = "conduct.attest"
    # See attestation completion per unit (heads, emulation officers, leadership, admins).
    CONDUCT_REPORT = "conduct.report"
    CASES_VIEW = "cases.view"
    CASES_SCREEN = "cases.screen"
    CASES_HANDLE = "cases.handle"
    CASES_DECIDE = "cases.decide"
    CASES_REVIEW_APPEAL = "cases.review_appeal"
    CASES_APPEAL = "cases.appeal"
    CASES_FILE_AS_MONITOR = "cases.file_as_monitor"
    # Edit the stage deadlines per case type (province-wide reach only: admins).
    CASES_CONFIGURE = "cases.configure"
    IDENTITY_REVEAL = "identity.reveal"
    IDENTITY_REVEALS_VIEW = "identity.reveals_view"
    # Custodian grants (Luật Tố cáo art. 47): request one for someone else (accounts.manage),
    # confirm or refuse someone else's request, and read the list of requests and grants.
    IDENTITY_GRANT_CONFIRM = "identity.grant_confirm"
    IDENTITY_GRANTS_VIEW = "identity.grants_view"
    INSPECTIONS_VIEW = "inspections.view"
    INSPECTIONS_MANAGE = "inspections.manage"
    # Report progress on remediation tasks: the task owner (self) and the inspected unit's head.
    INSPECTIONS_REMEDIATE = "inspections.remediate"
    # Dissemination (directive points 1-2): read documents and campaigns in reach, send them,
    # see completion per unit; acknowledging is a self capability (one's own receipts only).
    DISSEMINATION_VIEW = "dissemination.view"
    DISSEMINATION_MANAGE = "dissemination.manage"
    DISSEMINATION_REPORT = "dissemination.report"
    DISSEMINATION_ACK = "dissemination.ack"
    # Evaluation and annual classification (issue 10).
    # Read sheets and results of a unit (and one's own, as a self capability).
    EVALUATION_VIEW = "evaluation.view"
    # Fill one's own periodic sheet (self capability only).
    EVALUATION_SELF = "evaluation.self"
    # The head's assessment of the unit's sheets (never one's own: the level above does).
    EVALUATION_ASSESS = "evaluation.assess"
    # Catalogue, leave records, per-year facts, the classification run (organisation officer).
    EVALUATION_MANAGE = "evaluation.manage"
    # Quota choice, collective review, approval, publication, final, decisions after final.
    EVALUATION_APPROVE = "evaluation.approve"
    # Appeal one's own published result (self capability only).
    EVALUATION_APPEAL = "evaluation.appeal"
    # Emulation and awards (issue 12).
    # Read plans, registrations, eligibility, proposals, council results and awards of a unit.
    EMULATION_VIEW = "emulation.view"
    # Register for titles: one's own (self capability) and a unit's collective and staff (head).
    EMULATION_REGISTER = "emulation.register"
    # Propose the eligible for an award (the unit head and the emulation officer).
    EMULATION_PROPOSE = "emulation.propose"
    # Plans, catalogue, approving registrations, history import, initiatives, council meetings,
    # decisions, certificates and revocation (the emulation officer).
    EMULATION_MANAGE = "emulation.manage"
    # The annual report on the directive and the leadership dashboards (reports app).
    REPORTS_VIEW = "reports.view"
    # Write and submit the unit's periodic report on the directive, review the units below.
    REPORTS_UNIT = "reports.unit"


SUBTREE_ROLES = frozenset(
    {
        Role.UNIT_HEAD,
        Role.EMULATION_OFFICER,
        Role.INSPECTOR,
        Role.CASE_HANDLER,
        Role.IDENTITY_CUSTODIAN,
        Role.LEADERSHIP,
        Role.ADMIN,
        Role.PARTY_INSPECTION,
    }
)

# Roles that must confirm a TOTP code before using any staff page (issue: admins, custodians).
SECOND_FACTOR_ROLES = frozenset({Role.ADMIN, Role.IDENTITY_CUSTODIAN, Role.PARTY_INSPECTION})

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.STAFF: frozenset({Cap.ORG_VIEW, Cap.CONDUCT_VIEW}),
    Role.UNIT_HEAD: frozenset(
        {
            Cap.REPORTS_UNIT,
            Cap.DISSEMINATION_VIEW,
            Cap.DISSEMINATION_MANAGE,
            Cap.DISSEMINATION_REPORT,
            Cap.ORG_VIEW,
            Cap.PEOPLE_VIEW,
            Cap.SURVEYS_VIEW,
            Cap.SURVEYS_RESPONSES,
            Cap.SURVEYS_ANOMALIES,
            Cap.CONDUCT_VIEW,
            Cap.CONDUCT_MANAGE,
            Cap.CONDUCT_REPORT,
            Cap.CASES_VIEW,
            Cap.CASES_DECIDE,
            Cap.CASES_HANDLE,
            Cap.IDENTITY_REVEALS_VIEW,
            Cap.INSPECTIONS_VIEW,
            Cap.INSPECTIONS_REMEDIATE,
            Cap.EVALUATION_VIEW,
            Cap.EVALUATION_ASSESS,
            Cap.EVALUATION_MANAGE,
            Cap.EVALUATION_APPROVE,
            Cap.EMULATION_VIEW,
            Cap.EMULATION_REGISTER,
            Cap.EMULATION_PROPOSE,
        }
    ),
    Role.EMULATION_OFFICER: frozenset(
        {
            Cap.REPORTS_UNIT,
            Cap.DISSEMINATION_VIEW,
            Cap.DISSEMINATION_MANAGE,
            Cap.DISSEMINATION_REPORT,
            Cap.ORG_VIEW,
            Cap.PEOPLE_VIEW,
            Cap.SURVEYS_VIEW,
            Cap.CONDUCT_VIEW,
            Cap.CONDUCT_REPORT,
            Cap.CASES_VIEW,
            Cap.EVALUATION_VIEW,
            Cap.EVALUATION_MANAGE,
            Cap.EMULATION_VIEW,
            Cap.EMULATION_REGISTER,
            Cap.EMULATION_PROPOSE,
            Cap.EMULATION_MANAGE,
        }
    ),
    Role.INSPECTOR: frozenset(
        {
            Cap.DISSEMINATION_VIEW,
            Cap.DISSEMINATION_REPORT,
            Cap.ORG_VIEW,
            Cap.PEOPLE_VIEW,
            Cap.CONDUCT_VIEW,
            Cap.CASES_VIEW,
            Cap.CASES_SCREEN,
            Cap.CASES_HANDLE,
            Cap.CASES_REVIEW_APPEAL,
            Cap.INSPECTIONS_VIEW,
            Cap.INSPECTIONS_MANAGE,
            Cap.SURVEYS_VIEW,
            Cap.SURVEYS_RESPONSES,
            Cap.SURVEYS_ANOMALIES,
        }
    ),
    Role.CASE_HANDLER: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.PEOPLE_VIEW,
            Cap.CONDUCT_VIEW,
            Cap.CASES_VIEW,
            Cap.CASES_SCREEN,
            Cap.CASES_HANDLE,
        }
    ),
    Role.IDENTITY_CUSTODIAN: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.CASES_VIEW,
            Cap.IDENTITY_REVEAL,
            Cap.IDENTITY_REVEALS_VIEW,
        }
    ),
    Role.SOCIAL_MONITOR: frozenset({Cap.CASES_FILE_AS_MONITOR}),
    Role.LEADERSHIP: frozenset(
        {
            Cap.REPORTS_UNIT,
            Cap.DISSEMINATION_VIEW,
            Cap.DISSEMINATION_REPORT,
            Cap.ORG_VIEW,
            Cap.PEOPLE_VIEW,
            Cap.SURVEYS_VIEW,
            Cap.SURVEYS_ANOMALIES,
            Cap.CONDUCT_VIEW,
            Cap.CONDUCT_REPORT,
            Cap.CASES_VIEW,
            Cap.INSPECTIONS_VIEW,
            Cap.AUDIT_VIEW,
            Cap.EVALUATION_VIEW,
            Cap.EMULATION_VIEW,
            Cap.REPORTS_VIEW,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Cap.DISSEMINATION_VIEW,
            Cap.DISSEMINATION_MANAGE,
            Cap.DISSEMINATION_REPORT,
            Cap.ORG_VIEW,
            Cap.ORG_MANAGE,
            Cap.PEOPLE_VIEW,
            Cap.PEOPLE_MANAGE,
            Cap.PEOPLE_IMPORT,
            Cap.ACCOUNTS_MANAGE,
            Cap.AUDIT_VIEW,
            Cap.CALENDAR_MANAGE,
            Cap.SURVEYS_VIEW,
            Cap.SURVEYS_RESPONSES,
            Cap.SURVEYS_ANOMALIES,
            Cap.SURVEYS_MANAGE,
            Cap.CONDUCT_VIEW,
            Cap.CONDUCT_MANAGE,
            Cap.CONDUCT_REPORT,
            Cap.CASES_CONFIGURE,
            Cap.IDENTITY_GRANT_CONFIRM,
            Cap.IDENTITY_GRANTS_VIEW,
        }
    ),
    Role.PARTY_INSPECTION: frozenset(
        {
            Cap.ORG_VIEW,
            Cap.IDENTITY_GRANT_CONFIRM,
            Cap.IDENTITY_GRANTS_VIEW,
            Cap.IDENTITY_REVEALS_VIEW,
        }
    ),
}

# What every person with an account may do about rows concerning themself.
SELF_CAPABILITIES = frozenset(
    {
        Cap.PEOPLE_VIEW,
        Cap.SURVEYS_VIEW,
        Cap.CONDUCT_ATTEST,
        Cap.CASES_APPEAL,
        Cap.CASES_VIEW,
        Cap.INSPECTIONS_REMEDIATE,
        Cap.DISSEMINATION_ACK,
        Cap.EVALUATION_VIEW,
        Cap.EVALUATION_SELF,
        Cap.EVALUATION_APPEAL,
        Cap.EMULATION_VIEW,
        Cap.EMULATION_REGISTER,
    }
)


def role_reaches_subtree(role: str) -> bool:
    return role in SUBTREE_ROLES
