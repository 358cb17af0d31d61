"""Models of the reports app: the unit reports upward (see unit_reports/)."""

from congso.reports.unit_reports.models import (  # noqa: F401
    ReportKind,
    ReportState,
    UnitReport,
    UnitReportReminder,
)
