from django.urls import path

from fazhi.ledger import views

app_name = "ledger"
urlpatterns = [
    path("", views.type_list_view, name="type_list"),
    path("types/new/", views.type_create_view, name="type_create"),
    path("types/<int:pk>/", views.type_detail_view, name="type_detail"),
    path("types/<int:pk>/entries/new/", views.entry_create_view, name="entry_create"),
]
