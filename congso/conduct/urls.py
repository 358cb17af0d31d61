app_name = "conduct"
urlpatterns: list = []
