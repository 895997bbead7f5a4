from django.urls import path

from regions import people_import_views, people_views, views

urlpatterns = [
    path("accounts/emails/", views.email_settings, name="email-settings"),
    path("emails/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("people/", people_views.people_page, name="people"),
    path("people/import/", people_import_views.import_page, name="people-import"),
    path("people/import/apply/", people_import_views.import_apply, name="people-import-apply"),
    path(
        "people/import/errors.xlsx",
        people_import_views.import_errors,
        name="people-import-errors",
    ),
    path(
        "people/import/template.xlsx",
        people_import_views.import_template,
        name="people-import-template",
    ),
    path("people/<int:pk>/", people_views.person_page, name="person"),
    path("people/<int:pk>/deactivate/", people_views.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", people_views.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/resend/", people_views.person_resend, name="person-resend"),
    path("invitation/<str:token>/", people_views.accept_invitation, name="invitation"),
]
