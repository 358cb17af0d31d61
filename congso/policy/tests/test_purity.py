"""The rules are pure: no Django, no database; each rule is registered with its legal basis
and its effective date, and documents that basis."""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import date

from congso.policy import engine, rules_common, rules_nd90, rules_nd335, titles, units
from congso.policy.registry import RULES, in_force

MODULES = [
    "engine",
    "rules_common",
    "rules_nd90",
    "rules_nd335",
    "titles",
    "units",
    "contract",
    "command",
]


def test_no_module_of_the_engine_imports_django() -> None:
    code = (
        "import sys\n"
        + "".join(f"import congso.policy.{name}\n" for name in MODULES)
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    proc = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "[]"


def test_every_rule_of_policy_md_is_registered_with_basis_and_date() -> None:
    assert {f"R{n}" for n in range(1, 16)} <= set(RULES)
    for rule_id, versions in RULES.items():
        for info in versions:
            assert info.basis and info.title, rule_id
            assert isinstance(info.effective_from, date)


def test_every_rule_function_documents_its_legal_basis() -> None:
    modules = [engine, rules_common, rules_nd90, rules_nd335, titles, units]
    for versions in RULES.values():
        for info in versions:
            function = next(getattr(m, info.function) for m in modules if hasattr(m, info.function))
            assert "Basis:" in (function.__doc__ or ""), info.function


def test_rules_are_in_force_by_date() -> None:
    assert in_force("R2", date(2026, 1, 1))
    assert not in_force("R2", date(2025, 12, 31))
    assert in_force("R7", date(2023, 9, 15))
    assert not in_force("R7", date(2023, 9, 14))


def test_modules_stay_small() -> None:
    for name in MODULES:
        module = importlib.import_module(f"congso.policy.{name}")
        source = module.__file__
        assert source is not None
        with open(source, encoding="utf-8") as handle:
            assert sum(1 for _ in handle) < 500, name
