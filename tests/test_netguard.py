import socket
import subprocess
import sys

import poa_netguard
import pytest
from support.env import subprocess_env


def test_connecting_outside_loopback_fails_and_is_recorded():
    before = len(poa_netguard.ATTEMPTS)
    with (
        pytest.raises(poa_netguard.NetworkBlocked),
        socket.create_connection(("10.255.255.1", 80), timeout=1),
    ):
        pass
    with pytest.raises(poa_netguard.NetworkBlocked):
        socket.getaddrinfo("api.openai.com", 443)
    assert len(poa_netguard.ATTEMPTS) == before + 2
    del poa_netguard.ATTEMPTS[before:]  # expected here; any other test that does this fails


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with socket.create_connection(server.getsockname(), timeout=1):
        pass
    server.close()


def test_subprocesses_get_the_guard():
    code = "import socket\ntry:\n    socket.getaddrinfo('pypi.org', 443)\nexcept OSError as e:\n    print(type(e).__name__)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=subprocess_env()
    )
    assert result.stdout.strip() == "NetworkBlocked"
