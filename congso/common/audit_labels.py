"""Words for the audit log: what officials read instead of codes.

Each app contributes a module `<app>/audit_labels.py` with
- `ACTIONS`: action code → label (gettext_lazy), e.g. "conduct.attest" → "Ký cam kết";
- optionally `FIELDS`: key → label for keys of the old/new snapshots that are not model fields;
- optionally `VALUES`: key → {stored value → label} for coded values that are not model choices.
Object types are named by their model's `verbose_name` ("org.person" → "Cán bộ"); a snapshot key
that is a model field takes the field's `verbose_name`, and a field with choices shows the
choice's label. Dates read dd/mm/yyyy; references such as "inspections.visit:1" read
"Cuộc kiểm tra số 1". No code, field name or raw JSON reaches the page (issue 8 item 7).
"""

from __future__ import annotations

import functools
import importlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Keys many apps write; an app's FIELDS overrides these.
COMMON_FIELDS = {
    "person": _("cán bộ"),
    "unit": _("đơn vị"),
    "unit_id": _("đơn vị"),
    "user": _("tài khoản"),
    "name": _("tên"),
    "title": _("tiêu đề"),
    "note": _("ghi chú"),
    "reason": _("lý do"),
    "status": _("trạng thái"),
    "state": _("trạng thái"),
    "kind": _("loại"),
    "code": _("mã"),
    "version": _("phiên bản"),
    "count": _("số lượng"),
    "rows": _("số dòng"),
    "ref": _("căn cứ từ"),
    "message": _("nội dung"),
    "on": _("ngày"),
    "day": _("ngày"),
    "closed_at": _("thời điểm kết thúc"),
    "is_active": _("đang hoạt động"),
    "position": _("chức vụ"),
    "parent": _("đơn vị cấp trên"),
    "targets": _("đơn vị được kiểm tra"),
    "file": _("tệp"),
    "sha256": _("mã kiểm tra của tệp"),
}
# The common app's own actions (its `audit_labels` module is this registry).
ACTIONS = {
    "common.holiday_create": _("Thêm ngày nghỉ, ngày làm bù"),
    "common.holiday_update": _("Sửa ngày nghỉ, ngày làm bù"),
    "common.holiday_delete": _("Xóa ngày nghỉ, ngày làm bù"),
}
OTHER_FIELD = _("thông tin khác")
OTHER_ACTION = _("thay đổi khác")
YES, NO, EMPTY = _("Có"), _("Không"), "—"
_REF = re.compile(r"^([a-z_]+\.[a-z_]+):(\S+)$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class Registry:
    actions: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    app_of_action: dict[str, str] = field(default_factory=dict)


@functools.cache
def registry() -> Registry:
    """Every app's contribution, read once."""
    found = Registry()
    for config in apps.get_app_configs():
        module_name = f"{config.name}.audit_labels"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for code, label in getattr(module, "ACTIONS", {}).items():
            found.actions[code] = label
            found.app_of_action[code] = config.label
        found.fields.update(getattr(module, "FIELDS", {}))
        found.values.update(getattr(module, "VALUES", {}))
    return found


def action_label(code: str) -> str:
    label = registry().actions.get(code)
    return capfirst(str(label if label is not None else OTHER_ACTION))


def action_choices() -> list[tuple[str, Any]]:
    """The action filter's <select>: "all", then per app (by its name) "every action of the
    app" and each action, in label order. Values are the codes (a prefix "org." matches every
    action of the app), which the page never shows."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code, app_label in registry().app_of_action.items():
        groups.setdefault(app_label, []).append((code, action_label(code)))
    choices: list[tuple[str, Any]] = [("", gettext("Tất cả"))]
    configs = sorted(
        (apps.get_app_config(label) for label in groups), key=lambda c: str(c.verbose_name)
    )
    for config in configs:
        name = capfirst(str(config.verbose_name))
        items = [(f"{config.label}.", gettext("Mọi hành động: %(app)s") % {"app": name})]
        items += sorted(groups[config.label], key=lambda pair: pair[1])
        choices.append((name, items))
    return choices


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_label(object_type: str) -> str:
    model = _model(object_type)
    return capfirst(str(model._meta.verbose_name)) if model is not None else str(OTHER_FIELD)


def object_type_choices() -> list[tuple[str, str]]:
    """Object types the registry's apps write, for the object filter's <select>."""
    types = set()
    for config in apps.get_app_configs():
        if not any(app == config.label for app in registry().app_of_action.values()):
            continue
        for model in config.get_models():
            types.add((model._meta.label_lower, capfirst(str(model._meta.verbose_name))))
    return [("", gettext("Tất cả")), *sorted(types, key=lambda pair: pair[1])]


def object_label(object_type: str, object_id: str) -> str:
    """ "org.person", "30011" → "Cán bộ số 30011"."""
    if not object_type:
        return ""
    label = object_type_label(object_type)
    if not object_id:
        return label
    return gettext("%(type)s số %(id)s") % {"type": label, "id": object_id}


def reference_label(ref: str) -> str:
    """ "inspections.visit:1" (a stored reference) → "Cuộc kiểm tra số 1"; other text as is."""
    match = _REF.match(ref or "")
    return object_label(*match.groups()) if match else (ref or "")


def _model_field(model, key: str):
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def field_label(object_type: str, key: str) -> str:
    """An app's own label for the key, else the model field's verbose_name, else a common
    label; never the key itself."""
    found = registry().fields.get(key)
    if found is None:
        model_field = _model_field(_model(object_type), key)
        found = getattr(model_field, "verbose_name", None)
    if found is None:
        found = COMMON_FIELDS.get(key, OTHER_FIELD)
    return capfirst(str(found))


def value_text(object_type: str, key: str, value: Any) -> str:
    """A stored snapshot value as words."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return str(YES if value else NO)
    coded = registry().values.get(key)
    if coded is not None and str(value) in coded:
        return str(coded[str(value)])
    model_field = _model_field(_model(object_type), key)
    choices = getattr(model_field, "flatchoices", None) if model_field is not None else None
    if choices:
        labels = {str(code): label for code, label in choices}
        if str(value) in labels:
            return str(labels[str(value)])
    related = getattr(model_field, "related_model", None) if model_field is not None else None
    if related is not None and isinstance(value, int | str) and not isinstance(value, bool):
        return object_label(related._meta.label_lower, str(value))
    if isinstance(value, list):
        return ", ".join(value_text(object_type, key, item) for item in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(object_type, k)}: {value_text(object_type, k, v)}"
            for k, v in value.items()
        )
    if isinstance(value, str):
        reference = _REF.match(value)
        if reference:
            return object_label(*reference.groups())
        if _ISO_DAY.match(value):
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        if _ISO_TIME.match(value):
            try:
                moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return value
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return moment.strftime("%d/%m/%Y %H:%M")
    return str(value)


def _parsed(text: str) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


@dataclass(frozen=True)
class ChangeRow:
    label: str
    old: str
    new: str


def change_rows(object_type: str, old: str, new: str) -> list[ChangeRow]:
    """The old → new view of one audit row: one line per field, in the snapshot's order."""
    before, after = _parsed(old), _parsed(new)
    if not isinstance(before, dict) and not isinstance(after, dict):
        if before is None and after is None:
            return []
        return [
            ChangeRow(
                str(capfirst(gettext("nội dung"))),
                value_text(object_type, "", before),
                value_text(object_type, "", after),
            )
        ]
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [
        ChangeRow(
            field_label(object_type, key),
            value_text(object_type, key, before.get(key)) if key in before else "",
            value_text(object_type, key, after.get(key)) if key in after else "",
        )
        for key in keys
    ]
