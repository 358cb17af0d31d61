from django.urls import path

from congso.cases import views, views_config, views_monitor, views_reports

app_name = "cases"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("xuat-excel/", views.export, name="export"),
    path("thong-ke/", views.stats, name="stats"),
    path("thoi-han/", views_config.deadlines, name="deadlines"),
    path("tao-moi/", views.case_create, name="create"),
    path("thong-bao/da-doc/", views.notifications_read, name="notifications_read"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/chuyen-buoc/", views.case_move, name="case_move"),
    path("<int:pk>/phan-cong/", views.case_assign, name="case_assign"),
    path("<int:pk>/ket-luan/", views.case_finding, name="case_finding"),
    path("<int:pk>/bien-phap/", views.case_measure, name="case_measure"),
    path("<int:pk>/gia-han/", views.case_extend, name="case_extend"),
    path("<int:pk>/khieu-nai/", views.case_appeal, name="case_appeal"),
    path("<int:pk>/xem-xet-khieu-nai/", views.case_review, name="case_review"),
    path("sang-loc/", views_reports.screening, name="screening"),
    path("phan-anh/<int:pk>/", views_reports.report_detail, name="report"),
    path("phan-anh/<int:pk>/tin-nhan/", views_reports.report_message, name="report_message"),
    path("phan-anh/<int:pk>/danh-tinh/", views_reports.reveal, name="reveal"),
    path("bang-chung/<int:pk>/", views_reports.evidence_file, name="evidence"),
    path("danh-tinh/", views_reports.reveals, name="reveals"),
    path("phan-bien/", views_monitor.monitor_home, name="monitor_home"),
    path("phan-bien/<int:pk>/", views_monitor.monitor_report, name="monitor_report"),
]
