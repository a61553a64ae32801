"""Shared inputs for the LLM tests: a notice, a story with buyer data, and the appeal a model returns."""

from poa.core.config import Settings

NOTICE = (
    "Hello,\n\nWe found a message sent to the buyer of order 112-4820193-5561027 that violates our "
    "Communication Guidelines. Please send a plan of action that explains the root cause, the actions "
    "you have taken, and the steps you will take to prevent this.\n\nSeller Performance Team"
)


STORY = (
    "Our virtual assistant replied to the buyer John Smith (john.smith@example.com) on order "
    "112-4820193-5561027 on March 2, 2025 with insults. Nobody reviewed his replies before they were sent. "
    "On March 4, 2025 we removed his access to buyer messages. From March 5, 2025 our customer service "
    "lead reviews every reply to a complaint before it is sent. We have a screenshot of the removed "
    "user permission."
)


APPEAL = {
    "topic": None,
    "incident": {
        "summary": "On 2 March 2025 our virtual assistant sent an insulting reply on order 112-4820193-5561027.",
        "policy": "Buyer-Seller Communication Guidelines",
        "order_ids": ["112-4820193-5561027"],
        "asins": [],
        "dates": ["2025-03-02"],
    },
    "root_cause": "Our virtual assistant answered complaints alone and no one reviewed his replies before sending.",
    "immediate_actions": [
        {
            "action": "Removed his access to buyer messages",
            "date": "March 4, 2025",
            "confirmed": True,
        }
    ],
    "preventive_measures": [
        {
            "action": "Every reply to a complaint is reviewed by the customer service lead before it is sent",
            "owner": "customer service lead",
            "frequency": "every complaint",
            "start_date": "2025-03-05",
            "answers": "no one reviewed replies before sending",
        }
    ],
    "violation_type": "inappropriate_communication",
    "additional_topics": [],
    "requested_information": [],
    "evidence": ["Screenshot of the removed user permission"],
    "closing": "We can provide the records above on request.",
    "language": "en",
}


FAST_RETRY = {"retry-after-ms": "10"}


SCHEMA_UNSUPPORTED = "response_format json_schema is not supported by this model"


def llm_settings(server, **extra) -> Settings:
    """Settings that point the real ChatOpenAI client at the local scripted server."""
    values = {
        "OPENAI_API_KEY": "sk-test",
        "OPENAI_BASE_URL": server.base_url,
        "POA_LLM_MAX_RETRIES": 2,
    }
    return Settings(_env_file=None, **(values | extra))
