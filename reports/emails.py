"""Every email is a template triplet, built here (STYLE.md item 12).

``templates/emails/<name>-subject.txt``, ``<name>-body.txt`` and ``<name>-body.html``. The HTML
part carries its styles inline (mail clients drop <style> and never load our CSS) and no
external images; bar charts are HTML tables. One function builds a message; the digests,
reminders and notices modules each have one small function per kind of email that gathers
the context and calls it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def render(name: str, context: dict, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of one email, in the recipient's language."""
    context = {"site_url": settings.SITE_URL, "language": language, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/{name}-subject.txt", context)
        text = render_to_string(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    # A subject is one line: templates may wrap for readability.
    return " ".join(subject.split()), _tidy(text), html


def _tidy(text: str) -> str:
    """Template tags leave runs of blank lines in the text part; keep at most one."""
    lines = [line.rstrip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def message(
    name: str,
    context: dict,
    *,
    to: str,
    language: str,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    subject, text, html = render(name, context, language)
    msg = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
    )
    msg.attach_alternative(html, "text/html")
    return msg
