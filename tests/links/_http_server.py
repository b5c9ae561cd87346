"""A real HTTP server on 127.0.0.1, port 0, with small scripted routes (no mocked transport).

Each route is a function of the handler; the server counts hits per path and the
peak number of requests in flight, so tests can prove politeness, not just verdicts.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Route = Callable[["Handler"], object]


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        srv = self.server
        with srv.lock:
            srv.hits[path] += 1
            srv.in_flight += 1
            srv.peak = max(srv.peak, srv.in_flight)
        try:
            route = srv.routes.get(path)
            if route is None:
                self.reply(404, "<title>Nope</title>", "text/html")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            with srv.lock:
                srv.in_flight -= 1

    def do_HEAD(self) -> None:
        self.reply(405, "")

    def reply(
        self, status: int, body: str = "", ctype: str = "text/html; charset=utf-8", **headers: str
    ) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = routes
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.in_flight = 0
        self.peak = 0
        self.connections = 0  # TCP connections accepted: keep-alive reuses one
        self.stopping = threading.Event()

    def get_request(self) -> tuple[Any, Any]:
        accepted = super().get_request()
        with self.lock:
            self.connections += 1
        return accepted

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server_address[1]}{path}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hung up early is what several tests are about


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    server = Server(routes)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)


def trickle(handler: Handler, chunk: bytes, every: float) -> None:
    """Send `chunk` every `every` seconds until the client leaves or the server stops."""
    while not handler.server.stopping.is_set():
        handler.wfile.write(chunk)
        handler.wfile.flush()
        time.sleep(every)
