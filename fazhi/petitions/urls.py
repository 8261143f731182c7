from django.urls import path

from fazhi.petitions import views

app_name = "petitions"
urlpatterns = [
    path("", views.petition_list_view, name="petition_list"),
    path("new/", views.petition_create_view, name="petition_create"),
    path("<int:pk>/", views.petition_detail_view, name="petition_detail"),
    path("<int:pk>/<slug:action>/", views.petition_action_view, name="petition_action"),
    path("key-petitioners/", views.key_petitioner_list_view, name="key_petitioner_list"),
    path("key-petitioners/<int:pk>/", views.key_petitioner_detail_view, name="key_petitioner_detail"),
]
