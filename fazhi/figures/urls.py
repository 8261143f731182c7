from django.urls import path

from fazhi.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.definition_list_view, name="definition_list"),
    path("new/", views.definition_create_view, name="definition_create"),
    path("export/", views.definitions_export_view, name="definitions_export"),
    path("import/", views.definitions_import_view, name="definitions_import"),
    path("<int:pk>/", views.definition_detail_view, name="definition_detail"),
    path("<int:pk>/edit/", views.definition_update_view, name="definition_update"),
    path("<int:pk>/copy/", views.definition_copy_view, name="definition_copy"),
    path("<int:pk>/toggle/", views.definition_toggle_view, name="definition_toggle"),
]
