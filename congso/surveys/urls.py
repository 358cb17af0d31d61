"""Staff survey pages under /khao-sat/."""

from django.urls import path

from congso.surveys.views import dashboard, manage, qr

app_name = "surveys"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("don-vi/<int:pk>/", dashboard.unit_page, name="unit"),
    path("don-vi/<int:pk>/xuat/<slug:table>.xlsx", dashboard.unit_export, name="unit_export"),
    path("don-vi/<int:pk>/gop-y/", dashboard.comments_page, name="comments"),
    path("doi-tuong/<int:pk>/", dashboard.target_page, name="target"),
    path("don-vi/<int:pk>/ma-qr/", qr.qr_list, name="qr_list"),
    path("don-vi/<int:pk>/ma-qr/dong-bo/", qr.qr_sync, name="qr_sync"),
    path("don-vi/<int:pk>/ma-qr/ap-phich-<slug:size>.pdf", qr.posters_batch, name="posters"),
    path("don-vi/<int:pk>/ma-phieu-hen/", qr.receipt_tokens, name="receipt_tokens"),
    path("doi-tuong/<int:pk>/ap-phich-<slug:size>.pdf", qr.poster, name="poster"),
    path("doi-tuong/<int:pk>/cap-lai-ma/", qr.reissue, name="reissue"),
    path("mau-phieu/", manage.template_edit, name="template"),
    path("bat-thuong/", manage.anomalies, name="anomalies"),
    path("bat-thuong/<int:pk>/xem-xet/", manage.anomaly_review, name="anomaly_review"),
]
