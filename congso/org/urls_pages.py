"""Org tree, unit, people and person pages."""

urlpatterns: list = []
