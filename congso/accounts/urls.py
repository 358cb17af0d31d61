from django.contrib.auth import views as auth_views
from django.urls import path

from congso.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-2-buoc/", views.second_factor, name="second_factor"),
]
