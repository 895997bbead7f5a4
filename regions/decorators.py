"""View decorators for rules that depend only on who the user is (regions.scoping)."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied

from regions import scoping


def inspectorate_required(view):
    """Pages of the inspectorate's own work (queue, imports, digests): 403 for everyone else.
    Put it below ``@login_required`` so anonymous users are sent to log in first. What lies in
    the user's scope is still checked by each query."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not scoping.is_inspectorate(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
