"""Throttling the sign-in pages.

Logins: django-axes counts failures per (username, client address) in the database and locks
that pair out for a cool-off; other people behind the same office NAT, and the same person
from another address, can still sign in. ``ThrottledBackend`` is axes' check in front of
Django's ModelBackend; ``lockout_response`` is the page a locked-out client gets.

Password resets: a few mails per typed address and per client an hour (``reset_retry_at``).
"""

from __future__ import annotations

import datetime as dt

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from accounts.models import ResetRequest

RESET_WINDOW = dt.timedelta(hours=1)


class ThrottledBackend(AxesStandaloneBackend):
    """Refuse a locked-out (username, client) pair before the password is even checked.

    A call without a request (a management command, a shell) has no client to throttle and is
    passed on to the next backend unchecked; every web login comes with its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """429 with the time the lock lifts. Every failure during the lock restarts the cool-off
    (axes' default), so the lock lifts one cool-off from now."""
    cool_off = get_cool_off(request) or dt.timedelta(0)
    context = {
        "until": timezone.localtime(timezone.now() + cool_off),
        "minutes": max(1, round(cool_off.total_seconds() / 60)),
        "failure_limit": get_failure_limit(request, credentials),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def reset_retry_at(email: str, client_ip: str | None) -> dt.datetime | None:
    """When a reset for ``email`` from ``client_ip`` may be asked again, or None if it may now."""
    since = timezone.now() - RESET_WINDOW
    recent = ResetRequest.objects.filter(created_at__gte=since)
    limits = [(recent.filter(email=email), settings.PASSWORD_RESETS_PER_ADDRESS)]
    if client_ip:
        limits.append((recent.filter(client_ip=client_ip), settings.PASSWORD_RESETS_PER_CLIENT))
    blocked = [
        qs.order_by("-created_at")[limit - 1].created_at + RESET_WINDOW
        for qs, limit in limits
        if qs.count() >= limit
    ]
    return max(blocked) if blocked else None


def record_reset(email: str, client_ip: str | None) -> None:
    ResetRequest.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    ResetRequest.objects.create(email=email, client_ip=client_ip)
