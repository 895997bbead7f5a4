from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from accounts import throttle
from mcsp_tracker.clientip import client_ip


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset form, throttled: each mail costs the receiving inbox and our sender's
    reputation, and the form answers anyone. Counted whether or not the address has an account,
    so the refusal says nothing about who has one."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        client = client_ip(self.request)
        retry_at = throttle.reset_retry_at(email, client)
        if retry_at is not None:
            form.add_error(
                None,
                _("Terlalu banyak permintaan atur ulang kata sandi. Coba lagi pukul %(time)s WIB.")
                % {"time": time_format(timezone.localtime(retry_at), "H.i")},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttle.record_reset(email, client)
        return super().form_valid(form)
