from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.board_list_view, name="board_list"),
    path("new/", views.board_create_view, name="board_create"),
    path("<int:pk>/", views.board_detail_view, name="board_detail"),
    path("<int:pk>/postings/new/", views.posting_create_view, name="posting_create"),
    path("postings/<int:pk>/edit/", views.posting_edit_view, name="posting_edit"),
    path("postings/<int:pk>/publish/", views.posting_publish_view, name="posting_publish"),
    path("postings/<int:pk>/withdraw/", views.posting_withdraw_view, name="posting_withdraw"),
    path("postings/<int:pk>/remove/", views.posting_remove_view, name="posting_remove"),
    path("attachments/<int:pk>/", views.attachment_download_view, name="attachment_download"),
]
