"""Pages of codes of conduct, under /quy-tac/."""

from django.urls import path

from congso.conduct import views

app_name = "conduct"
urlpatterns = [
    path("", views.index, name="index"),
    path("danh-muc-vi-pham/", views.categories, name="categories"),
    path("quy-che-mau/", views.template, name="template"),
    path("tao-tu-mau/", views.code_create, name="code_create"),
    path("hoan-thanh/", views.completion, name="completion"),
    path("<int:pk>/", views.code_detail, name="code"),
    path("<int:pk>/du-thao-moi/", views.draft_create, name="draft_create"),
    path("<int:pk>/so-sanh/", views.version_diff, name="diff"),
    path("phien-ban/<int:pk>/", views.version_detail, name="version"),
    path("phien-ban/<int:pk>/them-dieu/", views.clause_add, name="clause_add"),
    path("phien-ban/<int:pk>/ban-hanh/", views.version_publish, name="publish"),
    path("phien-ban/<int:pk>/xac-nhan/", views.attest, name="attest"),
    path("dieu/<int:pk>/sua/", views.clause_edit, name="clause_edit"),
    path("dieu/<int:pk>/xoa/", views.clause_delete, name="clause_delete"),
]
