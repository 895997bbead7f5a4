"""Static files as production serves them: DEBUG off, collectstatic run, WhiteNoise in gunicorn.

Every asset the login page and the dashboard link must come back 200 with the right type,
under a content-hashed name with a long cache lifetime, and compressed on request. The rest of
the suite keeps the plain storage (STATIC_HASHED unset) and never needs collectstatic.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client

from mcsp_tracker import clientip

TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
HASHED = re.compile(r"\.[0-9a-f]{12}\.\w+$")


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        url = attrs.get("src") if tag == "script" else attrs.get("href") if tag == "link" else None
        if url and url.startswith("/static/"):
            self.urls.append(url)


def _assets(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.urls


@pytest.fixture
def served(settings, tmp_path):
    """The production configuration: DEBUG off, hashed storage, files collected."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Client()  # a new handler: WhiteNoise indexes the collected files when it starts


def _check_served(client: Client, url: str) -> None:
    assert HASHED.search(url), f"{url} has no content hash"
    response = client.get(url)
    assert response.status_code == 200, url
    suffix = url[url.rindex(".") :]
    assert response["Content-Type"].startswith(TYPES[suffix]), (url, response["Content-Type"])
    assert "max-age=315360000" in response["Cache-Control"], response["Cache-Control"]
    assert b"".join(response.streaming_content)
    if suffix in (".css", ".js"):
        zipped = client.get(url, headers={"accept-encoding": "gzip"})
        assert zipped["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_every_asset_of_the_login_page_is_served_with_debug_off(served):
    response = served.get("/accounts/login/")
    assert response.status_code == 200
    urls = _assets(response.content.decode())
    assert {u.split("/")[2] for u in urls} >= {"css", "js", "vendor"}
    for url in urls:
        _check_served(served, url)


def test_every_asset_of_the_dashboard_is_served_with_debug_off(served, inspector, checklist):
    served.force_login(inspector)
    response = served.get("/")
    assert response.status_code == 200
    urls = _assets(response.content.decode())
    assert any("htmx" in u for u in urls) and any("app." in u for u in urls)
    for url in urls:
        _check_served(served, url)


@pytest.mark.django_db
def test_an_unknown_static_file_is_a_404_not_a_page(served):
    assert served.get("/static/css/nothing.css").status_code == 404


@pytest.mark.django_db
def test_the_suite_itself_needs_no_collectstatic(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/static/css/app.css" in html  # plain names: the hashed storage is only where served


# --- the client's address behind the proxy -----------------------------------------------------


class _Request:
    def __init__(self, remote: str, forwarded: str | None = None):
        self.META = {"REMOTE_ADDR": remote}
        if forwarded is not None:
            self.META["HTTP_X_FORWARDED_FOR"] = forwarded


@pytest.fixture
def behind_proxy(settings):
    import ipaddress

    settings.FORWARDED_ALLOW_IPS = [ipaddress.ip_network("172.30.0.2/32")]


def test_the_client_address_comes_from_the_proxy_header(behind_proxy):
    assert clientip.client_ip(_Request("172.30.0.2", "203.0.113.9")) == "203.0.113.9"


def test_a_forged_header_sent_through_the_proxy_is_ignored(behind_proxy):
    # Caddy appends the real peer; whatever the client wrote comes before it.
    request = _Request("172.30.0.2", "10.9.9.9, 203.0.113.9")
    assert clientip.client_ip(request) == "203.0.113.9"


def test_a_header_from_anyone_but_the_proxy_is_ignored(behind_proxy):
    assert clientip.client_ip(_Request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_a_garbled_header_falls_back_to_the_proxy_hop(behind_proxy):
    assert clientip.client_ip(_Request("172.30.0.2", "not-an-ip")) == "172.30.0.2"
