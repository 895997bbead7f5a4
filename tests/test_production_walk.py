"""The adversarial walk's smaller findings, one test each (issue 13, item 6)."""

from __future__ import annotations

import pytest

from documents import workflow
from documents.models import Document, ReturnReason, Source, Status


@pytest.mark.parametrize(
    "note",
    ["\u200b\u200b", "\u00a0\u00a0", " \u200d\ufeff\u2060 ", "\u00ad", "\u3000"],
    ids=["zero-width", "nbsp", "joiners-bom", "soft-hyphen", "ideographic-space"],
)
def test_a_required_note_made_of_invisible_characters_is_empty(kapuas_pic, kapuas_doc, note):
    Document.objects.filter(pk=kapuas_doc.pk).update(status=Status.UPLOADED)
    kapuas_doc.refresh_from_db()
    with pytest.raises(workflow.WorkflowError) as exc:
        workflow.transition(
            kapuas_doc,
            Status.NEEDS_REVISION,
            by=kapuas_pic,
            source=Source.REGIONAL,
            note=note,
            reason_code=ReturnReason.values[0],
            expected_version=kapuas_doc.version,
        )
    assert exc.value.code == "needs_note"


def test_a_note_with_words_around_invisible_characters_is_kept(kapuas_pic, kapuas_doc):
    Document.objects.filter(pk=kapuas_doc.pk).update(status=Status.UPLOADED)
    kapuas_doc.refresh_from_db()
    change = workflow.transition(
        kapuas_doc,
        Status.NEEDS_REVISION,
        by=kapuas_pic,
        source=Source.REGIONAL,
        note="\u00a0Belum ditandatangani\u200b ",
        reason_code=ReturnReason.values[0],
        expected_version=kapuas_doc.version,
    )
    assert change.note == "Belum ditandatangani\u200b"


# --- an expired session inside a panel ----------------------------------------------------------


def test_an_htmx_action_after_the_session_ended_sends_the_browser_to_login(client, kapuas_doc):
    response = client.post(
        f"/documents/{kapuas_doc.pk}/comments/",
        {"body": "halo"},
        headers={"hx-request": "true", "hx-current-url": "http://testserver/regions/62.03/?q=a"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=%2Fregions%2F62.03%2F%3Fq%3Da"


def test_a_plain_request_after_the_session_ended_redirects_as_usual(client, kapuas_doc):
    response = client.post(f"/documents/{kapuas_doc.pk}/comments/", {"body": "halo"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/documents/")


# --- the rest of the walk ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/regions/62.03%00/", "/documents/1/%00", "/%00"])
def test_a_nul_byte_in_the_address_is_a_404(client, inspector, kapuas, path):
    client.force_login(inspector)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("name", ["📄.pdf", "(!).pdf", "...pdf.pdf"])
def test_a_valid_file_with_an_unusable_name_is_stored_under_a_fallback(
    client, kapuas_pic, kapuas_doc, name
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Evidence

    client.force_login(kapuas_pic)
    pdf = b"%PDF-1.4\n%%EOF\n"
    response = client.post(
        f"/documents/{kapuas_doc.pk}/evidence/",
        {"file": SimpleUploadedFile(name, pdf), "version": kapuas_doc.version},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(document=kapuas_doc)
    assert evidence.original_name.endswith(".pdf") and evidence.file.read() == pdf


def test_evidence_missing_on_disk_is_a_clear_404(client, kapuas_pic, kapuas_doc):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from documents.models import Evidence

    evidence = workflow.add_evidence(
        kapuas_doc,
        by=kapuas_pic,
        upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
        submit=False,
        expected_version=kapuas_doc.version,
    )
    evidence.file.storage.delete(evidence.file.name)
    client.force_login(kapuas_pic)
    client.raise_request_exception = False
    response = client.get(f"/evidence/{evidence.pk}/download/")
    assert response.status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_private_pages_are_neither_shared_nor_stored(client, inspector, checklist):
    client.force_login(inspector)
    response = client.get("/")
    assert response.status_code == 200
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }


def test_a_deactivated_persons_sessions_end_and_their_poll_stops(client, kapuas_pic, kapuas):
    from reports import live

    client.force_login(kapuas_pic)
    poll = live.poll_url(kapuas_pic, [kapuas.pk])
    assert client.get(poll).status_code in (200, 204)
    kapuas_pic.is_active = False
    kapuas_pic.save()
    assert client.get(poll).status_code == 286  # htmx stops polling
    assert client.get("/").status_code == 302  # and the next click asks for a login


def test_production_settings_pass_check_deploy_without_warnings():
    import os
    import secrets
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "mcsp.example.go.id",
        "SITE_URL": "https://mcsp.example.go.id",
        "EMAIL_URL": "smtp://mcsp:rahasia@mail.example.go.id:587?tls=1",
        "STATIC_HASHED": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by tests/e2e for Playwright, not production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_https_turns_on_hsts_secure_cookies_and_the_redirect():
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "SECRET_KEY": "k", "SITE_URL": "https://mcsp.example.go.id"}
    code = (
        "import mcsp_tracker.settings as s; print(s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "None"], result.stderr
