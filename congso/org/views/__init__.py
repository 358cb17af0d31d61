"""Staff pages of the org tree and people: thin views over org.selectors and org.services."""

from congso.org.views.imports import import_page, import_template
from congso.org.views.people import people, people_export
from congso.org.views.person import person_detail, person_edit, person_transfer
from congso.org.views.tree import tree, unit_detail

__all__ = [
    "import_page",
    "import_template",
    "people",
    "people_export",
    "person_detail",
    "person_edit",
    "person_transfer",
    "tree",
    "unit_detail",
]
