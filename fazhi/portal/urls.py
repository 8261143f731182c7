from django.urls import path

from fazhi.portal import open311, views

app_name = "portal"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("area/<int:pk>/", views.area_view, name="area"),
    path("reports/<int:pk>/", views.report_view, name="report"),
    path("reports/<int:pk>/pdf/", views.report_pdf_view, name="report_pdf"),
    path("decisions/<int:pk>/", views.decision_view, name="decision"),
    path("postings/<int:pk>/", views.posting_view, name="posting"),
    path("postings/<int:pk>/files/<int:file>/", views.posting_attachment_view, name="posting_attachment"),
    path("help/", views.help_view, name="help"),
    path("submit/", views.submit_view, name="submit"),
    path("submit/done/", views.submit_done_view, name="submit_done"),
    path("track/", views.track_view, name="track"),
    path("track/<str:code>/", views.track_detail_view, name="track_detail"),
    path("track/<str:code>/rate/", views.track_rate_view, name="track_rate"),
    path("open311/v2/services.json", open311.service_list_view, name="open311_services"),
    path("open311/v2/services/<str:service_code>.json", open311.service_definition_view, name="open311_service"),
    path("open311/v2/requests.json", open311.request_list_view, name="open311_requests"),
    path("open311/v2/requests/<str:code>.json", open311.request_detail_view, name="open311_request"),
    path("staff/requests/", views.request_list_view, name="request_list"),
    path("staff/requests/<int:pk>/", views.request_detail_view, name="request_detail"),
]
