from django.urls import path

from fazhi.training import views

app_name = "training"
urlpatterns = [
    path("", views.session_list_view, name="session_list"),
    path("sessions/new/", views.session_create_view, name="session_create"),
    path("sessions/series/", views.session_series_view, name="session_series"),
    path("sessions/<int:pk>/", views.session_detail_view, name="session_detail"),
    path("cadres/", views.cadre_list_view, name="cadre_list"),
    path("exams/", views.exam_list_view, name="exam_list"),
    path("exams/<int:pk>/", views.exam_detail_view, name="exam_detail"),
    path("requirements/", views.requirement_list_view, name="requirement_list"),
]
