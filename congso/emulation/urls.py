"""Staff pages of the emulation movement, under /thi-dua/."""

from django.urls import path

from congso.emulation import views, views_council

app_name = "emulation"
urlpatterns = [
    path("", views.index, name="index"),
    path("ke-hoach/tao/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_page, name="plan"),
    path("ke-hoach/<int:pk>/dang-ky/", views.plan_register, name="plan_register"),
    path("ke-hoach/<int:pk>/don-doc/", views.plan_urge, name="plan_urge"),
    path("ke-hoach/<int:pk>/so-ket/", views.plan_review, name="plan_review"),
    path("dang-ky/<int:pk>/buoc/", views.registration_step, name="registration_step"),
    path("don-vi/<int:pk>/", views.unit_eligibility, name="eligibility"),
    path("don-vi/<int:pk>/de-nghi/", views.unit_propose, name="propose"),
    path("don-vi/<int:pk>/lich-su/", views.unit_history_import, name="history_import"),
    path("de-nghi/<int:pk>/", views.proposal_page, name="proposal"),
    path("de-nghi/<int:pk>/rut/", views.proposal_withdraw, name="proposal_withdraw"),
    path("sang-kien/gui/", views.initiative_submit, name="initiative_submit"),
    path("sang-kien/<int:pk>/xet/", views.initiative_decide, name="initiative_decide"),
    path("hoi-dong/tao/", views_council.meeting_create, name="meeting_create"),
    path("hoi-dong/<int:pk>/", views_council.meeting_page, name="meeting"),
    path("hoi-dong/<int:pk>/kiem-phieu/", views_council.meeting_tally, name="meeting_tally"),
    path("hoi-dong/<int:pk>/bien-ban.docx", views_council.meeting_minutes, name="minutes"),
    path("hoi-dong/<int:pk>/quyet-dinh/", views_council.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", views_council.decision_page, name="decision"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", views_council.decision_docx, name="decision_docx"),
    path("khen-thuong/<int:pk>/", views_council.award_page, name="award"),
    path(
        "khen-thuong/<int:pk>/chung-nhan.pdf", views_council.award_certificate, name="certificate"
    ),
    path("khen-thuong/<int:pk>/huy/", views_council.award_revoke, name="award_revoke"),
]
