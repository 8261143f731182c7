from django.urls import path

from fazhi.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list_view, name="decision_list"),
    path("new/", views.decision_create_view, name="decision_create"),
    path("<int:pk>/", views.decision_detail_view, name="decision_detail"),
    path("<int:pk>/edit/", views.decision_update_view, name="decision_update"),
    path("<int:pk>/transition/", views.decision_transition_view, name="decision_transition"),
    path("<int:pk>/catalogue/", views.decision_catalogue_view, name="decision_catalogue"),
    path("<int:pk>/steps/<str:step>/", views.decision_step_view, name="decision_step"),
    path("<int:pk>/attachments/", views.decision_attachment_view, name="decision_attachment"),
    path("<int:pk>/comments/<int:comment_pk>/", views.comment_moderate_view, name="comment_moderate"),
    path("<int:pk>/archive.zip", views.decision_archive_view, name="decision_archive"),
    path("attachments/<int:pk>/", views.attachment_download_view, name="attachment_download"),
]
