from django.urls import path

from fazhi.counsel import case_views, views

app_name = "counsel"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("advisers/new/", views.adviser_create_view, name="adviser_create"),
    path("advisers/<int:pk>/", views.adviser_detail_view, name="adviser_detail"),
    path("consultations/new/", views.consultation_create_view, name="consultation_create"),
    path("contracts/", case_views.contract_list_view, name="contract_list"),
    path("contracts/new/", case_views.contract_create_view, name="contract_create"),
    path("contracts/<int:pk>/", case_views.contract_detail_view, name="contract_detail"),
    path("cases/", case_views.legal_case_list_view, name="legal_case_list"),
    path("cases/new/", case_views.legal_case_create_view, name="legal_case_create"),
    path("cases/<int:pk>/", case_views.legal_case_detail_view, name="legal_case_detail"),
]
