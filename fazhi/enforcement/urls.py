from django.urls import path

from fazhi.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.case_list_view, name="case_list"),
    path("cases/new/", views.case_create_view, name="case_create"),
    path("cases/<int:pk>/", views.case_detail_view, name="case_detail"),
    path("records/<int:pk>/", views.case_record_download_view, name="case_record_download"),
    path("officers/", views.officer_list_view, name="officer_list"),
    path("officers/new/", views.officer_create_view, name="officer_create"),
    path("officers/<int:pk>/", views.officer_detail_view, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_update_view, name="officer_update"),
    path("inspections/", views.inspection_list_view, name="inspection_list"),
    path("inspections/new/", views.inspection_create_view, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail_view, name="inspection_detail"),
    path("joint-actions/", views.joint_action_list_view, name="joint_action_list"),
    path("joint-actions/new/", views.joint_action_create_view, name="joint_action_create"),
]
