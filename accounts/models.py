"""What the sign-in pages count, in the database (pages never need Redis). Failed logins are
counted by django-axes (its AccessAttempt table); password-reset mails here."""

from __future__ import annotations

from django.db import models


class ResetRequest(models.Model):
    """One accepted password-reset request: the address typed (whether or not it has an
    account) and the client it came from. Rows older than a day are pruned on the next one."""

    created_at = models.DateTimeField(auto_now_add=True)
    email = models.CharField(max_length=254)
    client_ip = models.GenericIPAddressField(null=True)

    class Meta:
        indexes = [
            # reset_throttle.retry_at(): requests for one address / from one client this hour
            models.Index(fields=["email", "created_at"], name="resetrequest_email_time"),
            models.Index(fields=["client_ip", "created_at"], name="resetrequest_client_time"),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"
