from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "congso.cases"
    label = "cases"
    nav_entries: list = []
