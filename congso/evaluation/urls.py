"""Pages of evaluation and classification, under /danh-gia/."""

from django.urls import path

from congso.evaluation import views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:pk>/", views.unit_page, name="unit"),
    path("don-vi/<int:pk>/mo-ky/", views.unit_open_period, name="unit_open_period"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_classify, name="unit_classify"),
    path("don-vi/<int:pk>/thiet-lap/", views.unit_settings, name="unit_settings"),
    path("don-vi/<int:pk>/san-pham/", views.catalogue_page, name="catalogue"),
    path("don-vi/<int:pk>/san-pham.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("don-vi/<int:pk>/san-pham/them/", views.product_create, name="product_create"),
    path("don-vi/<int:pk>/danh-muc/", views.catalogue_import, name="catalogue_import"),
    path("san-pham/<int:pk>/sua/", views.product_edit, name="product_edit"),
    path("san-pham/<int:pk>/ngung/", views.product_retire, name="product_retire"),
    path("don-vi/<int:pk>/nghi/", views.leave_import, name="leave_import"),
    path("phieu/<int:pk>/", views.sheet_page, name="sheet"),
    path("phieu/<int:pk>/luu/", views.sheet_save, name="sheet_save"),
    path("xep-loai/<int:pk>/", views.run_page, name="run"),
    path("xep-loai/<int:pk>/buoc/", views.run_step, name="run_step"),
    path("xep-loai/<int:pk>/cong-khai/", views.run_published, name="run_published"),
    path("xep-loai/<int:pk>/danh-sach.xlsx", views.run_xlsx, name="run_xlsx"),
    path("xep-loai/<int:pk>/danh-sach.docx", views.run_docx, name="run_docx"),
    path("ket-qua/<int:pk>/", views.result_page, name="result"),
    path("ket-qua/<int:pk>/kien-nghi/", views.result_appeal, name="result_appeal"),
    path("ket-qua/<int:pk>/quyet-dinh/", views.result_decide, name="result_decide"),
    path("ket-qua/<int:pk>/phieu.docx", views.result_docx, name="result_docx"),
    path("kien-nghi/<int:pk>/tra-loi/", views.appeal_answer, name="appeal_answer"),
]
