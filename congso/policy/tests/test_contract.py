"""`congso policy evaluate [FILE|-]` as policy.md §1 specifies: the JSON in and out, the
per-case errors (exit 1) and the unusable documents (exit 2)."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from congso.policy.command import main
from congso.policy.contract import decimal_places, evaluate_document

Json = dict[str, Any]
EXAMPLES = Path(__file__).parent / "data" / "policy_md_examples.json"
DOC: Json = json.loads(EXAMPLES.read_text(encoding="utf-8"))


def run(document: str | Json, *args: str) -> tuple[int, Json]:
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    out, err = io.StringIO(), io.StringIO()
    status = main(["evaluate", *args], stdin=io.StringIO(text), stdout=out, stderr=err)
    answer: Json = json.loads(out.getvalue())
    return status, answer


def case(case_id: str = "X", **inputs_changes: Any) -> Json:
    base: Json = copy.deepcopy(DOC["cases"][0])  # CC26-B090: 30 + 60 points
    base["id"] = case_id
    for key, value in inputs_changes.items():
        if value is _DELETE:
            del base["inputs"][key]
        else:
            base["inputs"][key] = value
    return base


_DELETE = object()


def expected_fields(item: Json) -> Json:
    return {k: v for k, v in item["expected"].items() if not k.startswith("alt_")}


def test_every_example_of_policy_md_matches_its_expected_fields() -> None:
    status, answer = run(EXAMPLES.read_text(encoding="utf-8"))
    assert status == 0
    by_id = {item["id"]: item for item in answer["results"] + answer["unit_results"]}
    for item in DOC["cases"] + DOC["unit_cases"]:
        got = by_id[item["id"]]
        assert {k: got[k] for k in expected_fields(item)} == expected_fields(item), item["id"]


def test_results_carry_rule_set_and_reasons_with_article_in_nfc_vietnamese() -> None:
    _, answer = run(DOC)
    for result in answer["results"]:
        assert result["rule_set"] in {"nd335_2025", "nd90_2020_nd48_2023"}
        assert result["reasons"]
        for reason in result["reasons"]:
            assert set(reason) == {"code", "text_vi", "basis"}
            assert unicodedata.is_normalized("NFC", reason["text_vi"])
            assert "Điều" in reason["basis"] or "NĐ" in reason["basis"] or "QĐ" in reason["basis"]
    v01 = next(r for r in answer["results"] if r["id"] == "CC26-V01")
    assert "R9_DIRECTIVE_CAP" in {r["code"] for r in v01["reasons"]}


def test_points_are_read_exactly_89_99_is_httnv() -> None:
    status, answer = run(
        '{"cases": ['
        + json.dumps(case("P")).replace('"task_points": 60', '"task_points": 59.99')
        + "]}"
    )
    assert status == 0
    assert answer["results"][0]["classification"] == "HTTNV"


def test_points_given_as_many_decimals_are_not_rounded() -> None:
    text = json.dumps({"cases": [case("P")]}).replace(
        '"task_points": 60', '"task_points": 59.9999999999999999'
    )
    assert run(text)[1]["results"][0]["classification"] == "HTTNV"


def test_a_missing_list_is_an_empty_list() -> None:
    assert run({"cases": [case()]})[1]["unit_results"] == []
    assert run({"unit_cases": DOC["unit_cases"]})[1]["results"] == []
    assert run({}) == (0, {"results": [], "unit_results": []})


def test_extra_keys_are_ignored() -> None:
    extra = case()
    extra["expected"] = {"classification": "KHTNV"}
    extra["whatever"] = [1, 2]
    assert run({"cases": [extra]})[1]["results"][0]["classification"] == "HTXSNV"


ERRORS = [
    ("missing points", case(task_points=_DELETE), "inputs.task_points"),
    ("missing months worked", case(months_worked=_DELETE), "inputs.months_worked"),
    ("missing violations", case(violations=_DELETE), "inputs.violations"),
    ("months worked 13", case(months_worked=13), "inputs.months_worked"),
    ("months absent -1", case(months_absent=-1), "inputs.months_absent"),
    ("common points 31", case(common_points=31), "inputs.common_points"),
    ("task points -0.01", case(task_points=-0.01), "inputs.task_points"),
    ("maternity not a bool", case(maternity="no"), "inputs.maternity"),
    (
        "bad discipline date",
        case(
            discipline=[
                {
                    "form": "khien_trach",
                    "effective_date": "10/05/2026",
                    "already_counted_year": None,
                    "source": "party",
                }
            ]
        ),
        "inputs.discipline[0].effective_date",
    ),
    (
        "unknown discipline form",
        case(
            discipline=[
                {
                    "form": "phat_tien",
                    "effective_date": "2026-05-10",
                    "already_counted_year": None,
                    "source": "party",
                }
            ]
        ),
        "inputs.discipline[0].form",
    ),
    (
        "violation without date",
        case(violations=[{"kind": "office_culture", "status": "confirmed"}]),
        "inputs.violations[0].date",
    ),
]


@pytest.mark.parametrize(("document", "field"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_an_undecidable_case_gets_an_error_naming_its_field(document: Json, field: str) -> None:
    status, answer = run({"cases": [document, case("OK")]})
    assert status == 1
    bad, good = answer["results"]
    assert bad["id"] == "X" and field in bad["error"] and "classification" not in bad
    assert good["classification"] == "HTXSNV"  # the other cases are still decided


def nd90_case(**inputs_changes: Any) -> Json:
    base: Json = copy.deepcopy(DOC["cases"][4])  # VC25-N01
    base["id"] = "X"
    base["inputs"].update(inputs_changes)
    return base


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (nd90_case(tasks_on_time_share=1.01), "inputs.tasks_on_time_share"),
        (nd90_case(criteria_failed_share=-0.1), "inputs.criteria_failed_share"),
        (nd90_case(tasks_exceeded_share=None), "inputs.tasks_exceeded_share"),
        ({**nd90_case(), "category": "hop_dong"}, "category"),
        ({**nd90_case(), "year": 2019}, "year"),
        ({**nd90_case(), "year": "2025"}, "year"),
        ({**nd90_case(), "is_leader": None}, "is_leader"),
        ({**nd90_case(), "inputs": None}, "inputs"),
        ({**nd90_case(), "id": None}, "id"),
        (
            {**DOC["cases"][5], "inputs": {**DOC["cases"][5]["inputs"], "unit_exceeded_share": 2}},
            "inputs.unit_exceeded_share",
        ),
    ],
)
def test_shares_category_and_year_errors(document: Json, field: str) -> None:
    status, answer = run({"cases": [document]})
    assert status == 1
    assert answer["results"][0]["field"] == field
    assert field in answer["results"][0]["error"]


def test_error_messages_are_vietnamese() -> None:
    _, answer = run({"cases": [case(task_points=_DELETE), {**nd90_case(), "category": "x"}]})
    assert answer["results"][0]["error"].startswith("Thiếu dữ liệu bắt buộc")
    assert "không hợp lệ" in answer["results"][1]["error"]


@pytest.mark.parametrize(
    ("unit_case", "field"),
    [
        ({"id": "U", "type": "quota", "year": 2026, "inputs": {}}, "type"),
        (
            {
                "id": "U",
                "type": "cstdcs_quota",
                "year": 2026,
                "inputs": {"ldtt_count": -1, "cstdcs_candidates": 1},
            },
            "inputs.ldtt_count",
        ),
        (
            {
                "id": "U",
                "type": "cstdcs_quota",
                "year": 2026,
                "inputs": {"ldtt_count": 2.5, "cstdcs_candidates": 1},
            },
            "inputs.ldtt_count",
        ),
        (
            {"id": "U", "type": "htxsnv_quota", "year": 2026, "inputs": {"groups": []}},
            "inputs.groups",
        ),
        (
            {
                "id": "U",
                "type": "htxsnv_quota",
                "year": 2026,
                "inputs": {
                    "groups": [
                        {
                            "group": "a",
                            "httnv_count": 3,
                            "htxsnv_candidates": 1,
                            "candidates_with_confirmed_culture_violation": 2,
                        }
                    ]
                },
            },
            "inputs.groups[0].candidates_with_confirmed_culture_violation",
        ),
        (
            {
                "id": "U",
                "type": "collective_title",
                "year": 2026,
                "inputs": {**DOC["unit_cases"][1]["inputs"], "members_ldtt": 11},
            },
            "inputs.members_ldtt",
        ),
        (
            {
                "id": "U",
                "type": "collective_title",
                "year": 2026,
                "inputs": {**DOC["unit_cases"][1]["inputs"], "unit_classification": "TOT"},
            },
            "inputs.unit_classification",
        ),
    ],
)
def test_unit_case_errors(unit_case: Json, field: str) -> None:
    status, answer = run({"unit_cases": [unit_case, DOC["unit_cases"][2]]})
    assert status == 1
    assert answer["unit_results"][0]["field"] == field
    assert answer["unit_results"][1]["allowed_cstdcs"] == 3


def test_quota_result_shape() -> None:
    _, answer = run({"unit_cases": [DOC["unit_cases"][0]]})
    result = answer["unit_results"][0]
    assert result["allowed_htxsnv_total"] == 2
    assert result["per_group"] == DOC["unit_cases"][0]["expected"]["per_group"]
    assert result["alt_allowed_total_20pct_of_httnv_plus_candidates"] == 3
    assert result["reasons"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '{"cases": {}}',
        '{"cases": [1]}',
        '{"unit_cases": "x"}',
        '{"cases": [NaN]}',
        '{"cases": [{"id": NaN}]}',
    ],
)
def test_a_document_of_the_wrong_shape_exits_2(text: str) -> None:
    status, answer = run(text)
    assert status == 2
    assert set(answer) == {"error"} and answer["error"]


def test_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(DOC, ensure_ascii=False), encoding="utf-8")
    status, answer = run("ignored stdin", str(path))
    assert status == 0 and len(answer["results"]) == 6


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    status, answer = run("", str(tmp_path / "missing.json"))
    assert status == 2 and "tệp không tồn tại" in answer["error"]


def test_a_directory_exits_2(tmp_path: Path) -> None:
    status, answer = run("", str(tmp_path))
    assert status == 2 and "thư mục" in answer["error"]


def test_a_wrong_subcommand_exits_2() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["decide"], stdin=io.StringIO(""), stdout=out, stderr=err) == 2
    assert "Cách dùng" in err.getvalue()


def test_evaluate_document_keeps_input_order() -> None:
    answer, status = evaluate_document(json.dumps({"cases": list(reversed(DOC["cases"]))}))
    assert status == 0
    assert [r["id"] for r in answer["results"]] == [c["id"] for c in reversed(DOC["cases"])]


def test_the_congso_command_runs_without_django() -> None:
    """The real entry point: `congso policy evaluate -` on standard input, no settings needed."""
    code = "import sys; from congso.cli import main; main(['policy', 'evaluate', '-']); "
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "congso.config.settings.prod"}
    proc = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        input=EXAMPLES.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert [r["classification"] for r in answer["results"]][:3] == ["HTXSNV", "KHTNV", "HTNV"]
    assert "django" not in proc.stderr.lower()


def test_the_congso_command_exit_status_1_on_a_bad_case() -> None:
    code = "from congso.cli import main; main(['policy', 'evaluate'])"
    document = json.dumps({"cases": [case(months_worked=12.5)]})
    proc = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], input=document, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert "inputs.months_worked" in json.loads(proc.stdout)["results"][0]["error"]


def test_a_deeply_nested_document_exits_2() -> None:
    status, answer = run('{"cases": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert status == 2 and "sâu" in answer["error"]


def test_an_absurd_exponent_gives_a_short_error() -> None:
    text = json.dumps({"cases": [case()]}).replace(
        '"months_worked": 12', '"months_worked": 1e999999999'
    )
    status, answer = run(text)
    assert status == 1
    assert len(answer["results"][0]["error"]) < 200


def test_group_names_are_echoed_as_given_and_reasons_are_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "chuyên viên")
    unit_case = copy.deepcopy(DOC["unit_cases"][0])
    unit_case["inputs"]["groups"][0]["group"] = decomposed
    _, answer = run({"unit_cases": [unit_case]})
    result = answer["unit_results"][0]
    assert result["per_group"][0]["group"] == decomposed
    assert all(unicodedata.is_normalized("NFC", r["text_vi"]) for r in result["reasons"])


def test_an_integer_too_long_to_convert_exits_2() -> None:
    status, answer = run('{"cases": [{"id": ' + "9" * 5000 + "}]}")
    assert status == 2 and answer["error"]


@pytest.mark.parametrize("value", ["1e999999999", "10000000000", "2026.5"])
def test_an_absurd_year_is_a_case_error(value: str) -> None:
    text = json.dumps({"cases": [case()]}).replace('"year": 2026', f'"year": {value}')
    status, answer = run(text)
    assert status == 1 and answer["results"][0]["field"] == "year"


def test_a_year_written_as_a_decimal_integer_is_accepted() -> None:
    text = json.dumps({"cases": [case()]}).replace('"year": 2026', '"year": 2026.0')
    assert run(text)[1]["results"][0]["classification"] == "HTXSNV"


def test_points_with_more_digits_than_the_default_precision_are_added_exactly() -> None:
    # 29.99999999999999999999999999999 + 60 rounds to 90 at 28 digits; exactly it is < 90.
    text = json.dumps({"cases": [case()]}).replace(
        '"common_points": 30', '"common_points": 29.99999999999999999999999999999'
    )
    assert run(text)[1]["results"][0]["classification"] == "HTTNV"


def test_more_than_30_decimal_places_is_a_case_error() -> None:
    text = json.dumps({"cases": [case()]}).replace(
        '"task_points": 60', '"task_points": 59.0000000000000000000000000000001'
    )
    status, answer = run(text)
    assert status == 1 and answer["results"][0]["field"] == "inputs.task_points"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("59.990", 2),
        ("1E-40", 40),
        ("12", 0),
        ("0.000", 0),
        ("1.000000000000000000000000000000000", 0),
        ("1E+5", 0),
    ],
)
def test_decimal_places_ignore_trailing_zeros(text: str, places: int) -> None:
    assert decimal_places(Decimal(text)) == places


@pytest.mark.parametrize("argv", [["--help"], ["evaluate", "--help"], ["evaluate", "-h"]])
def test_help_prints_the_usage(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, stdin=io.StringIO(""), stdout=out, stderr=err) == 0
    assert out.getvalue().startswith("Cách dùng: congso policy evaluate")
