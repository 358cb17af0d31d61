from django.urls import include, path

from congso.common.views import healthz

from .api import api

# The citizen pages come first: the survey form behind a QR code is the busiest path, and
# Django tries the patterns in order (no other prefix overlaps /cong-dan/).
urlpatterns = [
    path("cong-dan/cong-khai/", include("congso.reports.urls_public")),
    path("cong-dan/", include("congso.portal.urls")),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("congso.accounts.urls")),
    path("to-chuc/", include("congso.org.urls")),
    path("quy-tac/", include("congso.conduct.urls")),
    path("khao-sat/", include("congso.surveys.urls")),
    path("quan-triet/", include("congso.dissemination.urls")),
    path("vu-viec/", include("congso.cases.urls")),
    path("thanh-tra/", include("congso.inspections.urls")),
    path("danh-gia/", include("congso.evaluation.urls")),
    path("thi-dua/", include("congso.emulation.urls")),
    path("vinh-danh/", include("congso.emulation.public_urls")),
    path("bao-cao/", include("congso.reports.urls")),
    path("", include("congso.common.urls")),
]
