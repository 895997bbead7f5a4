"""Which optional emails a person gets, and the signed links that turn one off.

The link in a reminder or notice carries a token signed for (user, kind): it is the only
authentication the unsubscribe page needs, so it works from a mail client where the person is
not logged in, and for the one-click POST of ``List-Unsubscribe-Post`` (RFC 8058).
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regions.models import Profile

# The kinds a person may turn off: Profile's boolean fields. The leadership digest is not one.
OPTIONAL = {
    "reminders": _("Pengingat batas waktu (H-14, H-7, H-3, H-1)"),
    "notices": _("Pemberitahuan saat dokumen dikembalikan atau diterima"),
}
_SALT = "regions.unsubscribe"


def wants(user, kind: str) -> bool:
    try:
        return getattr(user.profile, kind)
    except Profile.DoesNotExist:
        return True


def unsubscribe_token(user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=_SALT, compress=True)


def read_token(token: str):
    """(user, kind) of a token; raises signing.BadSignature when forged or mangled."""
    data = signing.loads(token, salt=_SALT)
    kind = data.get("k")
    if kind not in OPTIONAL:
        raise signing.BadSignature("unknown kind")
    try:
        user = get_user_model().objects.get(pk=data.get("u"), is_active=True)
    except get_user_model().DoesNotExist:
        raise signing.BadSignature("no such user") from None
    return user, kind


def unsubscribe_url(user, kind: str) -> str:
    path = reverse("unsubscribe", args=[unsubscribe_token(user, kind)])
    return urljoin(settings.SITE_URL + "/", path.lstrip("/"))


def unsubscribe_headers(user, kind: str) -> dict[str, str]:
    """RFC 2369 / 8058 headers: mail clients show an "unsubscribe" button that POSTs."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(user, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def turn_off(user, kind: str) -> None:
    Profile.objects.update_or_create(user=user, defaults={kind: False})
