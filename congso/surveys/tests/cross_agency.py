"""Survey rows of another agency answer 404 on every staff page and API path."""

from __future__ import annotations

from congso.common.testing import CrossAgencyRoute, make_unit
from congso.org.models import OrgUnit
from congso.org.services import counter_create
from congso.surveys.models import (
    AnomalyFlag,
    DailyRollup,
    MonthlyRollup,
    ReceiptToken,
    SurveyResponse,
    SurveyTarget,
    SurveyTemplate,
)
from congso.surveys.services import targets_sync, template_default
from congso.surveys.tests.factories import rate

API = "/api/v1/surveys"


def _target(world, unit) -> SurveyTarget:
    template_default()
    counter = counter_create(actor=None, unit=unit, name="Quầy một cửa")
    targets_sync(actor=None, unit=unit)
    return SurveyTarget.unscoped.get(counter=counter)


def _response(world, unit) -> SurveyResponse:
    target = _target(world, unit)
    result = rate(target, comment="Góp ý của người dân")
    return SurveyResponse.unscoped.get(client_id=result.body["client_id"])


def _daily(world, unit) -> DailyRollup:
    return DailyRollup.unscoped.get(target_id=_response(world, unit).target_id)


def _monthly(world, unit) -> MonthlyRollup:
    return MonthlyRollup.unscoped.get(target_id=_response(world, unit).target_id)


def _flag(world, unit) -> AnomalyFlag:
    from django.utils import timezone

    target = _target(world, unit)
    now = timezone.now()
    return AnomalyFlag.unscoped.create(
        unit=unit,
        agency=unit,
        target=target,
        kind="identical",
        window_start=now,
        window_end=now,
        count=9,
    )


def _token(world, unit) -> ReceiptToken:
    return ReceiptToken.unscoped.create(unit=unit, token_hash="x" * 64)


def _template(world, unit) -> SurveyTemplate:
    return SurveyTemplate.unscoped.create(unit=unit, name="Phiếu riêng")


def _division(world, unit) -> OrgUnit:
    return make_unit("Bộ phận một cửa", kind="division", parent=unit)


ROUTES = [
    CrossAgencyRoute(
        model=SurveyTarget,
        make=_target,
        pages=[
            lambda t: f"/khao-sat/doi-tuong/{t.pk}/",
            lambda t: f"/khao-sat/doi-tuong/{t.pk}/ap-phich-a4.pdf",
            lambda t: f"/khao-sat/doi-tuong/{t.pk}/ap-phich-a5.pdf",
        ],
        api=[lambda t: f"{API}/targets/{t.pk}"],
        url_names=["surveys:target", "surveys:poster", "api:surveys_target_get"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=SurveyTarget,
        make=_target,
        pages=[lambda t: f"/khao-sat/doi-tuong/{t.pk}/cap-lai-ma/"],
        url_names=["surveys:reissue"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=OrgUnit,
        make=_division,
        pages=[
            lambda u: f"/khao-sat/don-vi/{u.pk}/",
            lambda u: f"/khao-sat/don-vi/{u.pk}/xuat/xep-hang.xlsx",
            lambda u: f"/khao-sat/don-vi/{u.pk}/xuat/doi-tuong.xlsx",
            lambda u: f"/khao-sat/don-vi/{u.pk}/gop-y/",
            lambda u: f"/khao-sat/don-vi/{u.pk}/ma-qr/",
            lambda u: f"/khao-sat/don-vi/{u.pk}/ma-qr/ap-phich-a4.pdf",
        ],
        api=[lambda u: f"{API}/units/{u.pk}/ranking"],
        url_names=[
            "surveys:unit",
            "surveys:unit_export",
            "surveys:comments",
            "surveys:qr_list",
            "surveys:posters",
            "api:surveys_unit_ranking",
        ],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=OrgUnit,
        make=_division,
        pages=[
            lambda u: f"/khao-sat/don-vi/{u.pk}/ma-qr/dong-bo/",
            lambda u: f"/khao-sat/don-vi/{u.pk}/ma-phieu-hen/",
        ],
        url_names=["surveys:qr_sync", "surveys:receipt_tokens"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=SurveyResponse,
        make=_response,
        pages=[lambda r: f"/khao-sat/don-vi/{r.unit_id}/gop-y/"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=DailyRollup,
        make=_daily,
        pages=[lambda r: f"/khao-sat/doi-tuong/{r.target_id}/"],
        api=[lambda r: f"{API}/units/{r.unit_id}/ranking"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=MonthlyRollup,
        make=_monthly,
        pages=[lambda r: f"/khao-sat/don-vi/{r.unit_id}/"],
        api=[lambda r: f"{API}/targets/{r.target_id}"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=ReceiptToken,
        make=_token,
        pages=[lambda r: f"/khao-sat/don-vi/{r.unit_id}/ma-phieu-hen/"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=AnomalyFlag,
        make=_flag,
        pages=[lambda f: f"/khao-sat/bat-thuong/{f.pk}/xem-xet/"],
        url_names=["surveys:anomaly_review"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=SurveyTemplate,
        make=_template,
        pages=[lambda t: "/khao-sat/mau-phieu/"],
        methods=("get", "post"),
    ),
]
