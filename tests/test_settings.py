"""settings.py reads the environment and refuses bad values loudly, at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mcsp_tracker.env import env_bool, env_int, mailers_from_url

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "REDIS_URL", "EMAIL_URL", "MAX_UPLOAD_MB"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import mcsp_tracker.settings as s; print(s.DEBUG, s.TIME_ZONE)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_without_secret_key_refuses_to_start():
    result = _load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_secret_key():
    result = _load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "Asia/Jakarta"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of"),
        ("MAX_UPLOAD_MB", "twenty", "MAX_UPLOAD_MB must be a whole number"),
        ("MAX_UPLOAD_MB", "0", "MAX_UPLOAD_MB must be at least 1"),
        ("DATABASE_URL", "mysql://localhost/x", "DATABASE_URL must start with one of"),
        ("EMAIL_URL", "ftp://mail", "EMAIL_URL must be smtp://"),
    ],
)
def test_bad_values_stop_the_process_with_the_variable_named(name, value, message):
    result = _load_settings(SECRET_KEY="k", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    result = subprocess.run(
        [sys.executable, "-c", "import mcsp_tracker.settings as s; print(s.SECRET_KEY)"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY_FILE": str(secret)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "from-a-file"


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    monkeypatch.setenv("X_NUM", "42")
    assert env_bool("X_FLAG") is True
    assert env_bool("X_MISSING", default=True) is True
    assert env_int("X_NUM", 1) == 42


def test_email_url_becomes_an_smtp_mailer(tmp_path):
    mailer = mailers_from_url(
        "smtp://mcsp%40kalteng:p%40ss@mail.kalteng.go.id:587?tls=1", tmp_path
    )["default"]
    assert mailer["BACKEND"].endswith("smtp.EmailBackend")
    assert mailer["OPTIONS"] == {
        "host": "mail.kalteng.go.id",
        "port": 587,
        "username": "mcsp@kalteng",
        "password": "p@ss",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 20,
    }
    assert mailers_from_url("", tmp_path)["default"]["OPTIONS"] == {"file_path": str(tmp_path)}


def test_the_defaults_match_the_design(settings):
    assert settings.TIME_ZONE == "Asia/Jakarta"
    assert settings.LANGUAGE_CODE == "id"
    assert "en" in dict(settings.LANGUAGES)
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_indonesian_unless_english_was_chosen(client, db):
    english_browser = {"Accept-Language": "en-US,en;q=0.9"}
    assert (
        "Nama pengguna" in client.get("/accounts/login/", headers=english_browser).content.decode()
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert "Username" in client.get("/accounts/login/").content.decode()


def test_offline_commands_run_without_the_secret_but_nothing_touching_data_does():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
    serve = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--plan"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert serve.returncode != 0
    assert "SECRET_KEY is not set" in serve.stderr
