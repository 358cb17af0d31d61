"""The yardstick of `congso bench survey-submit`: a bare Django view inserting one row through
the ORM, in the bench's own table (never in the production schema).

Served only by the bench's gunicorn (settings `congso.bench._settings`, URLs below), on a path
of the citizen lane as the rating operation is (same middleware) and on an ordinary path (the
staff middleware, the yardstick of the figures before issue 9). The table is created in the
bench's throw-away database by `create_table()`.
"""

from __future__ import annotations

import json
import uuid

from django.db import connection, models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

# The same view on a path of the citizen lane (the rating's middleware) and on an ordinary
# path (the whole staff middleware, as every bare-view figure before issue 9).
BARE_PATH = "/api/v1/public/surveys/bench-bare"
STAFF_LANE_BARE_PATH = "/bench/bare/"


class BenchRow(models.Model):
    """The row the bare view inserts (not an installed app: no migration, bench only)."""

    client_id = models.UUIDField()
    value = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        app_label = "congso_bench"
        db_table = "congso_bench_row"

    def __str__(self) -> str:
        return str(self.client_id)


def create_table() -> None:
    with connection.schema_editor() as editor:
        editor.create_model(BenchRow)


@csrf_exempt
@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    data = json.loads(request.body)
    row = BenchRow.objects.create(
        client_id=uuid.UUID(data["client_id"]),
        value=int(data["answers"]["overall"]),
        created_at=timezone.now(),
    )
    return JsonResponse({"client_id": str(row.client_id)}, status=201)


urlpatterns = [
    path(BARE_PATH.lstrip("/"), bare_insert, name="bench_bare"),
    path(STAFF_LANE_BARE_PATH.lstrip("/"), bare_insert, name="bench_bare_staff_lane"),
    path("", include("congso.config.urls")),
]
