"""Public pages: honour roll and certificate verification, under /vinh-danh/."""

from django.urls import path

from congso.emulation.views import public

app_name = "honour"
urlpatterns = [
    path("", public.honour_roll, name="roll"),
    path("xac-thuc/<str:code>/", public.verify, name="verify"),
]
