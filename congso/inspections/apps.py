from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "congso.inspections"
    label = "inspections"
    nav_entries: list = []
