"""The production URLs plus the minimal authenticated one-row write, for the benchmarks only.

bench/national.py (in-process) and bench/served.py (gunicorn, through bench/settings.py) compare
the status change with ``minimal_write``: the least an authenticated write can cost. Production
never imports this module (mcsp_tracker.urls stays as it is).
"""

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from documents.models import Document
from mcsp_tracker.urls import handler500  # noqa: F401  (a URLconf's handlers are its own)
from mcsp_tracker.urls import urlpatterns as production


@login_required
@require_POST
def minimal_write(request, pk):
    """Session, user, one UPDATE of one row: the floor of the status change's throughput."""
    Document.objects.filter(pk=pk).update(version=F("version") + 1)
    return HttpResponse(status=204)


urlpatterns = [path("bench/write/<int:pk>/", minimal_write, name="bench-write"), *production]
