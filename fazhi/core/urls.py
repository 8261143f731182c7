from django.urls import path

from fazhi.core import views

app_name = "core"
urlpatterns = [
    path("", views.workbench_view, name="workbench"),
    path("system/calendar/", views.calendar_list_view, name="calendar_list"),
    path("system/calendar/<str:date>/clear/", views.calendar_day_clear_view, name="calendar_day_clear"),
    path("system/calendar/<int:year>/confirm/", views.calendar_year_confirm_view, name="calendar_year_confirm"),
    path("system/dictionaries/", views.dictionary_list_view, name="dictionary_list"),
    path("system/deadline-rules/", views.deadline_rule_list_view, name="deadline_rule_list"),
    path("audit/", views.audit_list_view, name="audit_list"),
    path("media/<path:path>", views.media_view, name="media"),  # settings.MEDIA_URL: uploads, checked per record
]
