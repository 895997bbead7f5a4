"""/people/: invitations, roles and scopes, deactivation, and the record of each change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from regions import people
from regions.models import AuditAction, AuditEntry, Invitation, Membership, Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _invite(client, **fields):
    data = {
        "first_name": "Rina",
        "last_name": "Kapuas",
        "email": "rina@kapuaskab.go.id",
        "username": "rina-kapuas",
        "role": Role.REGIONAL,
        **fields,
    }
    return client.post(reverse("people"), data)


def _link(message) -> str:
    return re.search(r"http://\S+/invitation/\S+/", message.body).group(0)


# --- inviting ----------------------------------------------------------------------------------


def test_the_inspectorate_invites_a_pic_who_gets_a_set_password_link(client, inspector, kapuas):
    client.force_login(inspector)
    response = _invite(client, region=kapuas.pk)
    rina = User.objects.get(username="rina-kapuas")
    assert response.status_code == 302 and response["Location"] == reverse("person", args=[rina.pk])
    assert not rina.has_usable_password()
    assert Membership.objects.get(user=rina).role == Role.REGIONAL
    [message] = mail.outbox
    assert message.to == ["rina@kapuaskab.go.id"]
    assert "rina-kapuas" in message.body and "Admin pemda (PIC)" in message.body
    assert AuditEntry.objects.get(action=AuditAction.INVITED).actor == inspector


def test_the_invitee_sets_a_password_and_is_logged_in_once(client, inspector, kapuas):
    client.force_login(inspector)
    _invite(client, region=kapuas.pk)
    link = _link(mail.outbox[0])
    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(
        link, {"new_password1": "kuala-kapuas-2026", "new_password2": "kuala-kapuas-2026"}
    )
    assert response.status_code == 302
    rina = User.objects.get(username="rina-kapuas")
    assert rina.check_password("kuala-kapuas-2026")
    assert client.get(reverse("region", args=[kapuas.code])).status_code == 200
    client.logout()
    assert client.get(link).status_code == 400  # used once
    assert AuditEntry.objects.filter(action=AuditAction.INVITATION_ACCEPTED, person=rina).exists()


def test_an_invitation_link_expires(client, inspector, kapuas):
    client.force_login(inspector)
    _invite(client, region=kapuas.pk)
    link = _link(mail.outbox[0])
    client.logout()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=8)):
        response = client.get(link)
    assert response.status_code == 400 and "kedaluwarsa" in response.text


def test_a_resend_replaces_the_earlier_link(client, inspector, kapuas):
    client.force_login(inspector)
    _invite(client, region=kapuas.pk)
    rina = User.objects.get(username="rina-kapuas")
    first = _link(mail.outbox[0])
    assert client.post(reverse("person-resend", args=[rina.pk])).status_code == 302
    second = _link(mail.outbox[1])
    client.logout()
    assert client.get(first).status_code == 400
    assert client.get(second).status_code == 200


def test_a_tampered_link_is_refused(client, db):
    assert client.get(reverse("invitation", args=["not-a-token"])).status_code == 400


def test_the_pic_invites_an_operator_of_their_own_agency(client, kapuas_pic, kapuas, bpkad_kapuas):
    client.force_login(kapuas_pic)
    response = _invite(
        client,
        username="sari-bpkad",
        email="sari@kapuaskab.go.id",
        role=Role.AGENCY,
        region=kapuas.pk,
        unit=bpkad_kapuas.pk,
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="sari-bpkad").unit == bpkad_kapuas


# --- refusals: one test each -------------------------------------------------------------------


def test_a_pic_cannot_invite_into_another_government(client, kapuas_pic, kotim):
    from regions.models import Unit

    unit = Unit.objects.create(region=kotim, name="BPKAD Kotim", short_name="BPKAD")
    client.force_login(kapuas_pic)
    response = _invite(client, role=Role.AGENCY, region=kotim.pk, unit=unit.pk)
    assert response.status_code == 400
    assert not User.objects.filter(username="rina-kapuas").exists()
    with pytest.raises(people.PeopleError) as refused:
        people.check_grant(kapuas_pic, kotim, Role.AGENCY, unit)
    assert refused.value.code == "out_of_scope"


def test_a_pic_cannot_grant_a_role_above_their_own(client, kapuas_pic, kapuas):
    client.force_login(kapuas_pic)
    assert _invite(client, role=Role.LEADERSHIP, region=kapuas.pk).status_code == 400
    with pytest.raises(people.PeopleError) as refused:
        people.check_grant(kapuas_pic, kapuas, Role.LEADERSHIP, None)
    assert refused.value.code == "role_above_own"


def test_a_pic_cannot_make_another_pic(kapuas_pic, kapuas):
    with pytest.raises(people.PeopleError) as refused:
        people.check_grant(kapuas_pic, kapuas, Role.REGIONAL, None)
    assert refused.value.code == "role_not_managed"


def test_an_operator_needs_an_agency_of_that_government(inspector, kapuas, kotim):
    from regions.models import Unit

    kotim_unit = Unit.objects.create(region=kotim, name="BPKAD Kotim", short_name="BPKAD")
    with pytest.raises(people.PeopleError) as refused:
        people.check_grant(inspector, kapuas, Role.AGENCY, kotim_unit)
    assert refused.value.code == "unit_mismatch"


def test_a_regency_has_no_inspectorate_role(inspector, kapuas):
    with pytest.raises(people.PeopleError) as refused:
        people.check_grant(inspector, kapuas, Role.INSPECTORATE, None)
    assert refused.value.code == "role_not_here"


def test_an_email_belongs_to_one_active_account(client, inspector, kapuas, kapuas_pic):
    client.force_login(inspector)
    response = _invite(client, region=kapuas.pk, email=kapuas_pic.email.upper())
    assert response.status_code == 400 and "sudah dipakai" in response.text


def test_a_username_is_taken_once(client, inspector, kapuas, kapuas_pic):
    client.force_login(inspector)
    assert _invite(client, region=kapuas.pk, username="BOB-KAPUAS").status_code == 400


def test_leadership_reads_but_cannot_change(client, leader, kapuas_pic, kapuas):
    client.force_login(leader)
    page = client.get(reverse("people"))
    assert (
        page.status_code == 200 and "bob-kapuas" in page.text and "Kirim undangan" not in page.text
    )
    assert _invite(client, region=kapuas.pk).status_code == 403
    assert client.post(reverse("person-deactivate", args=[kapuas_pic.pk])).status_code == 403
    kapuas_pic.refresh_from_db()
    assert kapuas_pic.is_active


def test_an_agency_operator_has_no_people_page(client, bpkad_operator):
    client.force_login(bpkad_operator)
    assert client.get(reverse("people")).status_code == 403


def test_another_regencys_pic_cannot_see_a_kapuas_person(client, kotim_pic, bpkad_operator):
    client.force_login(kotim_pic)
    assert client.get(reverse("person", args=[bpkad_operator.pk])).status_code == 404
    assert client.post(reverse("person-deactivate", args=[bpkad_operator.pk])).status_code == 404
    assert "charlie-bpkad" not in client.get(reverse("people")).text


def test_a_pic_cannot_manage_another_pic_of_their_government(client, kapuas_pic, kapuas):
    colleague = make_user("dewi-kapuas", kapuas, Role.REGIONAL)
    client.force_login(kapuas_pic)
    assert client.get(reverse("person", args=[colleague.pk])).status_code == 200
    assert client.post(reverse("person-deactivate", args=[colleague.pk])).status_code == 403


def test_nobody_deactivates_themselves(client, inspector):
    client.force_login(inspector)
    assert client.post(reverse("person-deactivate", args=[inspector.pk])).status_code == 403


def test_a_pic_cannot_deactivate_someone_who_also_works_elsewhere(
    client, kapuas_pic, bpkad_operator, kotim
):
    Membership.objects.create(user=bpkad_operator, region=kotim, role=Role.LEADERSHIP)
    client.force_login(kapuas_pic)
    assert client.post(reverse("person-deactivate", args=[bpkad_operator.pk])).status_code == 403


# --- changing and ending -------------------------------------------------------------------------


def test_the_pic_moves_an_operator_to_another_agency_and_it_is_recorded(
    client, kapuas_pic, bpkad_operator, bappeda_kapuas, kapuas
):
    membership = Membership.objects.get(user=bpkad_operator)
    client.force_login(kapuas_pic)
    prefix = f"m{membership.pk}"
    response = client.post(
        reverse("person", args=[bpkad_operator.pk]),
        {
            "membership": membership.pk,
            f"{prefix}-role": Role.AGENCY,
            f"{prefix}-region": kapuas.pk,
            f"{prefix}-unit": bappeda_kapuas.pk,
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.unit == bappeda_kapuas
    entry = AuditEntry.objects.get(action=AuditAction.ROLE_CHANGED)
    assert entry.actor == kapuas_pic and "BPKAD" in entry.summary and "Bappeda" in entry.summary
    assert "Bappeda" in client.get(reverse("person", args=[bpkad_operator.pk])).text


def test_a_pic_cannot_promote_an_operator(client, kapuas_pic, bpkad_operator, kapuas):
    membership = Membership.objects.get(user=bpkad_operator)
    client.force_login(kapuas_pic)
    prefix = f"m{membership.pk}"
    response = client.post(
        reverse("person", args=[bpkad_operator.pk]),
        {
            "membership": membership.pk,
            f"{prefix}-role": Role.REGIONAL,
            f"{prefix}-region": kapuas.pk,
        },
    )
    assert response.status_code == 400
    membership.refresh_from_db()
    assert membership.role == Role.AGENCY


def test_deactivating_ends_sessions_and_keeps_the_account(client, inspector, kapuas_pic):
    other = client.__class__()
    other.force_login(kapuas_pic)
    client.force_login(inspector)
    response = client.post(reverse("person-deactivate", args=[kapuas_pic.pk]))
    assert response.status_code == 302
    kapuas_pic.refresh_from_db()
    assert not kapuas_pic.is_active
    assert other.get(reverse("todo")).status_code == 302  # signed out
    assert AuditEntry.objects.filter(action=AuditAction.DEACTIVATED, person=kapuas_pic).exists()
    page = client.get(reverse("people")).text
    assert "Nonaktif" in page and "bob-kapuas" in page
    assert client.post(reverse("person-reactivate", args=[kapuas_pic.pk])).status_code == 302
    kapuas_pic.refresh_from_db()
    assert kapuas_pic.is_active


def test_a_deactivated_persons_invitation_no_longer_works(client, inspector, kapuas):
    client.force_login(inspector)
    _invite(client, region=kapuas.pk)
    rina = User.objects.get(username="rina-kapuas")
    client.post(reverse("person-deactivate", args=[rina.pk]))
    client.logout()
    assert client.get(_link(mail.outbox[0])).status_code == 400


def test_an_email_that_cannot_be_sent_keeps_the_invitation(client, inspector, kapuas, settings):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 1},
        }
    }
    client.force_login(inspector)
    response = _invite(client, region=kapuas.pk)
    assert response.status_code == 302
    assert Invitation.objects.filter(user__username="rina-kapuas").exists()
    page = client.get(response["Location"]).text
    assert "gagal dikirim" in page and "Kirim ulang undangan" in page
