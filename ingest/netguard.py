"""Refusing addresses a page must not make the crawler reach: loopback, private, link-local.

A portal page is untrusted input. If a crawl fetched whatever a page links to (attachments are
fetched from other hosts too: upload and CDN hosts), a page could point it at
``http://169.254.169.254/`` (cloud metadata), ``http://localhost:8080/admin`` or a machine on
the archivist's own network, and the response would land in the archive. So every host that the
operator did not name (start URLs, URL lists, sitemap addresses) is resolved before each request,
redirect hops included, and refused when any of its addresses is not a global one — unless
``--allow-private`` is given (the tests serve their portals on 127.0.0.1 under other names).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit


def non_global_reason(host: str) -> str | None:
    """Why ``host`` must not be fetched (its address is loopback/private/link-local/…), or None.

    A name that does not resolve is let through: the fetch fails on its own with a clearer
    message.
    """
    host = host.strip("[]")
    try:
        addrs = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError, OSError):
            return None
        addrs = set()
        for info in infos:
            try:
                addrs.add(ipaddress.ip_address(info[4][0].split("%", 1)[0]))
            except ValueError:
                continue
    for ip in sorted(addrs, key=str):
        mapped = getattr(ip, "ipv4_mapped", None)
        ip = mapped or ip
        if ip.is_loopback:
            kind = "loopback"
        elif ip.is_link_local:
            kind = "link-local"
        elif ip.is_private:
            kind = "mạng riêng (private)"
        elif ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
            kind = "không định tuyến công khai (non-global)"
        else:
            continue
        return (f"từ chối tải {host}: địa chỉ {ip} là {kind}; dùng --allow-private nếu thật sự muốn "
                f"(refused: address resolves to a {kind.split('(')[-1].rstrip(')')} network)")
    return None


class AddressGuard:
    """``guard(url) -> reason | None`` for :class:`ingest.fetch.FetchConfig`'s ``address_check``.

    Hosts the operator named are trusted (they chose them, e.g. a portal mirror on 127.0.0.1);
    every other host is checked, each time (a name may resolve differently later).
    """

    def __init__(self, trusted_urls: Iterable[str] = (), *, allow_private: bool = False) -> None:
        self.allow_private = allow_private
        self.trusted: set[str] = set()
        self.trust(trusted_urls)

    def trust(self, urls: Iterable[str]) -> None:
        for url in urls:
            try:
                netloc = urlsplit(url).netloc.lower()
            except ValueError:
                continue
            if netloc:
                self.trusted.add(netloc)

    def __call__(self, url: str) -> str | None:
        if self.allow_private:
            return None
        try:
            parts = urlsplit(url)
            host = parts.hostname
        except ValueError:
            return None
        if not host or parts.netloc.lower() in self.trusted:
            return None
        return non_global_reason(host)
