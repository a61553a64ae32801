"""Refuse any socket to a non-loopback address, in tests and in the processes they start.

`install()` patches socket connect and name resolution. Each refused attempt is recorded in
`ATTEMPTS` (so a library that swallows the error still fails the test) and raises
`NetworkBlocked`. Subprocesses get the same guard through `sitecustomize.py` in this folder,
put on PYTHONPATH by the tests.
"""

from __future__ import annotations

import ipaddress
import socket

ATTEMPTS: list[str] = []
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


class NetworkBlocked(OSError):
    pass


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return True  # AF_UNIX paths and other non-IP addresses
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    ATTEMPTS.append(what)
    raise NetworkBlocked(f"network access outside 127.0.0.1 is not allowed in tests: {what}")


def install() -> None:
    if getattr(socket, "_poa_guarded", False):
        return
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            _refuse(f"connect {address!r}")
        return original_connect(self, address)

    def connect_ex(self: socket.socket, address: object) -> int:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(host):
            _refuse(f"connect_ex {address!r}")
        return original_connect_ex(self, address)

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> list:
        name = host.decode() if isinstance(host, bytes) else host
        if name is not None and not _is_loopback(name):
            _refuse(f"resolve {name!r}")
        return original_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo  # type: ignore[assignment]
    socket._poa_guarded = True  # type: ignore[attr-defined]
