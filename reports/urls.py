from django.urls import path

from reports import digest_views, exchange_views, mentoring_views, views, weekly_views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("live/", views.live, name="live"),
    path("regions/<str:code>/scores/", views.region_scores, name="region-scores"),
    path("scores/", views.province_scores, name="scores"),
    path("reports/digests/", digest_views.digests_page, name="digests"),
    path("reports/digests/preview/", digest_views.digest_preview, name="digest-preview"),
    # Excel in and out (reports/exchange_views.py)
    path("reports/", exchange_views.reports_page, name="reports"),
    path("reports/recap.xlsx", exchange_views.recap, name="recap"),
    path("reports/import/", exchange_views.import_page, name="reports-import"),
    path("reports/import/apply/", exchange_views.import_apply, name="reports-import-apply"),
    path("reports/import/errors.xlsx", exchange_views.import_errors, name="reports-import-errors"),
    path(
        "reports/import/template.xlsx",
        exchange_views.import_template,
        name="reports-import-template",
    ),
    path("regions/<str:code>/recap.xlsx", exchange_views.region_recap, name="region-recap"),
    path("regions/<str:code>/evidence.zip", exchange_views.region_evidence, name="region-evidence"),
    # The mentoring log (reports/mentoring_views.py)
    path("mentoring/", mentoring_views.mentoring_log, name="mentoring"),
    path("mentoring/<int:pk>/", mentoring_views.session_page, name="mentoring-session"),
    # The weekly achievement page (reports/weekly_views.py): public once published
    path("reports/publish/", weekly_views.publish, name="publish-week"),
    path("reports/ranking.png", weekly_views.live_image, name="ranking-image"),
    path("capaian/<str:code>/", weekly_views.archive, name="weekly-archive"),
    path("capaian/<str:code>/<str:week>/", weekly_views.week_page, name="weekly"),
    path(
        "capaian/<str:code>/<str:week>/peringkat.png",
        weekly_views.week_image,
        name="weekly-image",
    ),
]
