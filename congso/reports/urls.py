"""Pages of reports, under /bao-cao/."""

from django.urls import path

from congso.reports import views

app_name = "reports"
urlpatterns = [
    path("nam/", views.annual, name="annual"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("tong-quan/don-vi/<int:pk>/", views.dashboard, name="dashboard_unit"),
    path("tong-quan/can-bo/<int:pk>/", views.officer, name="officer"),
]
