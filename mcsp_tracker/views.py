import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

# What a database that is down, stalled or cancelling our statements raises: the app is not
# broken, it is waiting for the database, so say 503 (try again) rather than 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@require_GET
@never_cache
def healthz(request):
    """200 when the database answers; no data, no login (for load balancers and uptime checks).
    Bounded by DB_CONNECT_TIMEOUT / DB_STATEMENT_TIMEOUT (settings)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


@requires_csrf_token
def server_error(request):
    """Django's 500 handler, but a database that cannot be reached is a 503 with Retry-After.

    Called inside the ``except`` that caught the error, so ``sys.exc_info()`` names it.
    Renders the standalone templates, which need neither the database nor the session."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        body = loader.render_to_string("503.html", request=None)
        response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html", request=None))
