"""Fixtures of the app's tests."""

import shutil

import pytest


@pytest.fixture
def data_dir(tmp_path, indexed_settings, monkeypatch):
    """A fresh data dir holding a copy of the session's index, for the app to read and write."""
    shutil.copytree(indexed_settings.chroma_path, tmp_path / "app-data" / "chroma")
    monkeypatch.setenv("POA_DATA_DIR", str(tmp_path / "app-data"))
    from support.app_cache import clear_app_caches

    clear_app_caches()
    return tmp_path / "app-data"
