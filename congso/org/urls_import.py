"""Staff Excel import pages (no URL parameters, so nothing to list in cross_agency.py)."""

from django.urls import path

from congso.org import views_import

urlpatterns: list = [
    path("nhap-excel/", views_import.import_page, name="import"),
    path("nhap-excel/mau.xlsx", views_import.import_template, name="import_template"),
]
