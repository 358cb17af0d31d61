"""Citizen pages under /cong-dan/. Each capability adds its patterns to its own list."""

from django.urls import path

from congso.portal import views

app_name = "portal"

index_patterns = [
    path("", views.portal_index, name="index"),
    path("ngon-ngu/<str:code>/", views.switch_language, name="language"),
]

survey_patterns = [
    path("danh-gia/<str:code>/", views.survey_form, name="survey_form"),
    path("danh-gia/<str:code>/cam-on/", views.survey_thanks, name="survey_thanks"),
    path("co-quan/<int:pk>/hai-long/", views.agency_scorecard, name="agency_scorecard"),
]

from congso.portal.views import reports  # noqa: E402

report_patterns = [
    path("phan-anh/", reports.report_form, name="report_form"),
    path("phan-anh/tra-cuu/", reports.report_lookup, name="report_lookup"),
    path("phan-anh/tra-cuu/tin-nhan/", reports.report_message, name="report_message"),
]

urlpatterns = index_patterns + survey_patterns + report_patterns
