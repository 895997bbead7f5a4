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
