from django.urls import path

from regions import views

urlpatterns = [
    path("accounts/emails/", views.email_settings, name="email-settings"),
    path("emails/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
