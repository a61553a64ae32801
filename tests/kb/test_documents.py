import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from poa.core.config import PROJECT_ROOT
from poa.core.vocab import VIOLATION_TYPES
from poa.kb.documents import (
    CHUNK_TOKENS,
    KnowledgeError,
    chunk_texts,
    load_document,
    load_knowledge,
)
from poa.text.tokens import count_tokens

KNOWLEDGE = PROJECT_ROOT / "knowledge"
COVERED_TYPES = [t for t in VIOLATION_TYPES if t != "other"]
# Types the issue asks for at least two accepted and two rejected examples of.
MAIN_TYPES = [
    "review_manipulation",
    "inappropriate_communication",
    "off_platform_payment_or_diverting",
    "inauthentic",
    "intellectual_property",
    "performance_odr_late_shipment_cancellation",
]


@pytest.fixture(scope="module")
def documents():
    return load_knowledge(KNOWLEDGE)


def test_every_knowledge_file_is_valid(documents):
    assert len(documents) >= 80


@pytest.mark.parametrize("violation_type", COVERED_TYPES)
def test_every_violation_type_is_covered(documents, violation_type):
    kinds = Counter(d.kind for d in documents if d.meta.violation_type == violation_type)
    notice_kinds = {
        d.meta.notice_kind
        for d in documents
        if d.kind == "notice" and d.meta.violation_type == violation_type
    }
    assert kinds["policy"] >= 1
    assert kinds["playbook"] == 1
    assert "rejection" in notice_kinds and len(notice_kinds) >= 2, notice_kinds
    wanted = 2 if violation_type in MAIN_TYPES else 1
    assert kinds["accepted"] >= wanted
    assert kinds["rejected"] >= wanted


def test_review_manipulation_deactivation_carries_its_checklist(documents):
    notices = [
        d
        for d in documents
        if d.kind == "notice"
        and d.meta.violation_type == "review_manipulation"
        and d.meta.notice_kind == "deactivation"
    ]
    text = " ".join(d.body.lower() for d in notices)
    for item in ["third part", "contact", "customer accounts", "documentation", "days"]:
        assert item in text


def test_playbooks_carry_no_facts_of_their_own(documents):
    """The offline drafter copies playbook text into letters: facts must come from the seller."""
    for doc in documents:
        if doc.kind != "playbook":
            continue
        for cause in doc.meta.root_causes:
            texts = [cause.statement, *cause.immediate_actions]
            texts += [m.action for m in cause.preventive_measures]
            for text in texts:
                assert not re.search(r"\d", text), f"{doc.path} {cause.id}: {text}"


def test_rejected_examples_name_what_they_fail(documents):
    for doc in documents:
        if doc.kind == "rejected":
            assert doc.meta.annotation.fails, doc.path
        if doc.kind == "accepted":
            assert not doc.meta.annotation.fails, doc.path


def test_chunks_fit_the_embedding_model(documents):
    from poa.kb.embeddings import sentence_model

    tokenizer = sentence_model().tokenizer
    for doc in documents:
        for text in chunk_texts(doc):
            assert count_tokens(text) <= CHUNK_TOKENS + 40, doc.path
            assert len(tokenizer(text)["input_ids"]) <= 256, f"{doc.path} would be truncated"


# --- validation errors name the file and the field -------------------------------------------

GOOD_POLICY = """---
title: A policy
violation_type: review_manipulation
source: https://sellercentral.amazon.com/help/hub/reference/external/GYRKB5RU3FS5TURN
---
Body text.
"""


def _write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("relative", "text", "field"),
    [
        (
            "policies/x.md",
            GOOD_POLICY.replace("title: A policy", "title: A policy\nauthor: me"),
            "author",
        ),
        ("policies/x.md", GOOD_POLICY.replace("review_manipulation", "rudeness"), "violation_type"),
        ("policies/x.md", GOOD_POLICY.replace("https://sellercentral", "sellercentral"), "source"),
        ("policies/x.md", GOOD_POLICY.replace("title: A policy\n", ""), "title"),
        (
            "policies/x.md",
            GOOD_POLICY.replace("deadline", "").replace(
                "---\nBody", "deadline_days: soon\n---\nBody"
            ),
            "deadline_days",
        ),
        (
            "examples/rejected/x.md",
            GOOD_POLICY.replace(
                "---\nBody",
                "annotation:\n  outcome: rejected\n  why: three root causes are listed\n---\nBody",
            ),
            "annotation.fails",
        ),
        (
            "examples/accepted/x.md",
            GOOD_POLICY.replace(
                "---\nBody",
                "annotation:\n  outcome: rejected\n  why: three root causes are listed\n  fails: [single_root_cause]\n---\nBody",
            ),
            "annotation.outcome",
        ),
        (
            "examples/rejected/x.md",
            GOOD_POLICY.replace(
                "---\nBody",
                "annotation:\n  outcome: rejected\n  why: three root causes are listed\n  fails: [too_long]\n---\nBody",
            ),
            "annotation.fails",
        ),
        ("notices/x.md", GOOD_POLICY, "notice_kind"),
        ("playbooks/x.md", GOOD_POLICY, "questions"),
    ],
)
def test_bad_front_matter_names_file_and_field(tmp_path, relative, text, field):
    path = _write(tmp_path, relative, text)
    with pytest.raises(KnowledgeError) as caught:
        load_document(tmp_path, path)
    message = str(caught.value)
    assert message.startswith(relative)
    assert f"'{field}" in message


def test_missing_front_matter_and_unknown_folder_are_refused(tmp_path):
    with pytest.raises(KnowledgeError, match="front matter missing"):
        load_document(tmp_path, _write(tmp_path, "policies/y.md", "just text"))
    with pytest.raises(KnowledgeError, match="not in a known folder"):
        load_document(tmp_path, _write(tmp_path, "drafts/y.md", GOOD_POLICY))


def test_a_good_file_loads(tmp_path):
    doc = load_document(tmp_path, _write(tmp_path, "policies/x.md", GOOD_POLICY))
    assert doc.kind == "policy" and doc.path == "policies/x.md" and doc.body == "Body text.\n"


def test_a_copied_knowledge_folder_loads_in_full(tmp_path):
    shutil.copytree(KNOWLEDGE, tmp_path / "k")
    assert len(load_knowledge(tmp_path / "k")) == len(load_knowledge(KNOWLEDGE))
