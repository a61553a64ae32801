"""Settings from the environment and `.env`: standard OPENAI_* names first, our own under POA_."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from poa.core.errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parents[3]


class SettingsError(UserError):
    """A setting has an invalid value; the message names it in one line."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    openai_api_key: SecretStr | None = Field(None, alias="OPENAI_API_KEY")
    openai_base_url: str | None = Field(None, alias="OPENAI_BASE_URL")
    openai_model: str = Field("gpt-4o-mini", alias="OPENAI_MODEL", min_length=1)

    backend: Literal["auto", "offline", "openai"] = Field("auto", alias="POA_BACKEND")
    data_dir: Path = Field(Path(".poa"), alias="POA_DATA_DIR")
    knowledge_dir: Path = Field(PROJECT_ROOT / "knowledge", alias="POA_KNOWLEDGE_DIR")
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", alias="POA_PROMPTS_DIR")
    evals_dir: Path = Field(PROJECT_ROOT / "evals", alias="POA_EVALS_DIR")
    chroma_host: str | None = Field(None, alias="POA_CHROMA_HOST")
    chroma_port: int = Field(8000, alias="POA_CHROMA_PORT", ge=1, le=65535)
    collection: str = Field(
        "poa_knowledge",
        alias="POA_COLLECTION",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,510}[A-Za-z0-9]$",
    )
    char_limit: int = Field(6000, alias="POA_CHAR_LIMIT", ge=500, le=100_000)
    # per box of Amazon's appeal form: an estimate, Amazon publishes no number (drafting/boxes.py)
    box_char_limit: int = Field(2000, alias="POA_BOX_CHAR_LIMIT", ge=200, le=100_000)
    context_tokens: int = Field(6000, alias="POA_CONTEXT_TOKENS", ge=1500, le=200_000)
    input_limit: int = Field(30_000, alias="POA_INPUT_LIMIT", ge=1000)
    llm_timeout: float = Field(60.0, alias="POA_LLM_TIMEOUT", gt=0)
    llm_max_retries: int = Field(2, alias="POA_LLM_MAX_RETRIES", ge=0, le=10)

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "poa.sqlite3"

    @property
    def llm_configured(self) -> bool:
        """An LLM is used when a key or a custom OpenAI-compatible endpoint is set."""
        if self.backend == "offline":
            return False
        return self.openai_api_key is not None or self.openai_base_url is not None


def load_settings(**overrides: object) -> Settings:
    """Read settings; an invalid value, or a .env that is not UTF-8 text, raises SettingsError
    naming the variable or the file."""
    env_file = overrides.get("_env_file", Settings.model_config["env_file"])
    try:
        return Settings(**overrides)
    except UnicodeDecodeError:
        raise SettingsError(f"{env_file} is not UTF-8 text; fix or delete it.") from None
    except OSError as error:
        raise SettingsError(f"Cannot read {env_file}: {error.strerror or error}.") from None
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "settings"
        field = Settings.model_fields.get(name)
        variable = field.alias if field and field.alias else name
        raise SettingsError(f"Invalid setting {variable}: {first['msg']}") from None
