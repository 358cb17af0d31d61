"""`congso policy evaluate [FILE|-]`: the command-line front of the contract (policy.md §1).

Reads the document from FILE, or from standard input when FILE is `-` or absent; prints one
JSON document to standard output. Exit status: 0 every case decided; 1 some case erred (its
result carries `error`); 2 the document (or the command line) is unusable, with
`{"error": …}` on standard output and the same message on standard error. No database, no
Django: the rules are pure.
"""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal
from typing import TextIO

from congso.policy.contract import DocumentError, evaluate_document

USAGE = "Cách dùng: congso policy evaluate [TỆP|-]  (đọc tài liệu JSON, in kết quả JSON)"


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):  # an id given as a JSON number with a fraction
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _fail(message: str, stdout: TextIO, stderr: TextIO) -> int:
    stdout.write(json.dumps({"error": message}, ensure_ascii=False) + "\n")
    stderr.write(message + "\n")
    return 2


def main(
    argv: list[str],
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command; return the exit status."""
    if stdin is None or stdout is None or stderr is None:
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):  # UTF-8 whatever the locale says
                stream.reconfigure(encoding="utf-8")
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if not argv:
        stderr.write(USAGE + "\n")
        return 2
    if "-h" in argv or "--help" in argv:
        stdout.write(USAGE + "\n")
        return 0
    if argv[0] != "evaluate" or len(argv) > 2:
        return _fail(f"Lệnh không hợp lệ. {USAGE}", stdout, stderr)
    source = argv[1] if len(argv) == 2 else "-"
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except FileNotFoundError:
        return _fail(f"Không đọc được tệp “{source}”: tệp không tồn tại.", stdout, stderr)
    except IsADirectoryError:
        return _fail(f"Không đọc được tệp “{source}”: đây là một thư mục.", stdout, stderr)
    except PermissionError:
        return _fail(f"Không đọc được tệp “{source}”: không có quyền đọc.", stdout, stderr)
    except OSError as exc:
        return _fail(f"Không đọc được tệp “{source}” (lỗi hệ thống {exc.errno}).", stdout, stderr)
    except UnicodeDecodeError:
        return _fail(f"Tệp “{source}” không phải văn bản UTF-8.", stdout, stderr)
    try:
        answer, status = evaluate_document(text)
    except DocumentError as exc:
        return _fail(str(exc), stdout, stderr)
    stdout.write(json.dumps(answer, ensure_ascii=False, indent=1, default=_json_default) + "\n")
    return status
