from django.apps import AppConfig


class ConductConfig(AppConfig):
    name = "congso.conduct"
    label = "conduct"
    nav_entries: list = []
