"""The import benchmark runs end to end and reports its figures (tiny size, no timing)."""

from __future__ import annotations

import pytest

from congso.bench import import_staff

pytestmark = pytest.mark.django_db


def test_benchmark_imports_reimports_and_updates():
    result = import_staff.run({"rows": 60})
    assert result["rows"] == result["created"] == 60
    assert (result["reimport_unchanged"], result["reimport_created_or_updated"]) == (60, 0)
    assert result["changed_transferred"] == 3 and result["changed_updated"] >= 3
    assert {"seconds", "rows_per_s", "target", "pass"} <= result.keys()
