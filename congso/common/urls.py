from django.urls import path

from congso.common import views

app_name = "common"
urlpatterns = [
    path("", views.home, name="home"),
    path("viec-cua-toi/", views.my_tasks, name="my_tasks"),
    path("nhat-ky/", views.audit, name="audit"),
    path("nhat-ky/kiem-tra/", views.audit_check, name="audit_check"),
    path("nhat-ky/neo/", views.audit_anchors, name="audit_anchors"),
    path("lich-nghi/", views.holidays, name="holidays"),
    path("lich-nghi/sua/", views.holiday_edit, name="holiday_edit"),
    path("lich-nghi/xoa/", views.holiday_delete, name="holiday_delete"),
]
