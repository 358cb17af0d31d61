from django.contrib.auth import views as auth_views
from django.urls import path

from congso.accounts import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("xac-thuc-2-buoc/", views.second_factor, name="second_factor"),
    path("cua-toi/", views.my_account, name="me"),
    path("doi-mat-khau/", views.password_change, name="password_change"),
    path("khoa-api/", views.api_tokens, name="api_tokens"),
    path("khoa-api/<int:pk>/thu-hoi/", views.api_token_revoke, name="api_token_revoke"),
    path("quan-ly/", views.user_list, name="user_list"),
    path("quan-ly/tao-moi/", views.user_create, name="user_create"),
    path("quan-ly/<int:pk>/", views.user_detail, name="user_detail"),
    path("quan-ly/<int:pk>/trang-thai/", views.user_set_active, name="user_set_active"),
    path("quan-ly/<int:pk>/mo-khoa/", views.user_unlock, name="user_unlock"),
    path("giu-bi-mat-danh-tinh/", views.custodian_list, name="custodian_list"),
    path("giu-bi-mat-danh-tinh/de-nghi/", views.custodian_request, name="custodian_request"),
    path("giu-bi-mat-danh-tinh/<int:pk>/", views.custodian_decide, name="custodian_decide"),
    path(
        "quan-ly/<int:pk>/phan-quyen/<int:grant_pk>/thu-hoi/",
        views.grant_revoke,
        name="grant_revoke",
    ),
]
