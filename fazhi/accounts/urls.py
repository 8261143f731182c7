from django.urls import path

from fazhi.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("password/", views.password_change_view, name="password_change"),
    path("profile/", views.profile_view, name="profile"),
    path("otp/", views.otp_verify_view, name="otp_verify"),
    path("otp/enrol/", views.otp_enrol_view, name="otp_enrol"),
]
