from django.urls import path

from fazhi.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list_view, name="document_list"),
    path("new/", views.document_create_view, name="document_create"),
    path("<int:pk>/", views.document_detail_view, name="document_detail"),
    path("<int:pk>/transition/", views.document_transition_view, name="document_transition"),
]
