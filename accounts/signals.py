"""A person who is deactivated is signed out everywhere at once: their sessions are deleted, so
an open page's live poll gets 286 and stops, and the next click goes to the login page."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone


def end_sessions(user) -> int:
    """Delete every live session of ``user``. Sessions are opaque rows, so each is decoded;
    this runs only when someone is deactivated."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


@receiver(post_save, sender=get_user_model())
def _sign_out_when_deactivated(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        end_sessions(instance)
