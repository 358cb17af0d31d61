"""Staff Excel import pages."""

urlpatterns: list = []
