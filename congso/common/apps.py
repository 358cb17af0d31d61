from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "congso.common"
    label = "common"
    verbose_name = "Chung"
    nav_entries: list = []
