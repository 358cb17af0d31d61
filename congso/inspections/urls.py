"""Pages of inspections, under /thanh-tra/."""

from django.urls import path

from congso.inspections import views

app_name = "inspections"
urlpatterns = [
    path("", views.index, name="index"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan"),
    path("ke-hoach/<int:pk>/chuyen-buoc/", views.plan_advance, name="plan_advance"),
    path("cuoc-kiem-tra/moi/", views.visit_create, name="visit_create"),
    path("cuoc-kiem-tra/<int:pk>/", views.visit_detail, name="visit"),
    path("cuoc-kiem-tra/<int:pk>/bat-dau/", views.visit_start, name="visit_start"),
    path("cuoc-kiem-tra/<int:pk>/ket-thuc/", views.visit_finish, name="visit_finish"),
    path("cuoc-kiem-tra/<int:pk>/ca-nhan/", views.subject_add, name="subject_add"),
    path("cuoc-kiem-tra/<int:pk>/ket-luan/", views.finding_create, name="finding_create"),
    path("noi-dung/<int:pk>/danh-gia/", views.item_assess, name="item_assess"),
    path("noi-dung/<int:pk>/anh/", views.photo_add, name="photo_add"),
    path("anh/<int:pk>/", views.photo_file, name="photo"),
    path("ket-luan/<int:pk>/chuyen-vu-viec/", views.finding_case, name="finding_case"),
    path("ket-luan/<int:pk>/viec-khac-phuc/", views.task_create, name="task_create"),
    path("viec-khac-phuc/", views.task_list, name="tasks"),
    path("viec-khac-phuc/<int:pk>/hoan-thanh/", views.task_complete, name="task_complete"),
    path("diem/", views.scores, name="scores"),
]
