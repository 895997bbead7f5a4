from django.urls import path

from documents import agency_views, checklist_views, views

urlpatterns = [
    path("regions/<str:code>/", views.region_page, name="region"),
    path("regions/<str:code>/agencies/", agency_views.agencies_page, name="region-agencies"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/status/", views.document_transition, name="document-transition"),
    path("documents/<int:pk>/evidence/", views.document_evidence, name="document-evidence"),
    path("documents/<int:pk>/comments/", views.document_comment, name="document-comment"),
    path("documents/<int:pk>/assign/", views.document_assign, name="document-assign"),
    path("todo/", views.todo, name="todo"),
    path("checklist/", checklist_views.checklist_page, name="checklist"),
    path("checklist/import/", checklist_views.checklist_import, name="checklist-import"),
    path("checklist/rollover/", checklist_views.rollover_page, name="checklist-rollover"),
    path(
        "checklist/requirements/<int:pk>/",
        checklist_views.requirement_edit,
        name="requirement-edit",
    ),
    path("verify/", views.verify_queue, name="verify"),
    path("verify/confirm/", views.verify_confirm, name="verify-confirm"),
    path("verify/apply/", views.verify_apply, name="verify-apply"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence-download"),
]
