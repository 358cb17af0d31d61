"""The portal's home page: what a citizen can do, and the agencies with a public scorecard.

The agency list has a plain GET search (`?tim=`) that ignores diacritics and case:
`nguyen` finds `Nguyễn`, `khanh yen` finds `Khánh Yên`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from congso.common.text import search_key
from congso.surveys.selectors import public_agencies


def portal_index(request: HttpRequest) -> HttpResponse:
    agencies = public_agencies()
    query = request.GET.get("tim", "").strip()[:100]
    words = search_key(query).split()
    if words:
        agencies = [a for a in agencies if all(w in a.search_key for w in words)]
    provincial = [a for a in agencies if a.kind != "commune"]
    communes = [a for a in agencies if a.kind == "commune"]
    context = {
        "provincial": provincial,
        "communes": communes,
        "query": query,
        "match_count": len(agencies),
    }
    return render(request, "portal/index.html", context)
