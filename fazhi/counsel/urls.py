app_name = "counsel"
urlpatterns: list = []
