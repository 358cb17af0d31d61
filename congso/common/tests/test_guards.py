"""Static guard: reads in views, APIs and selectors go through `for_actor`.

Every `views.py`, `views_*.py`, `api.py` and `selectors.py` under `congso/` (and every module of
a `views/`, `api/` or `selectors/` package) is parsed with `ast`. The guard fails on:

- a `Model.objects` access whose expression does not call `.for_actor(` on that chain and is
  not an argument of `get_for_actor(...)`, when `Model` is a scoped model (its manager has
  `for_actor`: every `ScopedModel`, `OrgUnit`, and accounts' own scoped managers) or cannot be
  resolved by name (`self.model.objects`, an alias): reference data that belongs to no unit
  (holidays, the violation taxonomy) has no scope to bypass;
- any `.unscoped` access (the unscoped manager is for system jobs, never for a request).

Exceptions live in `ALLOWED` below, each keyed by (file, function) with its reason. Keep the
list short: the fix for a hit is almost always to call `for_actor` / `get_for_actor`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]  # .../congso
GUARDED_NAMES = {"views.py", "api.py", "selectors.py"}
GUARDED_PACKAGES = {"views", "api", "selectors"}

# (path relative to congso/, enclosing function) -> reason. Each entry is a reviewed decision.
_PUBLIC = "public by design (no login): units that serve citizens, their counters and codes"
ALLOWED: dict[tuple[str, str], str] = {
    ("portal/api.py", "agencies"): _PUBLIC,
    ("portal/views/surveys.py", "agency_scorecard"): _PUBLIC + "; aggregates only",
    ("cases/selectors/__init__.py", "monitor_reports"): (
        "a social monitor reads only what its own account filed (Report.filed_by = the actor), "
        "like a citizen holding the receipt; it reaches no unit"
    ),
    ("cases/selectors/__init__.py", "monitor_organisation"): (
        "the actor's own account's organisation name"
    ),
    ("surveys/selectors.py", "public_agencies"): _PUBLIC,
    ("surveys/selectors.py", "public_scorecard"): (
        "public agency scorecard: monthly aggregates with the minimum sample, no single rating"
    ),
    ("surveys/selectors.py", "target_public"): (
        "the public survey form behind a QR code, looked up by its unguessable code"
    ),
    ("surveys/selectors.py", "agency_ranking"): (
        "names and kinds of the units whose rollups the actor already reads through for_actor"
    ),
    ("surveys/selectors.py", "target_report"): (
        "the agency-wide total is only the smoothing prior of one target's index; no row of it "
        "is shown"
    ),
    ("cases/selectors/__init__.py", "case_report"): (
        "the report behind a case the caller already fetched through get_for_actor"
    ),
    ("cases/selectors/__init__.py", "award_freeze_for"): (
        "system look-up by person for the evaluation and emulation rules (no actor); the "
        "callers pass a person they fetched through for_actor"
    ),
    ("dissemination/selectors/training.py", "_materials"): (
        "course files in reach (CourseMaterial.objects.for_actor, dissemination.view) or of a "
        "course the actor is on (their own Participation rows, read through for_actor with the "
        "self capability); the outer filter only joins the two scoped subqueries"
    ),
    ("org/selectors.py", "categories_on"): (
        "category records written in a unit the actor reaches (CategoryRecord.objects."
        "for_actor) or of a person the actor reaches today (Person.objects.for_actor); the "
        "outer filter only joins the two scoped subqueries"
    ),
    ("dissemination/selectors/__init__.py", "my_campaigns"): (
        "the recipient rule: campaigns sent to an ancestor of the unit on the actor's own person "
        "record (read through for_actor with the self capability), filtered by category"
    ),
    ("dissemination/selectors/__init__.py", "my_sessions"): (
        "study sessions of the actor's own unit and its ancestors (the person record read "
        "through for_actor with the self capability)"
    ),
    ("dissemination/selectors/__init__.py", "session_by_token"): (
        "the session behind a QR code, looked up by its unguessable token; the scan view "
        "answers 404 unless the actor's own unit lies in the session's subtree"
    ),
    ("surveys/selectors.py", "officer_indices"): (
        "the agency-wide total is only the smoothing prior of each officer's index; no row of it "
        "is shown"
    ),
    ("evaluation/selectors.py", "published_list"): (
        "the published list (names and levels only) of a run in the actor's own agency, after "
        "publication: the list is announced to the agency's members (docs/evaluation.md)"
    ),
    ("emulation/selectors.py", "plans_open_to"): (
        "plans announced to the actor's own unit: those of its unit and the units above it (a "
        "plan applies to every unit below its unit); the actor's home unit names the ancestors"
    ),
    ("emulation/selectors.py", "plan_readable"): (
        "a plan read through for_actor, or announced to the actor's unit (plans_open_to)"
    ),
    ("emulation/selectors.py", "public_award"): (
        "public certificate verification (no login), by its unguessable code; final awards only"
    ),
    ("emulation/selectors.py", "honour_roll"): "public honour roll (no login): decided awards only",
    ("cases/selectors/public.py", "public_violation_counts"): (
        "public transparency pages (no login): counts by category of confirmed findings that "
        "stand, no name and no case number"
    ),
    ("emulation/selectors.py", "public_exemplars"): (
        "public honour roll (no login): exemplars the cases app confirmed"
    ),
    (
        "emulation/selectors.py",
        "honour_years",
    ): "public honour roll (no login): years with decisions",
    ("cases/selectors/__init__.py", "confirmed_violations"): (
        "system look-up by person for the annual classification cap (no actor); the callers "
        "pass a person they fetched through for_actor"
    ),
    ("cases/selectors/pages.py", "forward_targets"): (
        "forwarding exists to reach a unit outside the screener's reach: the province's "
        "agencies and communes, public names only"
    ),
    ("cases/selectors/pages.py", "create_choices"): (
        "a person without case reach files a self-report in their own home unit only"
    ),
    ("cases/selectors/public.py", "receipt_view"): (
        "public by design: the status page of the one report whose receipt the citizen holds "
        "(agency name only)"
    ),
    ("cases/selectors/public.py", "_finding"): (
        "public by design: the verified finding of that report (officer name and category) "
        "once rules.finding_is_public allows it"
    ),
}


@dataclass(frozen=True)
class Hit:
    path: str
    line: int
    function: str
    source: str
    why: str

    def __str__(self) -> str:
        return f"congso/{self.path}:{self.line} in {self.function}(): {self.why}\n    {self.source}"


def guarded_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        if (
            path.name in GUARDED_NAMES
            or (path.name.startswith("views_") and path.suffix == ".py")
            or path.parent.name in GUARDED_PACKAGES
        ):
            files.append(path)
    return files


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _chain_top(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.AST:
    """Climb `a.b(...).c[...]` while the node is the object of the next link of the chain."""
    while True:
        parent = parents.get(node)
        if isinstance(parent, ast.Attribute | ast.Subscript) and parent.value is node:
            node = parent
        elif isinstance(parent, ast.Call) and parent.func is node:
            node = parent
        else:
            return node


def _chain_calls(top: ast.AST) -> set[str]:
    """Names of the methods called along a chain (`x.objects.filter().for_actor()`)."""
    names: set[str] = set()
    node = top
    while True:
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
            node = node.func
        elif isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        else:
            return names


def _inside_get_for_actor(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        parent = parents[node]
        if isinstance(parent, ast.Call) and node in parent.args:
            func = parent.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "get_for_actor":
                return True
        node = parent
    return False


def _function_of(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node.name
    return "<module>"


def scoped_model_names() -> tuple[set[str], set[str]]:
    """Class names of models whose manager can scope (`for_actor`), and of all the others."""
    from django.apps import apps

    scoped, plain = set(), set()
    for model in apps.get_models():
        (scoped if hasattr(model._default_manager, "for_actor") else plain).add(model.__name__)
    return scoped, plain - scoped


def _needs_scope(node: ast.Attribute, scoped: set[str] | None, plain: set[str]) -> bool:
    """True unless `node.value` names a model known to have no scope."""
    if scoped is None:
        return True
    base = node.value
    return not (isinstance(base, ast.Name) and base.id in plain and base.id not in scoped)


def scan_source(
    source: str, relative: str, *, scoped: set[str] | None = None, plain: set[str] = frozenset()
) -> list[Hit]:
    """Every unscoped read in one module's source."""
    tree = ast.parse(source)
    parents = _parents(tree)
    lines = source.splitlines()
    hits = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        why = ""
        if node.attr == "unscoped":
            why = "`.unscoped` is for system jobs only"
        elif node.attr == "objects" and _needs_scope(node, scoped, plain):
            top = _chain_top(node, parents)
            if "for_actor" not in _chain_calls(top) and not _inside_get_for_actor(top, parents):
                why = "`.objects` without `.for_actor(` in the same expression"
        if why:
            function = _function_of(node, parents)
            if (relative, function) in ALLOWED:
                continue
            source_line = lines[node.lineno - 1].strip() if node.lineno <= len(lines) else ""
            hits.append(Hit(relative, node.lineno, function, source_line, why))
    return hits


def test_views_apis_and_selectors_read_only_through_for_actor():
    files = guarded_files()
    assert files, "no views/api/selectors modules found: the guard looks in the wrong place"
    scoped, plain = scoped_model_names()
    hits = []
    for path in files:
        relative = path.relative_to(PACKAGE).as_posix()
        source = path.read_text(encoding="utf-8")
        hits.extend(scan_source(source, relative, scoped=scoped, plain=plain))
    assert not hits, "Unscoped reads (use for_actor / get_for_actor):\n" + "\n".join(
        str(hit) for hit in hits
    )


def test_allow_list_entries_still_exist():
    """A stale exception would silently cover a future function of the same name."""
    stale = []
    for relative, function in ALLOWED:
        path = PACKAGE / relative
        if not path.exists():
            stale.append((relative, function))
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        if function not in names:
            stale.append((relative, function))
    assert not stale, f"ALLOWED names functions that no longer exist: {stale}"


def test_guard_flags_objects_without_for_actor():
    source = "def person_list(*, actor):\n    return Person.objects.filter(unit_id=1)\n"
    hits = scan_source(source, "x/selectors.py")
    assert [(hit.line, hit.function) for hit in hits] == [(2, "person_list")]


def test_guard_flags_unscoped_manager():
    source = "def view(request):\n    return Person.unscoped.get(pk=1)\n"
    assert [hit.why for hit in scan_source(source, "x/views.py")] == [
        "`.unscoped` is for system jobs only"
    ]


def test_guard_accepts_for_actor_anywhere_in_the_chain():
    source = (
        "def a(actor):\n"
        "    return Person.objects.select_related('unit').for_actor(actor).filter(x=1)[:5]\n"
        "def b(actor, pk):\n"
        "    return get_for_actor(Person.objects.select_related('unit'), actor, pk)\n"
    )
    assert scan_source(source, "x/selectors.py") == []


def test_guard_flags_a_queryset_kept_for_later_filtering():
    """`qs = Model.objects.all()` then `qs.for_actor(...)` is easy to get wrong: refused."""
    source = "def a(actor):\n    qs = Person.objects.all()\n    return qs.for_actor(actor)\n"
    assert len(scan_source(source, "x/views.py")) == 1


def test_guard_lets_reference_data_without_scope_through():
    source = "def a():\n    return Holiday.objects.all()\n"
    assert scan_source(source, "x/views.py", scoped={"Person"}, plain={"Holiday"}) == []
    assert len(scan_source(source, "x/views.py", scoped={"Person"}, plain=set())) == 1
