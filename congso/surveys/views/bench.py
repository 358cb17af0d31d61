"""A bare Django view inserting one row: the yardstick of `congso bench survey-submit`.

Mounted only when CONGSO_BENCH_BARE_VIEW=1 (the bench sets it for its own gunicorn)."""

from __future__ import annotations

import json
import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congso.surveys.models import BenchRow


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
