"""Staff pages of the emulation movement, under /thi-dua/."""

from django.urls import path

from congso.emulation.views import catalogue, council, decisions, plans, proposals

app_name = "emulation"
urlpatterns = [
    path("", plans.index, name="index"),
    path("ke-hoach/tao/", plans.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", plans.plan_page, name="plan"),
    path("ke-hoach/<int:pk>/dang-ky/", plans.plan_register, name="plan_register"),
    path("ke-hoach/<int:pk>/don-doc/", plans.plan_urge, name="plan_urge"),
    path("ke-hoach/<int:pk>/so-ket/", plans.plan_review, name="plan_review"),
    path("so-ket/<int:pk>/bao-cao.docx", plans.review_docx, name="review_docx"),
    path("dang-ky/<int:pk>/buoc/", plans.registration_step, name="registration_step"),
    path("don-vi/<int:pk>/", proposals.unit_eligibility, name="eligibility"),
    path("don-vi/<int:pk>/de-nghi/", proposals.unit_propose, name="propose"),
    path("don-vi/<int:pk>/lich-su/", proposals.unit_history_import, name="history_import"),
    path("de-nghi/<int:pk>/", proposals.proposal_page, name="proposal"),
    path("de-nghi/<int:pk>/rut/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path("sang-kien/gui/", proposals.initiative_submit, name="initiative_submit"),
    path("sang-kien/<int:pk>/xet/", proposals.initiative_decide, name="initiative_decide"),
    path("hoi-dong/tao/", council.meeting_create, name="meeting_create"),
    path("hoi-dong/<int:pk>/", council.meeting_page, name="meeting"),
    path("hoi-dong/<int:pk>/kiem-phieu/", council.meeting_tally, name="meeting_tally"),
    path("hoi-dong/<int:pk>/mo-bo-phieu/", council.voting_open, name="voting_open"),
    path("hoi-dong/<int:pk>/phieu-bau/", council.ballot, name="ballot"),
    path("hoi-dong/<int:pk>/ket-thuc-bo-phieu/", council.voting_close, name="voting_close"),
    path("hoi-dong/<int:pk>/bien-ban.docx", council.meeting_minutes, name="minutes"),
    path("hoi-dong/<int:pk>/quyet-dinh/", decisions.decision_create, name="decision_create"),
    path("quyet-dinh/<int:pk>/", decisions.decision_page, name="decision"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", decisions.decision_docx, name="decision_docx"),
    path("khen-thuong/<int:pk>/", decisions.award_page, name="award"),
    path("khen-thuong/<int:pk>/chung-nhan.pdf", decisions.award_certificate, name="certificate"),
    path("khen-thuong/<int:pk>/huy/", decisions.award_revoke, name="award_revoke"),
    path("danh-muc/", catalogue.catalogue_page, name="catalogue"),
    path("danh-muc/them/", catalogue.title_create, name="catalogue_create"),
    path("danh-muc/<int:pk>/", catalogue.title_page, name="catalogue_title"),
    path("danh-muc/<int:pk>/sua/", catalogue.title_update, name="catalogue_update"),
    path("danh-muc/<int:pk>/he-so/", catalogue.coefficient_add, name="catalogue_coefficient"),
    path("luong-co-so/them/", catalogue.base_salary_add, name="base_salary_add"),
]
