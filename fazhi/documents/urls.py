from django.urls import path

from fazhi.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list_view, name="document_list"),
    path("new/", views.document_create_view, name="document_create"),
    path("<int:pk>/", views.document_detail_view, name="document_detail"),
    path("<int:pk>/edit/", views.document_update_view, name="document_update"),
    path("<int:pk>/transition/", views.document_transition_view, name="document_transition"),
    path("<int:pk>/review/", views.document_review_view, name="document_review"),
    path("<int:pk>/flags/<int:flag_pk>/", views.flag_decide_view, name="flag_decide"),
    path("campaigns/", views.campaign_list_view, name="campaign_list"),
    path("campaigns/new/", views.campaign_create_view, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail_view, name="campaign_detail"),
    path("campaigns/<int:pk>/items/<int:item_pk>/", views.cleanup_decide_view, name="cleanup_decide"),
]
