from pathlib import Path

import pytest

from poa.core.config import SettingsError, load_settings


def test_defaults_are_offline_and_local(monkeypatch):
    monkeypatch.delenv("POA_DATA_DIR")
    settings = load_settings()
    assert settings.data_dir == Path(".poa")
    assert settings.char_limit == 6000
    assert settings.context_tokens == 6000
    assert settings.chroma_host is None
    assert not settings.llm_configured


def test_env_file_is_read(tmp_path, monkeypatch):
    monkeypatch.delenv("POA_DATA_DIR")
    (tmp_path / ".env").write_text(
        "POA_CHAR_LIMIT=4000\nOPENAI_MODEL=gpt-test\nPOA_DATA_DIR=elsewhere\n"
    )
    settings = load_settings()
    assert settings.char_limit == 4000
    assert settings.openai_model == "gpt-test"
    assert settings.data_dir == Path("elsewhere")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("POA_CHAR_LIMIT", "lots"),
        ("POA_CHROMA_PORT", "99999"),
        ("POA_CONTEXT_TOKENS", "10"),
        ("POA_BACKEND", "claude"),
        ("POA_COLLECTION", "x"),
    ],
)
def test_invalid_value_names_the_setting_in_one_line(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert variable in message
    assert "\n" not in message


def test_llm_is_configured_by_key_or_endpoint(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert load_settings().llm_configured
    monkeypatch.setenv("POA_BACKEND", "offline")
    assert not load_settings().llm_configured
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("POA_BACKEND")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1")
    assert load_settings().llm_configured


def test_api_key_is_never_printed(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret-value")
    assert "sk-secret-value" not in repr(load_settings())


def test_env_file_that_is_not_utf8_is_one_line_naming_it(tmp_path, monkeypatch):
    (tmp_path / ".env").write_bytes(b"POA_CHAR_LIMIT=4000\nNAME=caf\xe9\n")  # Latin-1, not UTF-8
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == ".env is not UTF-8 text; fix or delete it."
