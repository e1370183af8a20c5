"""Free TCP ports on 127.0.0.1 for the servers a test run starts."""

import socket


def free_port() -> int:
    """A port nothing listens on now (the kernel's pick; a server may still take it first)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def in_use(port: int) -> bool:
    """Whether something already listens on 127.0.0.1:`port`."""
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
