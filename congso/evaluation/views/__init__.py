"""Pages of evaluation and classification: thin views over selectors and services."""

from congso.evaluation.views.catalogue import (
    catalogue_page,
    catalogue_xlsx,
    product_create,
    product_edit,
    product_retire,
)
from congso.evaluation.views.exports import (
    catalogue_import,
    leave_import,
    result_docx,
    run_docx,
    run_xlsx,
)
from congso.evaluation.views.runs import (
    appeal_answer,
    result_appeal,
    result_decide,
    result_page,
    run_page,
    run_published,
    run_step,
)
from congso.evaluation.views.sheets import sheet_page, sheet_save
from congso.evaluation.views.units import (
    index,
    unit_classify,
    unit_open_period,
    unit_page,
    unit_settings,
)

__all__ = [
    "appeal_answer",
    "catalogue_import",
    "catalogue_page",
    "catalogue_xlsx",
    "index",
    "leave_import",
    "product_create",
    "product_edit",
    "product_retire",
    "result_appeal",
    "result_decide",
    "result_docx",
    "result_page",
    "run_docx",
    "run_page",
    "run_published",
    "run_step",
    "run_xlsx",
    "sheet_page",
    "sheet_save",
    "unit_classify",
    "unit_open_period",
    "unit_page",
    "unit_settings",
]
