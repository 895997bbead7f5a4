"""Celery app. Tasks live in the apps (reports/tasks.py); the schedule is added with them."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mcsp_tracker.settings")

app = Celery("mcsp_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
