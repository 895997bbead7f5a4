from django.urls import path

from reports import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("regions/<str:code>/scores/", views.region_scores, name="region-scores"),
]
