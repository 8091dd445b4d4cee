"""Fixtures: the sample store served by ``kg serve``'s server on a free loopback port."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from kg.server.engine import Limits
from kg.server.http import ServedOxigraphStore, build_server
from kg.store.oxigraph import OxigraphStore
from tests.server.sample import sample_store

Serve = Callable[[Limits], str]


@pytest.fixture(scope="session")
def store() -> Iterator[OxigraphStore]:
    """The sample dataset, in memory."""
    s = sample_store(cls=ServedOxigraphStore)
    yield s
    s.close()


@pytest.fixture(scope="session")
def serve(store: OxigraphStore) -> Iterator[Serve]:
    """Start a server over the sample store with the given limits; its base URL."""
    servers = []

    def start(limits: Limits) -> str:
        server = build_server(store, "127.0.0.1", 0, limits, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(serve: Serve) -> str:
    """A server with the default limits."""
    return serve(Limits())
