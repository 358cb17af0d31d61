"""`congso bench [NAME]`: run one benchmark (or list them); the last line is one JSON object."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

import congso.bench
from congso.bench.harness import throwaway_database

_NOT_BENCHES = {"harness"}


def available() -> list[str]:
    return sorted(
        info.name.replace("_", "-")
        for info in pkgutil.iter_modules(congso.bench.__path__)
        if info.name not in _NOT_BENCHES and not info.name.startswith("_")
    )


class Command(BaseCommand):
    help = "Chạy một phép đo hiệu năng; dòng cuối là một đối tượng JSON."

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="tên phép đo; bỏ trống để liệt kê")
        parser.add_argument(
            "--quick",
            action="store_true",
            help="chạy nhỏ để kiểm tra (không dùng để báo cáo số liệu)",
        )

    def handle(self, *args, name=None, quick=False, **options):
        if not name:
            for bench in available():
                self.stdout.write(bench)
            return
        if name not in available():
            raise CommandError(f"Không có phép đo “{name}”. Có: {', '.join(available())}")
        module = importlib.import_module(f"congso.bench.{name.replace('-', '_')}")
        vendor = connection.vendor
        with throwaway_database():
            result = module.run({"quick": quick, "stdout": self.stdout})
        line = {"bench": name, "database": vendor, **result}
        self.stdout.write(json.dumps(line, ensure_ascii=False))
        if not line.get("pass", False):
            sys.stdout.flush()
