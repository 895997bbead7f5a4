from django.urls import path

from reports import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("live/", views.live, name="live"),
    path("regions/<str:code>/scores/", views.region_scores, name="region-scores"),
]
