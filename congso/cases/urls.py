from django.urls import path

from congso.cases.views import cases, config, monitor, reports

app_name = "cases"
urlpatterns = [
    path("", cases.queue, name="queue"),
    path("xuat-excel/", cases.export, name="export"),
    path("thong-ke/", cases.stats, name="stats"),
    path("thoi-han/", config.deadlines, name="deadlines"),
    path("tao-moi/", cases.case_create, name="create"),
    path("thong-bao/da-doc/", cases.notifications_read, name="notifications_read"),
    path("<int:pk>/", cases.case_detail, name="case"),
    path("<int:pk>/chuyen-buoc/", cases.case_move, name="case_move"),
    path("<int:pk>/phan-cong/", cases.case_assign, name="case_assign"),
    path("<int:pk>/ket-luan/", cases.case_finding, name="case_finding"),
    path("<int:pk>/bien-phap/", cases.case_measure, name="case_measure"),
    path("<int:pk>/gia-han/", cases.case_extend, name="case_extend"),
    path("<int:pk>/khieu-nai/", cases.case_appeal, name="case_appeal"),
    path("<int:pk>/xem-xet-khieu-nai/", cases.case_review, name="case_review"),
    path("sang-loc/", reports.screening, name="screening"),
    path("phan-anh/<int:pk>/", reports.report_detail, name="report"),
    path("phan-anh/<int:pk>/tin-nhan/", reports.report_message, name="report_message"),
    path("phan-anh/<int:pk>/danh-tinh/", reports.reveal, name="reveal"),
    path("bang-chung/<int:pk>/", reports.evidence_file, name="evidence"),
    path("danh-tinh/", reports.reveals, name="reveals"),
    path("phan-bien/", monitor.monitor_home, name="monitor_home"),
    path("phan-bien/<int:pk>/", monitor.monitor_report, name="monitor_report"),
]
