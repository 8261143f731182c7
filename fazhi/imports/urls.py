from django.urls import path

from fazhi.imports import views

app_name = "imports"

urlpatterns = [
    path("<str:kind>/", views.batch_upload_view, name="batch_upload"),
    path("<str:kind>/template/", views.batch_template_view, name="batch_template"),
    path("<str:kind>/<int:pk>/", views.batch_detail_view, name="batch_detail"),
    path("<str:kind>/<int:pk>/confirm/", views.batch_confirm_view, name="batch_confirm"),
    path("<str:kind>/<int:pk>/annotated/", views.batch_annotated_view, name="batch_annotated"),
]
