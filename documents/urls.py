from django.urls import path

from documents import views

urlpatterns = [
    path("regions/<str:code>/", views.region_page, name="region"),
]
