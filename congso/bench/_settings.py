"""Settings of the bench's gunicorn: production settings plus the bare view's URL."""

from congso.config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "congso.bench._bare"
