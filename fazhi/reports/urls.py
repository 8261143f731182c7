from django.urls import path

from fazhi.reports import dashboard_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_list_view, name="report_list"),
    path("new/", views.report_create_view, name="report_create"),
    path("<int:pk>/", views.report_detail_view, name="report_detail"),
    path("<int:pk>/view/", views.report_html_view, name="report_html"),
    path("<int:pk>/figures/<str:key>/", views.report_figure_view, name="report_figure"),
    path("<int:pk>/download/<str:fmt>/", views.report_download_view, name="report_download"),
    path("<int:pk>/pdf/<int:job>/", views.report_pdf_view, name="report_pdf"),
    path("<int:pk>/addressee/", views.report_addressee_view, name="report_addressee"),
    path("<int:pk>/transition/", views.report_transition_view, name="report_transition"),
    path("<int:pk>/sections/new/", views.section_add_view, name="section_add"),
    path("<int:pk>/suggestions/accept/", views.suggestion_accept_view, name="suggestion_accept"),
    path("<int:pk>/rectifications/new/", views.rectification_add_view, name="rectification_add"),
    path("<int:pk>/sections/delete/", views.section_delete_view, name="section_delete"),
    path("<int:pk>/figure-picker/", views.figure_picker_view, name="figure_picker"),
    path("sections/<int:pk>/", views.section_update_view, name="section_update"),
    path("sections/<int:pk>/preview/", views.section_preview_view, name="section_preview"),
    path("sections/<int:pk>/move/", views.section_move_view, name="section_move"),
    path("sections/<int:pk>/insert/", views.section_insert_view, name="section_insert"),
    path("rectifications/<int:pk>/close/", views.rectification_close_view, name="rectification_close"),
    path("metrics/", views.metric_list_view, name="metric_list"),
    path("metrics/<str:key>/", views.metric_evidence_view, name="metric_evidence"),
    path("county/", views.county_rollup_view, name="county_rollup"),
    path("county/template/", views.county_template_view, name="county_template"),
    path("county/template/withdraw/", views.county_template_withdraw_view, name="county_template_withdraw"),
    path("dashboard/", dashboard_views.township_dashboard_view, name="township_dashboard"),
    path("dashboard/county/", dashboard_views.county_dashboard_view, name="county_dashboard"),
]
