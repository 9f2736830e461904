"""A real HTTP server on 127.0.0.1 serving a portalgen site plus misbehaving test routes.

Used by the fetch and crawl tests: it records every request (path, arrival time, headers) so the
tests can check robots.txt obedience and the per-host delay from the server's side.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit


@dataclass
class Seen:
    path: str
    at: float
    headers: dict[str, str]


@dataclass
class SiteServer:
    root: Path | None = None
    robots: str | None = None  # replaces the site's robots.txt when set
    routes: dict[str, tuple[int, dict[str, str], bytes]] = field(default_factory=dict)
    slow: dict[str, float] = field(default_factory=dict)  # path → seconds before answering
    fail_first: dict[str, int] = field(default_factory=dict)  # path → number of 500s before OK
    log: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                path = urlsplit(self.path).path
                with outer._lock:
                    outer.log.append(Seen(self.path, time.monotonic(), dict(self.headers.items())))
                if path in outer.slow:
                    time.sleep(outer.slow[path])
                with outer._lock:
                    if outer.fail_first.get(path, 0) > 0:
                        outer.fail_first[path] -= 1
                        return self._send(500, {"Content-Type": "text/plain"}, b"server error")
                if path in outer.routes:
                    status, headers, body = outer.routes[path]
                    return self._send(status, headers, body)
                if path == "/robots.txt" and outer.robots is not None:
                    return self._send(200, {"Content-Type": "text/plain"}, outer.robots.encode())
                if outer.root is None:
                    return self._send(404, {"Content-Type": "text/plain"}, b"not found")
                rel = unquote(path).lstrip("/")
                file = (outer.root / rel)
                if path.endswith("/"):
                    file = file / "index.html"
                try:
                    file.resolve().relative_to(outer.root.resolve())
                except ValueError:
                    return self._send(403, {}, b"")
                if not file.is_file():
                    return self._send(404, {"Content-Type": "text/html"}, b"<html>404</html>")
                ctype = {"html": "text/html; charset=utf-8", "aspx": "text/html; charset=utf-8",
                         "xml": "application/xml", "txt": "text/plain", "jpg": "image/jpeg",
                         "docx": "application/octet-stream", "pdf": "application/pdf",
                         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}.get(file.suffix.lstrip("."),
                                                                 "text/html; charset=utf-8")
                data = file.read_bytes()
                if b"windows-1258" in data[:2000]:
                    ctype = "text/html; charset=windows-1258"
                etag = f'"{hash(data) & 0xFFFFFFFF:x}"'
                if self.headers.get("If-None-Match") == etag:
                    return self._send(304, {"ETag": etag}, b"")
                self._send(200, {"Content-Type": ctype, "ETag": etag}, data)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self) -> list[str]:
        with self._lock:
            return [s.path for s in self.log]

    def times(self) -> list[float]:
        with self._lock:
            return [s.at for s in self.log]
