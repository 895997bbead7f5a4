"""Indonesian first: the UI language is Indonesian unless the user picked English.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many office PCs in
Indonesia run an English browser; the users still expect the Indonesian UI. So only the
language cookie set by the switch in the header (django.views.i18n.set_language) counts.
"""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
