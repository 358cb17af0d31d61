"""The `congso` command: a thin front for Django's management commands.

`congso import-staff FILE` runs the management command `import_staff FILE`; dashes become
underscores, so every sub-command is an ordinary, testable management command.
`congso` without a settings module uses the development settings, except `serve`, which
uses production settings, and `demo`, which uses the demo settings (development data, DEBUG
off), unless DJANGO_SETTINGS_MODULE says otherwise.
`congso policy evaluate [FILE|-]` is the exception: the pure rules engine needs no settings
and no database, so it runs without starting Django (congso/policy/command.py).
"""

from __future__ import annotations

import os
import sys

# Sub-commands whose name differs from the Django command they run.
ALIASES = {"serve": "serve", "demo": "demo", "bench": "bench", "audit": "audit"}


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "policy":
        from congso.policy.command import main as policy_main

        sys.exit(policy_main(args[1:]))
    default_settings = "congso.config.settings.dev"
    if args and args[0] == "serve":
        default_settings = "congso.config.settings.prod"
    elif args and args[0] == "demo":
        default_settings = "congso.config.settings.demo"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default_settings)
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load settings now to report a missing secret cleanly
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Không thể khởi động (cannot start): {exc}\n")
        sys.exit(2)

    if args and not args[0].startswith("-"):
        args[0] = ALIASES.get(args[0], args[0].replace("-", "_"))
    execute_from_command_line(["congso", *args])


if __name__ == "__main__":
    main()
