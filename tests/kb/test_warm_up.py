"""The model can be loaded in the background, ahead of the turn that needs it."""

import threading


def test_the_warm_up_loads_the_model_on_a_daemon_thread():
    from poa.kb import embeddings

    thread = embeddings.warm_up_in_background()
    assert isinstance(thread, threading.Thread) and thread.daemon
    thread.join(timeout=120)
    assert not thread.is_alive()
    assert embeddings._model is not None  # the next embed() does not wait for a load
    assert embeddings.embed(["a late shipment"]).shape == (1, embeddings.DIMENSIONS)
