"""Prompt files and the drafting prompt's assembly within its token budget (LangChain fake models)."""

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.runnables import RunnableLambda
from pydantic import Field
from support.llm_cases import APPEAL, NOTICE, STORY

from poa.core.config import Settings
from poa.drafting.messages import build_messages, context_pieces
from poa.drafting.pipeline import draft_appeal
from poa.kb.retrieval import retrieve_context
from poa.llm.prompt_files import PromptError, load_prompt
from poa.reading.case import extract_case
from poa.reading.notice import parse_notice
from poa.text.tokens import count_tokens


class StructuredFakeChat(GenericFakeChatModel):
    """A LangChain fake chat model that also answers `with_structured_output`, recording inputs."""

    calls: list = Field(default_factory=list)

    def with_structured_output(self, schema, method=None, **kwargs):
        def run(messages):
            self.calls.append(messages)
            return schema.model_validate_json(self.invoke(messages).content)

        return RunnableLambda(run)


def _fake(*answers):
    return StructuredFakeChat(messages=iter(AIMessage(json.dumps(a)) for a in answers), calls=[])


def test_a_missing_or_unknown_variable_fails_naming_file_and_variable(tmp_path):
    (tmp_path / "p.md").write_text("Hello $name, your $thing")
    prompt = load_prompt(tmp_path, "p.md")
    with pytest.raises(PromptError, match=r"p\.md: missing variable\(s\) thing"):
        prompt.render(name="x")
    with pytest.raises(PromptError, match=r"p\.md: unknown variable\(s\) extra"):
        prompt.render(name="x", thing="y", extra="z")
    assert prompt.render(name="x", thing="y") == "Hello x, your y"


def test_shipped_prompts_render_with_the_variables_the_code_passes(indexed_settings):
    notice, case = parse_notice(NOTICE), extract_case(STORY)
    plan = build_messages(notice, case, "inappropriate_communication", None, indexed_settings)
    assert "$" not in plan.messages[0][1].replace("$$", "")
    assert plan.messages[1][1].count("(none)") == 3  # no retrieved context given


@pytest.fixture(scope="module")
def context(store):
    return retrieve_context(store, f"{NOTICE}\n{STORY}", "inappropriate_communication")


def test_everything_fits_a_generous_budget(indexed_settings, context):
    notice, case = parse_notice(NOTICE), extract_case(STORY)
    plan = build_messages(notice, case, "inappropriate_communication", context, indexed_settings)
    user = plan.messages[1][1]
    assert plan.dropped == [] and len(plan.kept) == len(context_pieces(context))
    assert "Why it was accepted" in user and "Why it was rejected" in user
    assert plan.tokens == count_tokens(plan.messages[0][1]) + count_tokens(user) + 16
    assert plan.tokens <= indexed_settings.context_tokens


def test_the_lowest_ranked_context_is_dropped_first(indexed_settings, context):
    notice, case = parse_notice(NOTICE), extract_case(STORY)
    pieces = context_pieces(context)
    full = build_messages(
        notice, case, "inappropriate_communication", context, indexed_settings
    ).tokens
    tight = Settings(
        POA_DATA_DIR=indexed_settings.data_dir, POA_CONTEXT_TOKENS=full - 400, _env_file=None
    )
    plan = build_messages(notice, case, "inappropriate_communication", context, tight)
    assert plan.tokens <= tight.context_tokens
    assert plan.dropped
    ranked = [p.label for p in sorted(pieces, key=lambda p: p.score)]
    assert plan.dropped == ranked[: len(plan.dropped)]
    assert all(label not in plan.dropped for label in plan.kept)


def test_an_overlong_story_is_shortened_to_fit(indexed_settings):
    notice = parse_notice(NOTICE)
    case = extract_case(STORY + " More detail." * 2000)
    tight = Settings(
        POA_DATA_DIR=indexed_settings.data_dir, POA_CONTEXT_TOKENS=1500, _env_file=None
    )
    plan = build_messages(notice, case, "inappropriate_communication", None, tight)
    assert plan.truncated == ["story"]
    assert plan.tokens <= 1500
    assert "Communication Guidelines" in plan.messages[1][1]  # the notice is kept whole


def test_one_llm_call_per_draft_with_retrieved_examples(indexed_settings, store):
    fake = _fake(APPEAL)
    result = draft_appeal(NOTICE, STORY, indexed_settings, store=store, chat_model=fake)
    assert len(fake.calls) == 1
    system, user = (message.content for message in fake.calls[0])
    assert "exactly ONE root cause" in system
    assert "appeals that were accepted" in user.lower() and "Why it was accepted" in user
    assert "John Smith" not in user
    assert (
        result.backend == "openai"
        and result.prompt_tokens == count_tokens(system) + count_tokens(user) + 16
    )
