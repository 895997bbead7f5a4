from django.urls import path

from regions import people_views, views

urlpatterns = [
    path("accounts/emails/", views.email_settings, name="email-settings"),
    path("emails/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("people/", people_views.people_page, name="people"),
    path("people/<int:pk>/", people_views.person_page, name="person"),
    path("people/<int:pk>/deactivate/", people_views.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", people_views.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/resend/", people_views.person_resend, name="person-resend"),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
]
