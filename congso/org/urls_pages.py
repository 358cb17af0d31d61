"""Org tree, unit, people and person pages."""

from django.urls import path

from congso.org import views

urlpatterns = [
    path("", views.tree, name="tree"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("can-bo/", views.people, name="people"),
    path("can-bo/xuat-excel/", views.people_export, name="people_export"),
    path("can-bo/<int:pk>/", views.person_detail, name="person"),
    path("can-bo/<int:pk>/dieu-dong/", views.person_transfer, name="person_transfer"),
    path("can-bo/<int:pk>/sua/", views.person_edit, name="person_edit"),
]
