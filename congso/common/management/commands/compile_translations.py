"""Compile every app's locale/*/LC_MESSAGES/django.po to .mo with polib.

Django's own `compilemessages` needs GNU gettext's msgfmt; this keeps `make demo` free of
system packages. Files are compiled only when the .po is newer than the .mo.
"""

from pathlib import Path

import polib
from django.core.management.base import BaseCommand

ROOT = Path(__file__).resolve().parents[3]  # the congso package


class Command(BaseCommand):
    help = "Biên dịch các tệp bản dịch .po thành .mo (không cần gettext)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true")

    def handle(self, *args, force=False, **options):
        compiled = 0
        for po_path in sorted(ROOT.glob("*/locale/*/LC_MESSAGES/django.po")):
            mo_path = po_path.with_suffix(".mo")
            if (
                not force
                and mo_path.exists()
                and mo_path.stat().st_mtime >= po_path.stat().st_mtime
            ):
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        self.stdout.write(f"compiled {compiled} catalogue(s)")
