"""A hostile HTTP server on 127.0.0.1: raw sockets, so it can break HTTP as real servers do.

Each route is a function that gets the connected socket after the request was read and writes
whatever it likes (a status line that is not one, 70 KB of header, one byte every 100 ms).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping

Route = Callable[[socket.socket], None]

PAGE = (
    "<html><head><title>Новость</title></head><body><article><h1>Новость</h1>"
    + "<p>Сегодня в городе прошёл субботник. Жители убрали двор и посадили деревья.</p>" * 8
    + "</article></body></html>"
).encode()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"


def truncated(sock: socket.socket) -> None:
    """Announces the whole page and sends half of it (curl: exit 18)."""
    sock.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE[: len(PAGE) // 2])


def drip(head: bytes, body: bytes, every: float = 0.1, until: float = 6.0) -> Route:
    """Sends ``head`` at once, then ``body`` one byte every ``every`` s for at most ``until`` s."""

    def route(sock: socket.socket) -> None:
        sock.sendall(head)
        stop = time.monotonic() + until
        for byte in body:
            if time.monotonic() > stop:
                return
            sock.sendall(bytes([byte]))
            time.sleep(every)

    return route


def steady(size: int, piece: int, every: float) -> Route:
    """A slow but moving body: ``piece`` bytes every ``every`` s, ``size`` bytes in all."""

    def route(sock: socket.socket) -> None:
        sock.sendall(HEAD + b"Content-Length: %d\r\n\r\n" % size)
        sent = 0
        while sent < size:
            sock.sendall(b"x" * min(piece, size - sent))
            sent += piece
            time.sleep(every)

    return route


def raw(data: bytes) -> Route:
    return lambda sock: sock.sendall(data)


ROUTES: dict[str, Route] = {
    "/page": raw(HEAD + b"Content-Length: %d\r\n\r\n" % len(PAGE) + PAGE),
    "/truncated": truncated,
    "/drip-body": drip(HEAD + b"\r\n", PAGE),
    "/drip-head": drip(b"", HEAD + b"\r\n" + PAGE),
    "/bad-status": raw(b"HELLO THERE\r\n\r\n"),
    "/long-header": raw(b"HTTP/1.1 200 OK\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n"),
    "/many-headers": raw(
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(101)) + b"\r\n"
    ),
    "/bad-chunked": raw(
        HEAD + b"Transfer-Encoding: chunked\r\n\r\n10\r\n<html><body><p>a\r\nzz\r\n"
    ),
    "/loop": raw(b"HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n"),
    "/to-ftp": raw(
        b"HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/x\r\nContent-Length: 0\r\n\r\n"
    ),
    "/silent-close": raw(b""),
}


def _read_request(sock: socket.socket) -> str | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(4096)
        if not piece:
            return None
        data += piece
    return data.split(b" ", 2)[1].decode("latin-1")


def _serve(sock: socket.socket, routes: Mapping[str, Route]) -> None:
    with sock, contextlib.suppress(OSError):  # the client gave up: that is what tests provoke
        path = _read_request(sock)
        route = routes.get(path or "")
        if route is None:
            sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        else:
            route(sock)


@contextlib.contextmanager
def hostile_server(
    routes: Mapping[str, Route] = ROUTES, *, tls: ssl.SSLContext | None = None
) -> Iterator[str]:
    """Serves ``routes`` on 127.0.0.1 (over TLS with ``tls``); yields the base URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    stopping = threading.Event()

    def accept() -> None:
        while not stopping.is_set():
            try:
                sock, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(None)
            threading.Thread(target=_handle, args=(sock,), daemon=True).start()

    def _handle(sock: socket.socket) -> None:
        if tls is not None:
            try:
                sock = tls.wrap_socket(sock, server_side=True)
            except (OSError, ssl.SSLError):
                sock.close()
                return
        _serve(sock, routes)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    scheme = "https" if tls is not None else "http"
    try:
        yield f"{scheme}://127.0.0.1:{port}"
    finally:
        stopping.set()
        thread.join()
        listener.close()
