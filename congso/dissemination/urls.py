"""Pages of dissemination, under /quan-triet/."""

from django.urls import path

from congso.dissemination.views import documents, materials, reading, sessions, training

app_name = "dissemination"
urlpatterns = [
    path("", documents.index, name="index"),
    path("hoan-thanh/", documents.completion, name="completion"),
    path("van-ban/moi/", documents.document_create, name="document_create"),
    path("van-ban/<int:pk>/", documents.document_detail, name="document"),
    path("van-ban/<int:pk>/phien-ban-moi/", documents.version_add, name="version_add"),
    path("van-ban/<int:pk>/gui/", documents.campaign_create, name="campaign_create"),
    path("phien-ban/<int:pk>/tep/", documents.version_file, name="version_file"),
    path("dot/<int:pk>/", documents.campaign_detail, name="campaign"),
    path("dot/<int:pk>/xuat/", documents.campaign_export, name="campaign_export"),
    path("dot/<int:pk>/nguoi-nhan/", documents.campaign_recipients, name="recipients"),
    path("nhan/<int:pk>/", reading.read, name="read"),
    path("nhan/<int:pk>/van-ban.pdf", reading.open_file, name="open_file"),
    path("nhan/<int:pk>/xac-nhan/", reading.acknowledge, name="acknowledge"),
    path("hoi-nghi/", sessions.session_list, name="sessions"),
    path("hoi-nghi/moi/", sessions.session_create, name="session_create"),
    path("hoi-nghi/<int:pk>/", sessions.session_detail, name="session"),
    path("hoi-nghi/<int:pk>/diem-danh/", sessions.session_tick, name="session_tick"),
    path("hoi-nghi/<int:pk>/nhap/", sessions.session_import, name="session_import"),
    path("hoi-nghi/<int:pk>/cua-toi/", sessions.my_session, name="my_session"),
    path("diem-danh/<str:token>/", sessions.scan, name="scan"),
    path("tuyen-truyen/", training.training_index, name="training"),
    path("tuyen-truyen/hoat-dong/moi/", training.activity_create, name="activity_create"),
    path("tuyen-truyen/hoat-dong/<int:pk>/", training.activity_detail, name="activity"),
    path("tuyen-truyen/hoat-dong/<int:pk>/tham-gia/", training.activity_mark, name="activity_mark"),
    path("tuyen-truyen/lop/moi/", training.course_create, name="course_create"),
    path("tuyen-truyen/lop/<int:pk>/", training.course_detail, name="course"),
    path("tuyen-truyen/lop/<int:pk>/tham-gia/", training.course_mark, name="course_mark"),
    path("tuyen-truyen/lop/<int:pk>/kiem-tra/", training.course_quiz, name="course_quiz"),
    path("tuyen-truyen/lop/<int:pk>/tai-lieu/", materials.material_add, name="material_add"),
    path("tuyen-truyen/tai-lieu/<int:pk>/", materials.material_file, name="material_file"),
    path("tuyen-truyen/tai-lieu/<int:pk>/xoa/", materials.material_delete, name="material_delete"),
    path("cua-toi/", training.my_record, name="my_record"),
    path("thong-bao/da-doc/", reading.notices_read, name="notices_read"),
    path("thong-bao/<int:pk>/da-doc/", reading.notice_read, name="notice_read"),
]
