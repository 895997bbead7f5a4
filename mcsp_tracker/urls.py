from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import PasswordResetView
from mcsp_tracker import views
from regions import views as regions_views

# Django's auth views one by one (not include("django.contrib.auth.urls")) so the reset email
# links to SITE_URL rather than whatever Host the request came with.
auth_urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password_reset/",
        PasswordResetView.as_view(extra_email_context={"site_url": settings.SITE_URL}),
        name="password_reset",
    ),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

handler500 = "mcsp_tracker.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(auth_urlpatterns)),
    path("admin/", admin.site.urls),
    # Django's switch, which also stores a logged-in person's choice for their emails.
    path("i18n/setlang/", regions_views.set_language, name="set_language"),
    path("", include("regions.urls")),
    path("", include("reports.urls")),
    path("", include("documents.urls")),
]
