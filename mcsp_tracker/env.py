"""Typed readers for settings that come from the environment.

Each helper fails loudly (ImproperlyConfigured naming the variable) on a value it cannot
read, so a typo in a deployment stops the process at start instead of misbehaving later.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str, default: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Comma-separated addresses or networks (``10.0.0.2``, ``172.30.0.0/24``); ``*`` is all."""
    raw = os.environ.get(name, default)
    networks = []
    for item in (part.strip() for part in raw.split(",")):
        if item == "*":
            networks += [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
        elif item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                raise ImproperlyConfigured(
                    f"{name} must list IP addresses or networks; got {item!r}"
                ) from None
    return networks


def env_secret(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (Docker/Kubernetes secrets)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE points at {path!r}: {exc}") from None
    return os.environ.get(name, default)


def env_url(name: str, default: str, *, schemes: set[str]) -> str:
    value = os.environ.get(name, default)
    if value and urlsplit(value).scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}; got {value!r}")
    return value


def mailers_from_url(url: str, file_path: Path) -> dict[str, dict[str, object]]:
    """Turn EMAIL_URL into Django 6.1's MAILERS setting.

    smtp://user:pass@host:587?tls=1 (STARTTLS), smtps://…:465 (implicit TLS),
    console:// (print), or empty: write each message to a file under file_path.
    """
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": str(file_path)},
            }
        }
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must be smtp://, smtps:// or console://; got {url!r}"
        )
    query = parse_qs(parts.query)
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise ImproperlyConfigured(f"EMAIL_URL has a bad port: {url!r}") from None
    use_tls = query.get("tls", ["0"])[0].lower() in _TRUE
    if use_tls and parts.scheme == "smtps":
        raise ImproperlyConfigured("EMAIL_URL: use smtps:// or ?tls=1, not both")
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": port,
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_ssl": parts.scheme == "smtps",
                "use_tls": use_tls,
                "timeout": 20,
            },
        }
    }
