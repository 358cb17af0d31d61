from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "congso.surveys"
    label = "surveys"
    nav_entries: list = []
