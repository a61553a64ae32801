"""POA Assistant: drafts, scores and revises Amazon seller Plans of Action."""

__version__ = "0.1.0"
