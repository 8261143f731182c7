from django.urls import path

from fazhi.mediation import views

app_name = "mediation"
urlpatterns = [
    path("disputes/", views.dispute_list_view, name="dispute_list"),
    path("disputes/new/", views.dispute_create_view, name="dispute_create"),
    path(
        "disputes/from-matter/<int:matter_pk>/",
        views.dispute_create_from_matter_view,
        name="dispute_create_from_matter",
    ),
    path("disputes/<int:pk>/", views.dispute_detail_view, name="dispute_detail"),
    path("disputes/<int:pk>/<slug:action>/", views.dispute_action_view, name="dispute_action"),
    path("disputes/<int:pk>/agreement.docx", views.agreement_docx_view, name="agreement_docx"),
    path("roster/", views.roster_view, name="roster"),
    path("stats/", views.stats_view, name="stats"),
]
