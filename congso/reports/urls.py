"""Pages of reports, under /bao-cao/."""

from django.urls import path

from congso.reports import views

app_name = "reports"
urlpatterns = [
    path("nam/", views.annual, name="annual"),
]
