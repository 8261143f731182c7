from django.urls import path

from fazhi.people import search_views, views

app_name = "people"
urlpatterns = [
    path("residents/", views.resident_list_view, name="resident_list"),
    path("residents/export/", views.resident_export_view, name="resident_export"),
    path("residents/new/", views.resident_create_view, name="resident_create"),
    path("residents/<int:pk>/", views.resident_detail_view, name="resident_detail"),
    path("residents/<int:pk>/edit/", views.resident_edit_view, name="resident_edit"),
    path("residents/<int:pk>/reveal/", views.resident_reveal_view, name="resident_reveal"),
    path("search/residents/", search_views.resident_search_view, name="resident_search"),
    path("households/", views.household_list_view, name="household_list"),
    path("households/export/", views.household_export_view, name="household_export"),
    path("households/new/", views.household_create_view, name="household_create"),
    path("households/<int:pk>/", views.household_detail_view, name="household_detail"),
    path("import/", views.import_upload_view, name="import_upload"),
    path("import/template/", views.import_template_view, name="import_template"),
    path("import/<int:pk>/", views.import_detail_view, name="import_detail"),
    path("import/<int:pk>/confirm/", views.import_confirm_view, name="import_confirm"),
    path("import/<int:pk>/annotated/", views.import_annotated_view, name="import_annotated"),
]
