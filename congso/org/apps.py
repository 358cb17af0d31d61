from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "congso.org"
    label = "org"
    verbose_name = "Tổ chức"
    # Menu entries are added by the page modules once their URLs exist; see urls_pages.py.
    nav_entries: list = []
