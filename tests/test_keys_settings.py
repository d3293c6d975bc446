"""Issue 14: environment spellings, weak and conflicting keys, secrets kept out of messages, the key command."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT
from pydantic import ValidationError

from planqa.settings import Settings
from qa_service.security import ConfigurationError, KeyRing, hash_key

STRONG = "k3y-0123456789-abcdefghijkl"


@pytest.mark.parametrize("spelling", ["production", "Production", "PRODUCTION", " production "])
def test_production_spellings_all_mean_production(spelling, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANQA_ENVIRONMENT", spelling)
    assert Settings(data_dir=tmp_path).environment == "production"
    with pytest.raises(ConfigurationError, match="admin key"):
        KeyRing.from_settings(Settings(data_dir=tmp_path))


@pytest.mark.parametrize("spelling", ["prod", "dev", "staging", "", "productionn"])
def test_unknown_environment_is_an_error_at_start(spelling, monkeypatch, tmp_path):
    monkeypatch.setenv("PLANQA_ENVIRONMENT", spelling)
    with pytest.raises(ValidationError, match="development or production"):
        Settings(data_dir=tmp_path)
    # model_copy() skips validation; the key ring checks the spelling again.
    with pytest.raises(ConfigurationError, match="development or production"):
        KeyRing.from_settings(Settings.model_construct(environment=spelling, api_keys="", anonymous_read=True))


@pytest.mark.parametrize("weak", ["a", "123456", "admin123", "changeme", "password", ""])
def test_production_refuses_weak_admin_keys(settings, weak):
    s = settings.model_copy(update={"environment": "production", "api_keys": f"admin:sha256:{hash_key(weak)}"})
    with pytest.raises(ConfigurationError, match="common admin key"):
        KeyRing.from_settings(s)
    ok = settings.model_copy(update={"environment": "production", "api_keys": f"admin:sha256:{hash_key(STRONG)}"})
    assert KeyRing.from_settings(ok).role_of(STRONG) == "admin"


def test_conflicting_roles_for_one_key_are_an_error(settings):
    h = hash_key(STRONG)
    for entries in (f"admin:sha256:{h},reader:sha256:{h}", f"reader:sha256:{h},admin:sha256:{h.upper()}"):
        with pytest.raises(ConfigurationError, match="earlier entry"):
            KeyRing.from_settings(settings.model_copy(update={"api_keys": entries}))
    same = f"admin:sha256:{h},admin:sha256:{h}"
    assert KeyRing.from_settings(settings.model_copy(update={"api_keys": same})).role_of(STRONG) == "admin"


def test_malformed_entry_is_reported_without_its_secret(settings):
    secret = "my-plain-text-secret-key"
    for entries in (f"admin:{secret}", f"reader:sha256:{hash_key(STRONG)},{secret}", f"admin:sha256:{'z' * 64}"):
        with pytest.raises(ConfigurationError) as caught:
            KeyRing.from_settings(settings.model_copy(update={"api_keys": entries}))
        assert secret not in str(caught.value) and "zzz" not in str(caught.value)
        assert re.search(r"entry #\d", str(caught.value))


def test_keys_are_secret_strings(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANQA_API_KEYS", f"admin:sha256:{hash_key(STRONG)}")
    monkeypatch.setenv("PLANQA_LLM_API_KEY", "llm-secret")
    s = Settings(data_dir=tmp_path)
    assert hash_key(STRONG) not in repr(s) and "llm-secret" not in repr(s)
    assert KeyRing.from_settings(s).role_of(STRONG) == "admin"


def _planqa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "planqa_cli.main", *args], capture_output=True, text=True, cwd=ROOT)


def test_readme_key_command_runs_as_written():
    line = next(line for line in (ROOT / "README.md").read_text().splitlines() if "planqa keys hash" in line)
    command = line.split("planqa", 1)[1].split("#")[0].split()
    command = [STRONG if part in ("[KEY]", "KEY") else part for part in command]
    done = _planqa(*command)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"admin:sha256:{hash_key(STRONG)}"


def test_key_command_accepts_options_before_or_after_the_key():
    expected = f"admin:sha256:{hash_key(STRONG)}"
    assert _planqa("keys", "hash", "--role", "admin", STRONG).stdout.strip() == expected
    assert _planqa("keys", "hash", STRONG, "--role", "admin").stdout.strip() == expected
    weak = _planqa("keys", "hash", "--role", "admin", "admin123")
    assert weak.returncode == 2 and "24 characters" in weak.stderr and not weak.stdout
    made = _planqa("keys", "hash", "--role", "admin")
    assert made.returncode == 0 and made.stdout.startswith("admin:sha256:")
    assert _planqa("keys", "hash", "one", "two").returncode == 2
