"""Org URLs: the pages (urls_pages.py) and the Excel import (urls_import.py) share the namespace."""

from congso.org import urls_import, urls_pages

app_name = "org"
urlpatterns = urls_pages.urlpatterns + urls_import.urlpatterns
