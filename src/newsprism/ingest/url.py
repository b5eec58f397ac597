"""Fetching ``http(s)://`` inputs, safely.

A fetch has a timeout (``Settings.fetch_timeout``: for each network operation, and for
the whole of each response, so that a server dripping a byte at a time cannot hold a
fetch open), a size cap
(``Settings.max_fetch_bytes``), an identifying User-Agent, and follows at most
``MAX_REDIRECTS`` redirects. Unless ``Settings.allow_private`` is set, it refuses
(:class:`~newsprism.errors.FetchRefused`) any address that is not public -- private,
loopback, link-local, multicast, reserved -- checked on the addresses the host name
resolves to, for the first request and for every redirect; the connection goes to the
address that was checked, so a second DNS answer cannot swap it (DNS rebinding).
Proxies from the environment are not used.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .._version import __version__
from ..errors import FetchRefused, UnreadableInput
from ..settings import Settings

__all__ = ["USER_AGENT", "Fetched", "fetch"]

log = logging.getLogger(__name__)

USER_AGENT = f"newsprism/{__version__} (news comparison; +https://pypi.org/project/newsprism/)"
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched resource: the final URL after redirects, its Content-Type and body."""

    url: str
    content_type: str
    body: bytes


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _resolve(url: str, host: str, port: int, *, settings: Settings) -> list[tuple]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as err:
        raise UnreadableInput(url, f"cannot resolve {host} ({err.strerror or err})") from err
    if not settings.allow_private:
        for info in infos:
            address = str(info[4][0])
            if not _is_public(address):
                raise FetchRefused(
                    url,
                    f"{host} resolves to the non-public address {address} "
                    "(use --allow-private to fetch it)",
                )
    return infos


def _connect(infos: list[tuple], timeout: float) -> socket.socket:
    last: OSError | None = None
    for family, kind, proto, _, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
        except OSError as err:
            sock.close()
            last = err
            continue
        return sock
    raise last or OSError("no address to connect to")


class _Connection(http.client.HTTPConnection):
    """An HTTP connection to addresses resolved and checked beforehand."""

    def __init__(self, host: str, port: int, *, infos: list[tuple], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._infos = infos

    def connect(self) -> None:
        self.sock = _connect(self._infos, self.timeout or 20.0)


class _TLSConnection(http.client.HTTPSConnection):
    """The same over TLS, verifying the certificate against the host name."""

    def __init__(self, host: str, port: int, *, infos: list[tuple], timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._infos = infos

    def connect(self) -> None:
        sock = _connect(self._infos, self.timeout or 20.0)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _get(url: str, *, settings: Settings) -> tuple[int, str, str, bytes]:
    """One GET without following redirects: status, Location, Content-Type, body."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchRefused(url, "only http:// and https:// URLs are fetched")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    infos = _resolve(url, parts.hostname, port, settings=settings)
    cls = _TLSConnection if parts.scheme == "https" else _Connection
    conn = cls(parts.hostname, port, infos=infos, timeout=settings.fetch_timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    limit = settings.max_fetch_bytes
    deadline = time.monotonic() + settings.fetch_timeout
    try:
        conn.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/json,text/plain;q=0.9,*/*;q=0.5",
                "Accept-Encoding": "identity",
            },
        )
        response = conn.getresponse()
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > limit:
            raise UnreadableInput(url, f"larger than the {limit:,}-byte limit (max_fetch_bytes)")
        body = _read_body(response, url=url, limit=limit, deadline=deadline, settings=settings)
        return (
            response.status,
            response.getheader("Location") or "",
            response.getheader("Content-Type") or "",
            body,
        )
    except (OSError, http.client.HTTPException) as err:
        raise UnreadableInput(url, f"fetch failed ({type(err).__name__}: {err})") from err
    finally:
        conn.close()


def _read_body(
    response: http.client.HTTPResponse,
    *,
    url: str,
    limit: int,
    deadline: float,
    settings: Settings,
) -> bytes:
    """The body as it arrives, refused past ``limit`` bytes or past ``deadline``."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise UnreadableInput(url, f"larger than the {limit:,}-byte limit (max_fetch_bytes)")
        if time.monotonic() > deadline:
            raise UnreadableInput(
                url, f"took longer than {settings.fetch_timeout:g} s (fetch_timeout)"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, *, settings: Settings) -> Fetched:
    """GET ``url``, following redirects, under the policy of the module docstring.

    Raises:
        FetchRefused: the URL or a redirect points at a non-public address (without
            ``allow_private``), or is not http(s).
        UnreadableInput: the fetch failed, timed out, was too large, too many
            redirects, or the server answered with an error status.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, content_type, body = _get(current, settings=settings)
        if status in _REDIRECTS and location:
            current = urljoin(current, location)
            log.debug("redirected to %s", current)
            continue
        if status >= 400:
            raise UnreadableInput(url, f"the server answered HTTP {status}")
        return Fetched(current, content_type, body)
    raise UnreadableInput(url, f"more than {MAX_REDIRECTS} redirects")
