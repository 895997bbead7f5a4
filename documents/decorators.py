"""View decorators shared by every page that shows a programme's documents."""

from __future__ import annotations

from functools import wraps

from django.shortcuts import render

from documents.models import current_programme


def with_programme(view):
    """Hand the view the current programme as its second argument; without one, every such
    page shows the same "no programme yet" page instead of failing."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        programme = current_programme(request)
        if programme is None:
            return render(request, "documents/no_programme.html")
        return view(request, programme, *args, **kwargs)

    return wrapper
