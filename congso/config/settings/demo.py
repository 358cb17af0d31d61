"""`congso demo`: the development data and keys, with production's error handling.

DEBUG is off, so a citizen or tester trying the demo sees the Vietnamese error pages and JSON
errors that production shows, never a traceback (issue 8 item 19). The development server
still serves static files (`runserver --insecure`, set by the demo command)."""

from .dev import *  # noqa: F403

DEBUG = False
