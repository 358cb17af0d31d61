"""Public transparency pages, under /cong-dan/cong-khai/ (no login, aggregates only)."""

from django.urls import path

from congso.reports import public

app_name = "public_transparency"
urlpatterns = [
    path("", public.overview, name="overview"),
    path("<int:pk>/", public.agency, name="agency"),
]
