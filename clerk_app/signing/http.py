"""One aiohttp session per signing/verification run, over one SSL context per process.

pyHanko's default for the TSA client and certvalidator's fetchers is a fresh session per
request, each building an SSL context from certifi's bundle: ~40 ms of the ≈100 ms a B-T
signature takes outside the card (measured with cProfile, two TSA requests per signature).
Passing our own session makes the second request reuse the connection, and the context is
made once.
"""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache

import aiohttp


@cache
def ssl_context() -> ssl.SSLContext:
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with requests
        return ssl.create_default_context()


@asynccontextmanager
async def http_session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ssl_context())) as session:
        yield session
