"""Project middleware: the chosen language, and htmx requests whose session has ended.

Indonesian first: the UI language is Indonesian unless the user picked English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs in
Indonesia run an English browser; the users still expect the Indonesian UI. So only the
language cookie set by the switch in the header (django.views.i18n.set_language) counts.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class HtmxLoginRedirectMiddleware:
    """A session that expired while a panel was open: htmx would follow the login redirect and
    draw the login page inside the panel, and after login Django would send the person to the
    POST-only action URL. Instead the whole browser goes to the login page, and back to the page
    they were on (htmx's HX-Current-URL) afterwards."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and urlsplit(response["Location"]).path == resolve_url(settings.LOGIN_URL)
        ):
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            back = current.path or "/"
            if current.query:
                back += f"?{current.query}"
            if not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
                back = "/"
            login = resolve_url(settings.LOGIN_URL)
            return HttpResponseClientRedirect(f"{login}?{urlencode({'next': back})}")
        return response


class PrivatePagesMiddleware:
    """Two guards around every request.

    * A NUL byte in the path names nothing (PostgreSQL refuses it in a query, which would be a
      500): answer 404 at once.
    * A page drawn for a signed-in person must not be kept by a shared cache or the browser's
      back-forward cache after logout: ``Cache-Control: private, no-store`` unless the view
      chose otherwise. Static files never get here (WhiteNoise answers first).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise Http404("No such page")
        response = self.get_response(request)
        if SESSION_KEY in request.session and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
