from django.urls import path

from fazhi.leadership import views

app_name = "leadership"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("groups/new/", views.group_create_view, name="group_create"),
    path("groups/<int:pk>/", views.group_detail_view, name="group_detail"),
    path("members/<int:pk>/end/", views.member_end_view, name="member_end"),
    path("meetings/new/", views.meeting_create_view, name="meeting_create"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail_view, name="plan_detail"),
    path("tasks/<int:pk>/update/", views.task_update_view, name="task_update"),
    path("duties/new/", views.duty_create_view, name="duty_create"),
]
