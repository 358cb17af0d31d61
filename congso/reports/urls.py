"""Pages of reports, under /bao-cao/."""

from django.urls import path

from congso.reports import views
from congso.reports.unit_reports import views as unit_views

app_name = "reports"
urlpatterns = [
    path("nam/", views.annual, name="annual"),
    path("tong-quan/", views.dashboard, name="dashboard"),
    path("tong-quan/don-vi/<int:pk>/", views.dashboard, name="dashboard_unit"),
    path("tong-quan/can-bo/<int:pk>/", views.officer, name="officer"),
    # Unit reports upward (unit_reports/).
    path("dinh-ky/", unit_views.report_list, name="unit_reports"),
    path("dinh-ky/<int:pk>/<str:slug>/", unit_views.report_page, name="unit_report"),
    path("dinh-ky/<int:pk>/<str:slug>/cap-duoi/", unit_views.review_page, name="unit_review"),
    path("dinh-ky/<int:pk>/<str:slug>/tai-ve/", unit_views.report_file, name="unit_report_file"),
    path("dinh-ky/bao-cao/<int:pk>/xem-xet/", unit_views.report_decide, name="unit_report_decide"),
]
