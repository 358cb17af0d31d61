"""The cross-agency suite: agency A's strongest user gets 404 on every row of agency B.

Each app lists in `congso/<app>/tests/cross_agency.py` a `ROUTES` list of
`congso.common.testing.CrossAgencyRoute`. For every route this module makes the row inside
agency B and proves that `world.admin_a` (every role on agency A, second factor confirmed)
gets 404 on each page path and each API path, for each method of `route.methods`; the API is
tried with the session and with a bearer token. A POST carries a minimal body (the smallest
body the operation's OpenAPI schema accepts, built below), so the answer is the 404 of the
row lookup and not a 400/403/405/422 that would hide whether the row was checked.

Two guards make the suite fail when something is not covered:
- every concrete `ScopedModel` (and `org.OrgUnit`) is the model of some route;
- every URL pattern with a path parameter (pages and the django-ninja API) is named in some
  route's `url_names`, or listed in `EXEMPT_*` below with the reason.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from congso.accounts.services import api_token_create
from congso.common.scoping import ScopedModel
from congso.common.testing import (
    CrossAgencyRoute,
    World,
    actor_of,
    login_client,
    unchanged_database,
)
from congso.config.api import api

# URL paths (prefix of the full route, without the leading slash) that are public by design:
# they are keyed by an unguessable code or receipt, need no login and answer citizens, so
# "another agency" has no meaning there. Their own tests cover what they reveal.
EXEMPT_PREFIXES: dict[str, str] = {
    "api/v1/public/": "public API: survey codes (QR) and report receipt codes, no login",
    "cong-dan/": "citizen portal: pages keyed by survey codes and report receipts, no login",
    "vinh-danh/": "honour roll and certificate verification: final awards only, keyed by an "
    "unguessable certificate code, no login",
}

# Qualified URL names (namespace:name) with a parameter that address no agency row.
EXEMPT_NAMES: dict[str, str] = {}


@dataclass(frozen=True)
class Case:
    app: str
    index: int
    route: CrossAgencyRoute
    kind: str  # "page", "api-session" or "api-token"
    path_index: int
    method: str

    @property
    def id(self) -> str:
        return (
            f"{self.app}-{self.index}-{self.route.model.__name__}-"
            f"{self.kind}{self.path_index}-{self.method}"
        )


def discover_routes() -> list[tuple[str, CrossAgencyRoute]]:
    """(app label, route) for every `congso.<app>.tests.cross_agency.ROUTES`."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("congso."):
            continue
        module_name = f"{config.name}.tests.cross_agency"
        try:
            spec = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:  # the app has no tests package
            spec = None
        if spec is None:
            continue
        module = importlib.import_module(module_name)
        for route in module.ROUTES:
            assert isinstance(route, CrossAgencyRoute), f"{module_name}: {route!r}"
            found.append((config.label, route))
    return found


ROUTES = discover_routes()


def cases() -> list[Case]:
    result = []
    counters: dict[str, int] = {}
    for app, route in ROUTES:
        index = counters.get(app, 0)
        counters[app] = index + 1
        for method in route.methods:
            for i, _ in enumerate(route.pages):
                result.append(Case(app, index, route, "page", i, method))
            for i, _ in enumerate(route.api):
                result.append(Case(app, index, route, "api-session", i, method))
                result.append(Case(app, index, route, "api-token", i, method))
    return result


CASES = cases()


# --- minimal bodies from the OpenAPI document -------------------------------------------------


def _openapi() -> dict:
    return api.get_openapi_schema()


def _resolve(schema: dict, document: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


UPLOAD = object()  # stands for a file field of a multipart body


def minimal_value(schema: dict, document: dict) -> Any:
    """The smallest value that satisfies a JSON schema (required properties only)."""
    schema = _resolve(schema, document)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = [s for s in schema[key] if _resolve(s, document).get("type") != "null"]
            return minimal_value(options[0] if options else schema[key][0], document)
    if "allOf" in schema:
        merged: dict = {}
        for part in schema["allOf"]:
            merged.update(minimal_value(part, document) or {})
        return merged
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type", "object")
    if kind == "object":
        props = schema.get("properties", {})
        return {
            name: minimal_value(props.get(name, {}), document)
            for name in schema.get("required", [])
        }
    if kind == "array":
        return [minimal_value(schema.get("items", {}), document)] * schema.get("minItems", 0)
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1)
    if kind == "boolean":
        return False
    formats = {
        "date": "2025-07-01",
        "date-time": "2025-07-01T08:00:00+07:00",
        "uuid": "6f1c2b5e-2d4a-4c7e-9a1f-3b8e5d7c9a10",
        "email": "a@example.org",
    }
    if schema.get("format") == "binary":
        return UPLOAD
    text = formats.get(schema.get("format", ""), "x")
    return text * max(1, schema.get("minLength", 1)) if text == "x" else text


def _openapi_operation(document: dict, path: str, method: str) -> dict | None:
    """The OpenAPI operation whose templated path matches the concrete `path`."""
    parts = path.rstrip("/").split("/")
    for template, operations in document.get("paths", {}).items():
        template_parts = template.rstrip("/").split("/")
        if len(template_parts) != len(parts):
            continue
        if all(t == p or t.startswith("{") for t, p in zip(template_parts, parts, strict=True)):
            if method in operations:
                return operations[method]
    return None


def api_request_kwargs(path: str, method: str) -> dict:
    """Keyword arguments for the test client: a minimal body when the operation takes one."""
    if method not in ("post", "put", "patch"):
        return {}
    document = _openapi()
    operation = _openapi_operation(document, path, method)
    content = (operation or {}).get("requestBody", {}).get("content", {})
    if "multipart/form-data" in content:
        from django.core.files.uploadedfile import SimpleUploadedFile

        body = minimal_value(content["multipart/form-data"]["schema"], document)
        data = {
            key: (SimpleUploadedFile("a.txt", b"x") if value is UPLOAD else value)
            for key, value in body.items()
        }
        return {"data": data}
    schema = content.get("application/json", {}).get("schema", {"type": "object"})
    return {
        "data": json.dumps(minimal_value(schema, document)),
        "content_type": "application/json",
    }


# --- the suite ---------------------------------------------------------------------------------


@pytest.fixture
def admin_a_clients(world: World) -> dict[str, Any]:
    from django.test import Client

    _, raw = api_token_create(actor=actor_of(world.admin_a), user=world.admin_a, name="suite")
    return {
        "page": login_client(world.admin_a),
        "api-session": login_client(world.admin_a),
        "api-token": Client(HTTP_AUTHORIZATION=f"Bearer {raw}"),
    }


@pytest.mark.skipif(not CASES, reason="no app lists cross-agency routes yet")
@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
@pytest.mark.django_db
def test_other_agency_row_is_404(case: Case, world: World, admin_a_clients):
    row = case.route.make(world, world.agency_b)
    unit_id = getattr(row, "unit_id", None)
    if unit_id is None and row._meta.label_lower == "org.orgunit":
        unit_id = row.pk
    assert unit_id is None or unit_id != world.agency_a.pk, "make() must use the given unit"
    if case.kind == "page":
        path = case.route.pages[case.path_index](row)
        kwargs: dict = {"data": {}} if case.method == "post" else {}
    else:
        path = case.route.api[case.path_index](row)
        kwargs = api_request_kwargs(path, case.method)
    assert_path_resolves(path)
    client = admin_a_clients[case.kind]
    with unchanged_database():
        response = getattr(client, case.method)(path, **kwargs)
    assert response.status_code == 404, (
        f"{case.method.upper()} {path} as admin_a ({case.kind}) answered "
        f"{response.status_code}, not 404: {response.content[:300]!r}"
    )


def assert_path_resolves(path: str) -> None:
    """A misspelt path would get the resolver's 404 and pass without testing anything."""
    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        pytest.fail(f"{path} matches no URL pattern: the route's path is wrong")


@pytest.mark.django_db
def test_admin_a_reaches_agency_a_but_not_agency_b(world: World):
    """The suite's premise: admin_a is strong on A and has no reach on B."""

    actor = actor_of(world.admin_a)
    for capabilities in actor.reach.values():
        assert capabilities is not None
        assert world.agency_a.pk in capabilities
        assert world.agency_b.pk not in capabilities


# --- guards ------------------------------------------------------------------------------------


def scoped_models() -> set[type]:
    models = {
        model
        for model in apps.get_models()
        if issubclass(model, ScopedModel) and not model._meta.abstract
    }
    models.add(apps.get_model("org", "OrgUnit"))
    return models


def test_every_scoped_model_has_a_cross_agency_route():
    covered = {route.model for _app, route in ROUTES}
    missing = sorted(model._meta.label for model in scoped_models() - covered)
    assert not missing, (
        "Scoped models without a CrossAgencyRoute in <app>/tests/cross_agency.py: "
        + ", ".join(missing)
    )


def _has_parameter(pattern) -> bool:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return True
    regex = pattern.pattern.regex
    return regex.groups > 0


def parameterised_urls() -> list[tuple[str, str]]:
    """(qualified name, route) of every URL pattern that takes a path parameter."""
    found = []

    def walk(patterns, prefix: str, namespace: str, inherited: bool) -> None:
        for entry in patterns:
            text = prefix + str(entry.pattern)
            has_param = inherited or _has_parameter(entry)
            if isinstance(entry, URLResolver):
                ns = entry.namespace
                child_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(entry.url_patterns, text, child_ns, has_param)
            elif isinstance(entry, URLPattern) and has_param:
                name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
                found.append((name or "", text))

    walk(get_resolver().url_patterns, "", "", False)
    return found


def test_every_url_with_a_parameter_is_covered_or_exempt():
    covered = {name for _app, route in ROUTES for name in route.url_names}
    missing = []
    for name, route in parameterised_urls():
        if any(route.startswith(prefix) for prefix in EXEMPT_PREFIXES):
            continue
        if name in covered or name in EXEMPT_NAMES:
            continue
        missing.append(f"{name or '(unnamed)'}  /{route}")
    assert not missing, (
        "URL patterns with a parameter that no CrossAgencyRoute lists in url_names "
        "(add the route, or an exemption with its reason):\n" + "\n".join(sorted(missing))
    )


def test_route_url_names_exist():
    """A misspelt url_names entry would cover nothing while looking as if it did."""
    known = {name for name, _route in parameterised_urls()}
    unknown = sorted(
        name for _app, route in ROUTES for name in route.url_names if name not in known
    )
    assert not unknown, f"url_names that match no URL pattern with a parameter: {unknown}"


def test_minimal_value_satisfies_required_fields():
    document = {
        "components": {
            "schemas": {
                "In": {
                    "type": "object",
                    "required": ["reason", "day", "count", "kind"],
                    "properties": {
                        "reason": {"type": "string", "minLength": 5},
                        "day": {"type": "string", "format": "date"},
                        "count": {"type": "integer", "minimum": 3},
                        "kind": {"enum": ["a", "b"]},
                        "note": {"type": "string"},
                    },
                }
            }
        }
    }
    assert minimal_value({"$ref": "#/components/schemas/In"}, document) == {
        "reason": "xxxxx",
        "day": "2025-07-01",
        "count": 3,
        "kind": "a",
    }


def test_a_misspelt_path_is_caught():
    with pytest.raises(pytest.fail.Exception, match="matches no URL pattern"):
        assert_path_resolves("/tai-khoan/quan-lyy/1/")
    assert_path_resolves("/tai-khoan/quan-ly/1/?x=1")
