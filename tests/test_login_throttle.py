"""Password guessing is throttled: per (username, client address), with a cool-off, DEBUG off.

django-axes counts failures in the database. One person locked out must not lock out their
colleagues behind the same office NAT, nor themselves on another network; the client address is
believed from X-Forwarded-For only when the proxy sent it. The reset form is throttled too.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

PROXY = "172.30.0.2"
OFFICE = "203.0.113.10"  # one NAT address for a whole office


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    settings.FORWARDED_ALLOW_IPS = [ipaddress.ip_network(PROXY)]


def _login(username, password, *, address=OFFICE, via_proxy=True, forwarded=None):
    client = Client()
    meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded or address}
    if not via_proxy:
        meta = {"REMOTE_ADDR": address, "HTTP_X_FORWARDED_FOR": forwarded or "198.51.100.1"}
    response = client.post("/accounts/login/", {"username": username, "password": password}, **meta)
    return response


def _lock_out(username, **where):
    for _ in range(3):
        _login(username, "salah", **where)


def test_a_right_password_signs_in(kapuas_pic):
    response = _login("bob-kapuas", "mcsp-demo")
    assert response.status_code == 302


def test_wrong_passwords_lock_the_username_from_that_address(kapuas_pic):
    for _ in range(2):
        assert _login("bob-kapuas", "salah").status_code == 200  # the form again, with an error
    locked = _login("bob-kapuas", "salah")
    assert locked.status_code == 429
    # Even the right password is refused until the cool-off ends.
    again = _login("bob-kapuas", "mcsp-demo")
    assert again.status_code == 429
    assert "_auth_user_id" not in again.client.session


def test_the_lockout_page_says_in_indonesian_when_to_try_again(kapuas_pic):
    with time_machine.travel(dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        _lock_out("bob-kapuas")
        body = _login("bob-kapuas", "mcsp-demo").content.decode()
    assert "Terlalu banyak percobaan masuk" in body
    assert re.search(r"Coba lagi pukul 17\.15 WIB \(sekitar 15 menit lagi\)", body), body


def test_colleagues_behind_the_same_nat_still_sign_in(kapuas_pic, bpkad_operator):
    _lock_out("bob-kapuas")
    assert _login("charlie-bpkad", "mcsp-demo").status_code == 302


def test_the_same_person_from_another_network_still_signs_in(kapuas_pic):
    _lock_out("bob-kapuas")
    assert _login("bob-kapuas", "mcsp-demo", address="198.51.100.77").status_code == 302


def test_the_lock_lifts_after_the_cool_off(kapuas_pic):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        _lock_out("bob-kapuas")
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert _login("bob-kapuas", "mcsp-demo").status_code == 302


def test_a_forged_forwarded_header_does_not_escape_the_lock(kapuas_pic):
    """Straight to gunicorn (not through the proxy), X-Forwarded-For counts for nothing."""
    for fake in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        _login("bob-kapuas", "salah", address="198.51.100.9", via_proxy=False, forwarded=fake)
    response = _login(
        "bob-kapuas", "mcsp-demo", address="198.51.100.9", via_proxy=False, forwarded="10.0.0.4"
    )
    assert response.status_code == 429


def test_a_forged_header_through_the_proxy_does_not_escape_the_lock(kapuas_pic):
    """Caddy appends the real address; what the client wrote before it is ignored."""
    for fake in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        _login("bob-kapuas", "salah", forwarded=f"{fake}, {OFFICE}")
    assert _login("bob-kapuas", "mcsp-demo", forwarded=f"10.0.0.9, {OFFICE}").status_code == 429


# --- the password-reset form ------------------------------------------------------------------


def _reset(email, address=OFFICE):
    return Client().post(
        "/accounts/password_reset/",
        {"email": email},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=address,
    )


def test_reset_mails_for_one_address_are_limited_per_hour(kapuas_pic, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 3
    for _ in range(3):
        assert _reset("bob-kapuas@example.go.id").status_code == 302
    refused = _reset("BOB-kapuas@example.go.id", address="198.51.100.3")
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan atur ulang kata sandi" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_reset_requests_from_one_client_are_limited_per_hour(db, settings):
    settings.PASSWORD_RESETS_PER_CLIENT = 4
    for i in range(4):
        assert _reset(f"orang{i}@example.go.id").status_code == 302
    assert _reset("orang9@example.go.id").status_code == 429
    assert _reset("orang9@example.go.id", address="198.51.100.4").status_code == 302


def test_reset_requests_are_allowed_again_an_hour_later(kapuas_pic, settings):
    settings.PASSWORD_RESETS_PER_ADDRESS = 1
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert _reset("bob-kapuas@example.go.id").status_code == 302
        assert _reset("bob-kapuas@example.go.id").status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=61), tick=False):
        assert _reset("bob-kapuas@example.go.id").status_code == 302
