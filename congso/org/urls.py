"""Org URLs: the tree, units, people and person pages, and the staff Excel import."""

from django.urls import path

from congso.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("can-bo/", views.people, name="people"),
    path("can-bo/xuat-excel/", views.people_export, name="people_export"),
    path("can-bo/<int:pk>/", views.person_detail, name="person"),
    path("can-bo/<int:pk>/dieu-dong/", views.person_transfer, name="person_transfer"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
    # The staff Excel import (no URL parameters, so nothing to list in cross_agency.py).
    path("nhap-excel/", views.import_page, name="import"),
    path("nhap-excel/mau.xlsx", views.import_template, name="import_template"),
]
