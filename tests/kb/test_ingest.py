import pytest
from support.kb_factory import make_knowledge

from poa.core.config import Settings
from poa.kb.documents import KnowledgeError
from poa.kb.ingest import ingest
from poa.kb.store import KnowledgeStore


@pytest.fixture
def settings(tmp_path):
    return Settings(
        POA_DATA_DIR=tmp_path / "data",
        POA_KNOWLEDGE_DIR=make_knowledge(tmp_path / "k"),
        _env_file=None,
    )


def test_second_run_adds_nothing(settings):
    first = ingest(settings, progress=False)
    assert (first.added, first.updated, first.removed, first.unchanged) == (5, 0, 0, 0)
    assert first.chunks >= 5
    second = ingest(settings, progress=False)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 5)
    assert second.chunks == first.chunks


def test_edited_file_is_replaced_and_deleted_file_removed(settings):
    ingest(settings, progress=False)
    root = settings.knowledge_dir
    edited = root / "policies/inappropriate_communication.md"
    edited.write_text(edited.read_text().replace("must stay polite", "must never threaten a buyer"))
    (root / "notices/review_manipulation-warning.md").unlink()

    summary = ingest(settings, progress=False)
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 1, 3)

    store = KnowledgeStore(settings)
    hashes = store.indexed_hashes()
    assert "notices/review_manipulation-warning.md" not in hashes
    top = store.search("threaten a buyer", k=1)[0]
    assert top.path == "policies/inappropriate_communication.md"
    assert "never threaten" in top.text


def test_invalid_file_fails_naming_it_and_changes_nothing(settings):
    ingest(settings, progress=False)
    before = KnowledgeStore(settings).indexed_hashes()
    bad = settings.knowledge_dir / "policies/bad.md"
    bad.write_text(
        "---\ntitle: Bad\nviolation_type: nonsense\nsource: https://example.com\n---\nx\n"
    )
    (settings.knowledge_dir / "policies/review_manipulation.md").write_text(
        "changed without front matter"
    )
    with pytest.raises(KnowledgeError, match=r"^policies/bad.md: field 'violation_type'"):
        ingest(settings, progress=False)
    assert KnowledgeStore(settings).indexed_hashes() == before


def test_rebuild_re_embeds_everything(settings):
    ingest(settings, progress=False)
    rebuilt = ingest(settings, rebuild=True, progress=False)
    assert (rebuilt.added, rebuilt.unchanged) == (5, 0)
