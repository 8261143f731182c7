from django.urls import path

from fazhi.areas import service_account_views, views

app_name = "areas"
urlpatterns = [
    path("areas/", views.area_list_view, name="area_list"),
    path("areas/<int:pk>/", views.area_detail_view, name="area_detail"),
    path("areas/<int:pk>/retire/", views.area_retire_view, name="area_retire"),
    path("members/", views.member_list_view, name="member_list"),
    path("members/new/", views.member_create_view, name="member_create"),
    path("members/<int:pk>/", views.member_detail_view, name="member_detail"),
    path("posts/<int:pk>/end/", views.post_end_view, name="post_end"),
    path("members/service-accounts/", service_account_views.service_account_list_view, name="service_account_list"),
    path(
        "members/service-accounts/new/",
        service_account_views.service_account_create_view,
        name="service_account_create",
    ),
    path(
        "members/service-accounts/<int:pk>/revoke/",
        service_account_views.service_account_revoke_view,
        name="service_account_revoke",
    ),
]
