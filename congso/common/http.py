"""Request helpers shared by every app: the client's address and the request-body guard.

`client_address` decides once who is on the other end of a request. Behind the documented
nginx every connection comes from the proxy (127.0.0.1), so the proxy's headers are read, but
only when the connection itself comes from a trusted proxy (`CONGSO_TRUSTED_PROXIES`, default
loopback); anyone else could write any `X-Real-IP` they like. django-axes (login lock-out),
the survey rate limits and the receipt look-up limit all use this one function.

`body_guard` and `read_json` refuse a body by content type and size before it is read or
parsed (415, 413, 422 with a Vietnamese message), for the public operations that read their
body themselves (survey ratings, citizen reports).
"""

from __future__ import annotations

import ipaddress
import json
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[_Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


@lru_cache(maxsize=4096)
def _parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address in a header or REMOTE_ADDR, or None; cached (the same few proxies and
    clients come back on every request)."""
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:443"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


@lru_cache(maxsize=4096)
def _trusted(address, networks: tuple[_Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request: HttpRequest) -> str:
    """The client's IP address: the socket's peer, or, when the peer is a trusted proxy, the
    address the proxy reports (`X-Real-IP`, else the nearest untrusted hop of
    `X-Forwarded-For`). A malformed header is ignored, never trusted."""
    meta = request.META
    remote = _parse_ip(meta.get("REMOTE_ADDR", ""))
    if remote is None:
        return meta.get("REMOTE_ADDR", "")[:45]
    networks = _networks(tuple(getattr(settings, "CONGSO_TRUSTED_PROXIES", ())))
    if not _trusted(remote, networks):
        return str(remote)
    real = _parse_ip(meta.get("HTTP_X_REAL_IP", ""))
    if real is not None:
        return str(real)
    # X-Forwarded-For: "client, proxy1, proxy2"; each proxy appends the peer it saw. Walk from
    # the right past our own proxies; the first other hop is the client as far as we know.
    hops = [hop for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse_ip(hop)
        if address is None:
            break
        if not _trusted(address, networks):
            return str(address)
    return str(remote)


class BodyRefused(Exception):
    """A request body refused before or while reading it; `status` is 413, 415 or 422."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB".replace(".", ",")
    return f"{limit // 1024} KB"


def too_large(limit: int) -> BodyRefused:
    return BodyRefused(
        413, _("Dữ liệu gửi lên quá lớn (tối đa %(size)s).") % {"size": _size_text(limit)}
    )


def body_guard(request: HttpRequest, *, limit: int, content_types: tuple[str, ...]) -> str:
    """Check the declared content type and length before anything reads the body; return the
    media type. A multipart body must name its boundary (Django's parser would fail with a 500
    otherwise)."""
    header = request.META.get("CONTENT_TYPE", "")
    media_type = header.split(";")[0].strip().lower()
    if media_type not in content_types:
        raise BodyRefused(
            415,
            _("Dữ liệu phải gửi dạng %(types)s.") % {"types": _(" hoặc ").join(content_types)},
        )
    if media_type.startswith("multipart/") and not multipart_boundary_ok(header):
        raise BodyRefused(422, _("Dữ liệu multipart thiếu hoặc sai boundary."))
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > limit:
        raise too_large(limit)
    return media_type


def multipart_boundary_ok(content_type_header: str) -> bool:
    """True when a multipart Content-Type names a usable boundary (RFC 2046: 1–70 chars)."""
    for part in content_type_header.split(";")[1:]:
        name, _sep, value = part.strip().partition("=")
        if name.strip().lower() == "boundary":
            value = value.strip().strip('"')
            return 0 < len(value) <= 70
    return False


def read_json(request: HttpRequest, *, limit: int) -> Any:
    """Read at most `limit` bytes and parse them as JSON (call `body_guard` first)."""
    raw = request.read(limit + 1)
    if len(raw) > limit:
        raise too_large(limit)
    try:
        return json.loads(raw.decode("utf-8") or "null")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BodyRefused(422, _("Dữ liệu gửi lên không phải JSON hợp lệ.")) from None
