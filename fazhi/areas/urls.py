from django.urls import path

from fazhi.areas import views

app_name = "areas"
urlpatterns = [
    path("areas/", views.area_list_view, name="area_list"),
    path("areas/<int:pk>/", views.area_detail_view, name="area_detail"),
    path("areas/<int:pk>/retire/", views.area_retire_view, name="area_retire"),
    path("members/", views.member_list_view, name="member_list"),
    path("members/new/", views.member_create_view, name="member_create"),
    path("members/<int:pk>/", views.member_detail_view, name="member_detail"),
    path("posts/<int:pk>/end/", views.post_end_view, name="post_end"),
]
