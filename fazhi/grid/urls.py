from django.urls import path

from fazhi.grid import views

app_name = "grid"
urlpatterns = [
    path("grids/", views.grid_list_view, name="grid_list"),
    path("grids/<int:pk>/", views.grid_detail_view, name="grid_detail"),
    path("staff/import/", views.staff_import_view, name="staff_import"),
    path("staff/import/template/", views.staff_import_template_view, name="staff_import_template"),
    path("staff/import/confirm/", views.staff_import_confirm_view, name="staff_import_confirm"),
    path("staff/<int:pk>/end/", views.staff_end_view, name="staff_end"),
    path("matters/", views.matter_list_view, name="matter_list"),
    path("matters/export/", views.matter_export_view, name="matter_export"),
    path("matters/new/", views.matter_create_view, name="matter_create"),
    path("matters/<int:pk>/", views.matter_detail_view, name="matter_detail"),
    path("matters/<int:pk>/transition/", views.matter_transition_view, name="matter_transition"),
    path("matters/<int:pk>/duplicate/", views.matter_duplicate_view, name="matter_duplicate"),
    path("replies/", views.reply_list_view, name="reply_list"),
    path("visits/", views.visit_list_view, name="visit_list"),
    path("visits/export/", views.visit_export_view, name="visit_export"),
    path("visits/new/", views.visit_create_view, name="visit_create"),
]
