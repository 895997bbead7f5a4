"""A person's own email settings, the signed unsubscribe link, and the language switch."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from regions import preferences
from regions.models import Profile, profile_for, save_language


class EmailSettingsForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["language", "reminders", "notices"]
        labels = {"language": gettext_lazy("Bahasa email")}


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    profile = profile_for(request.user)
    form = EmailSettingsForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Pengaturan email disimpan."))
        return redirect("email-settings")
    return render(
        request,
        "regions/email_settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


# The one-click POST of List-Unsubscribe-Post comes from a mail provider with no session and no
# CSRF token; the signed token is what authenticates it (and it can only turn an email off).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user, kind = preferences.read_token(token)
    except signing.BadSignature:
        return render(request, "regions/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        preferences.turn_off(user, kind)
        return render(request, "regions/unsubscribe.html", {"done": True, "kind": kind})
    return render(
        request,
        "regions/unsubscribe.html",
        {"kind": kind, "label": preferences.OPTIONAL[kind], "email": user.email},
    )


@require_POST
def set_language(request):
    """Django's language switch, and for a logged-in person also their profile: emails go out
    in the language they chose."""
    language = request.POST.get("language", "")
    if not language:
        return HttpResponseBadRequest("no language")
    response = django_set_language(request)
    if request.user.is_authenticated:
        save_language(request.user, language)
    return response
