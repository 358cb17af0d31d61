"""The portal's home page: what a citizen can do, and the agencies with a public scorecard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from congso.surveys.selectors import public_agencies


def portal_index(request: HttpRequest) -> HttpResponse:
    agencies = public_agencies()
    provincial = [a for a in agencies if a.kind != "commune"]
    communes = [a for a in agencies if a.kind == "commune"]
    return render(request, "portal/index.html", {"provincial": provincial, "communes": communes})
