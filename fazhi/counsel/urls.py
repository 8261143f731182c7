from django.urls import path

from fazhi.counsel import views

app_name = "counsel"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("advisers/new/", views.adviser_create_view, name="adviser_create"),
    path("advisers/<int:pk>/", views.adviser_detail_view, name="adviser_detail"),
    path("consultations/new/", views.consultation_create_view, name="consultation_create"),
]
