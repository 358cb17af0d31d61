"""Survey settings: a Django setting of the same name wins, then the environment, then the
default. Rate limits count stored responses per target within a sliding window."""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed

from congso.config.env import env_int
from congso.surveys.rules import MIN_SAMPLE_DEFAULT, PRIOR_WEIGHT_DEFAULT

DEFAULTS = {
    # Responses one device may give one target within the window (a citizen rates once).
    "CONGSO_SURVEY_RATE_DEVICE": 3,
    # Responses one network address may give one target within the window (an office's Wi-Fi
    # or a mobile carrier's NAT is shared by many citizens, so this is much higher).
    "CONGSO_SURVEY_RATE_ADDRESS": 60,
    "CONGSO_SURVEY_RATE_WINDOW_SECONDS": 600,
    # How long a form token is accepted (an offline phone may send later the same day).
    "CONGSO_SURVEY_FORM_TOKEN_MAX_AGE": 12 * 3600,
    "CONGSO_SURVEY_MIN_SAMPLE": MIN_SAMPLE_DEFAULT,
    "CONGSO_SURVEY_PRIOR_WEIGHT": PRIOR_WEIGHT_DEFAULT,
    # Burst checks: this many identical answer sets (or responses from one address) at one
    # target within the window raise a flag.
    "CONGSO_SURVEY_BURST_IDENTICAL": 8,
    "CONGSO_SURVEY_BURST_ADDRESS": 15,
    "CONGSO_SURVEY_BURST_WINDOW_SECONDS": 300,
    "CONGSO_SURVEY_MAX_BODY_BYTES": 16 * 1024,
    # 1: on PostgreSQL a rating is one SQL-PREPAREd statement per connection (fastest), and
    # the form page's and the lookup's queries are prepared once per connection. Set 0 behind
    # a pooler in transaction mode (pgbouncer), which cannot keep SQL PREPAREs: ratings then
    # take the portable path (services/submit.py) and nothing is prepared.
    "CONGSO_SURVEY_PREPARED_STATEMENTS": 1,
}


_CACHE: dict[str, int] = {}


def get(name: str) -> int:
    """The value of one survey setting (read once per process: the rating path asks for
    several on every request; `override_settings` clears the cache)."""
    value = _CACHE.get(name)
    if value is None:
        setting = getattr(settings, name, None)
        value = int(setting) if setting is not None else env_int(name, DEFAULTS[name])
        _CACHE[name] = value
    return value


def _clear(**_kwargs) -> None:
    _CACHE.clear()


setting_changed.connect(_clear, dispatch_uid="congso.surveys.conf.clear")
