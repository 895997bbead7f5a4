from django.urls import path

from documents import views

urlpatterns = [
    path("regions/<str:code>/", views.region_page, name="region"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence-download"),
]
