"""No network while the package is read: validate, build, diff and ids refuse every outgoing connection.

A descriptor could name a remote schema, dialect or profile; the descriptor rules refuse those by name, and this
guard makes sure nothing else does it either (a library's own fetch, a plugin). It is installed in every process
that reads the package: the command itself, the validator's workers, MkDocs and the render worker. Listening on
the loopback address (`lunar-atlas serve`) stays possible; connecting anywhere, and looking up any host name, is not.

    python -m lunar_atlas.offline MODULE ARGS...   runs MODULE as __main__ with the guard installed
"""

from __future__ import annotations

import ipaddress
import runpy
import socket
import sys

LOCAL_NAMES = {"localhost", "", None}


class NetworkRefused(ConnectionRefusedError):
    pass


def _refuse(*args, **kwargs):
    raise NetworkRefused("no network access while reading the package: nothing is fetched")


def _is_literal_or_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in LOCAL_NAMES:
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def forbid_network() -> None:
    """From now on this process connects nowhere and resolves no host name (a bound listener still works)."""
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if not _is_literal_or_local(host):
            _refuse()
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse()
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _refuse()
        return real_connect_ex(self, address)

    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = socket.gethostbyname_ex = _refuse
    socket.create_connection = _refuse
    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex


if __name__ == "__main__":
    forbid_network()
    module, sys.argv = sys.argv[1], sys.argv[1:]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
