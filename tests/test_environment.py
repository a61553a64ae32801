"""The venv is what `make` promises: CPU torch, no CUDA wheels, lazy CLI imports."""

import warnings
from importlib import metadata


def test_no_cuda_packages_in_the_venv():
    names = sorted(dist.metadata["Name"].lower() for dist in metadata.distributions())
    assert not [name for name in names if name.startswith("nvidia-")]


def test_torch_is_the_cpu_build():
    import torch

    assert torch.__version__.startswith("2.13.0")
    assert not torch.cuda.is_available()
    assert torch.version.cuda is None


def test_embedding_function_implements_chromas_interface(tmp_path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from poa.kb.embeddings import MiniLMEmbeddingFunction

    function = MiniLMEmbeddingFunction()
    assert not function.is_legacy()
    assert MiniLMEmbeddingFunction.name() == "poa-all-minilm-l6-v2"
    rebuilt = MiniLMEmbeddingFunction.build_from_config(function.get_config())
    assert rebuilt.get_config() == function.get_config()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no deprecation warnings from Chroma
        client = chromadb.PersistentClient(
            path=str(tmp_path / "c"), settings=ChromaSettings(anonymized_telemetry=False)
        )
        collection = client.create_collection("probe", embedding_function=function)
        collection.add(ids=["a"], documents=["a buyer asked for a refund outside Amazon"])
        # Reopened without passing a function, Chroma rebuilds ours from the stored config.
        reopened = client.get_collection("probe")
        hit = reopened.query(query_texts=["refund paid by PayPal"], n_results=1)
    assert hit["ids"] == [["a"]]
    vectors = function(["one", "two"])
    assert len(vectors) == 2 and len(vectors[0]) == 384
