from django.urls import path

from fazhi.publicity import views

app_name = "publicity"
urlpatterns = [
    path("", views.activity_list_view, name="activity_list"),
    path("activities/new/", views.activity_create_view, name="activity_create"),
    path("activities/series/", views.activity_series_view, name="activity_series"),
    path("activities/<int:pk>/", views.activity_detail_view, name="activity_detail"),
    path("plans/", views.plan_list_view, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan_detail"),
    path("media/", views.media_view, name="media"),
    path("media/accounts/new/", views.account_create_view, name="account_create"),
    path("media/series/new/", views.series_create_view, name="series_create"),
    path("media/posts/new/", views.post_create_view, name="post_create"),
    path("reach/", views.reach_view, name="reach"),
]
