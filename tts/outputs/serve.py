"""A local preview server for an output folder: byte ranges (the audio element seeks with
them), correct media types, and nothing served from outside the folder.

Path checks resolve symlinks, so a link pointing out of the folder is refused like ``..``.
What is the tool's own state rather than the episodes (.tts/ with the locks, the feed's
state and work folders, any other dotfile; podcast.toml) is never served, even by a direct
URL. The server binds loopback addresses only unless told ``public``, and an idle connection
is closed after ``timeout`` seconds, so half-open clients cannot hold its threads forever.
"""

from __future__ import annotations

import html
import ipaddress
import logging
import socket
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import quote, unquote, urlsplit

from tts.errors import InputError

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
IDLE_TIMEOUT = 30.0  # seconds a connection may stay silent (the whole request, or a read)
PRIVATE_NAMES = frozenset({"podcast.toml"})  # settings, beside the dotfiles
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".m4b": "audio/mp4",
    ".opus": "audio/ogg; codecs=opus",
    ".ogg": "audio/ogg",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/rss+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".epub": "application/epub+zip",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain; charset=utf-8",
}


def media_type(path: Path) -> str:
    return MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """One ``bytes=`` range -> (first, last) inclusive, or None when unsatisfiable.

    Raises ValueError for a header we do not honour (several ranges, another unit, garbage);
    the caller then serves the whole file, as RFC 9110 allows.
    """
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        raise ValueError(header)
    first_s, dash, last_s = spec.strip().partition("-")
    if not dash or not (first_s or last_s):
        raise ValueError(header)
    if not first_s:
        suffix = int(last_s)
        if suffix <= 0 or size == 0:
            return None
        return max(0, size - suffix), size - 1
    first = int(first_s)
    last = int(last_s) if last_s else size - 1
    if first >= size:
        return None
    if first > last:
        raise ValueError(header)
    return first, min(last, size - 1)


def private(name: str) -> bool:
    """Not an episode's file but the tool's state or settings: .tts/ (locks, the feed's state,
    work folders) and any other dotfile, podcast.toml, and lock files wherever they are."""
    return name.startswith(".") or name in PRIVATE_NAMES or name.endswith(".lock")


def resolve_request(root: Path, target: str) -> Path | None:
    """The file a request path names, or None when it would leave ``root`` (already resolved).

    Raises OSError for a name the file system refuses (too long) and ValueError for a path
    that is not UTF-8: the caller answers 404 to both."""
    raw = unquote(urlsplit(target).path, errors="strict")
    parts = [p for p in raw.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\x00" in p for p in parts):
        return None
    candidate = root.joinpath(*parts).resolve()
    return candidate if candidate.is_relative_to(root) else None


def _hidden(root: Path, path: Path) -> bool:
    """Private by the name asked for or by where it leads (a link to .feed-state.json)."""
    return any(private(part) for part in path.relative_to(root).parts)


class PreviewHandler(BaseHTTPRequestHandler):
    server_version = "tts-serve"
    root: Path = Path(".")

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _answer(self, body: bool) -> None:
        found = self._lookup()
        if isinstance(found, HTTPStatus):
            self._fail(found)
        elif found.is_dir():
            self._directory(found, body)
        else:
            self._file(found, body)

    def _lookup(self) -> Path | HTTPStatus:
        """The file or folder to answer with, or the status that refuses the request."""
        try:
            path = resolve_request(self.root, self.path)
            if path is None:
                return HTTPStatus.FORBIDDEN
            asked = unquote(urlsplit(self.path).path).split("/")
            if any(map(private, asked)) or _hidden(self.root, path):
                return HTTPStatus.NOT_FOUND  # as if absent: no hint that it exists
            if path.is_dir() or path.is_file():
                return path
        except (OSError, ValueError):  # a name too long for the file system; not UTF-8
            pass
        return HTTPStatus.NOT_FOUND

    def _directory(self, path: Path, body: bool) -> None:
        if not urlsplit(self.path).path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", urlsplit(self.path).path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif (path / "index.html").is_file():
            self._file(path / "index.html", body)
        else:
            self._send_bytes(
                listing(self.root, path).encode("utf-8"), "text/html; charset=utf-8", body
            )

    def _file(self, path: Path, body: bool) -> None:
        size = path.stat().st_size
        header = self.headers.get("Range")
        span: tuple[int, int] | None = (0, size - 1)
        partial = False
        if header:
            try:
                span, partial = parse_range(header, size), True
            except ValueError:
                span = (0, size - 1)
        if span is None:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        first, last = span
        length = max(0, last - first + 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if partial else HTTPStatus.OK)
        self.send_header("Content-Type", media_type(path))
        self.send_header("Content-Length", str(length))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Cache-Control", "no-cache")
        if partial:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self.end_headers()
        if body and length:
            with path.open("rb") as handle:
                handle.seek(first)
                _copy(handle, self.wfile, length)

    def _send_bytes(self, data: bytes, kind: str, body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _fail(self, status: HTTPStatus) -> None:
        data = f"{status.value} {status.phrase}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


def _copy(source: BinaryIO, sink: Any, length: int) -> None:
    remaining = length
    while remaining > 0:
        chunk = source.read(min(64 * 1024, remaining))
        if not chunk:
            break
        sink.write(chunk)
        remaining -= len(chunk)


def listing(root: Path, folder: Path) -> str:
    """A plain index of a folder without index.html; entries that lead outside are left out."""
    rows = []
    for entry in sorted(folder.iterdir()):
        if private(entry.name) or not entry.resolve().is_relative_to(root):
            continue
        name = entry.name + ("/" if entry.is_dir() else "")
        rows.append(f'<li><a href="{html.escape(quote(name))}">{html.escape(name)}</a></li>')
    title = html.escape("/" + folder.relative_to(root).as_posix() + "/" if folder != root else "/")
    return (
        '<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><h1>{title}</h1><ul>{''.join(rows)}</ul></body></html>"
    )


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-response (a seek, a closed tab) is routine, not a bug."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            log.debug("%s went away: %s", client_address, error)
            return
        super().handle_error(request, client_address)


def bind_address(host: str, port: int, public: bool) -> tuple[socket.AddressFamily, str]:
    """The address family and address ``host`` binds, as the socket would resolve it ('' and
    '0' mean every interface). Anything but loopback needs ``public``."""
    if not 0 <= port <= 65535:
        raise InputError(f"--port must be between 0 and 65535, not {port}")
    try:
        found = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except (OSError, UnicodeError) as exc:
        raise InputError(f"cannot listen on --host {host!r}: {exc}") from exc
    addresses = [str(info[4][0]) for info in found]
    if not public and not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise InputError(
            f"--host {host!r} ({addresses[0]}) would serve other computers too; "
            "add --public to allow that"
        )
    return found[0][0], addresses[0]


def make_server(
    root: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    *,
    public: bool = False,
    timeout: float = IDLE_TIMEOUT,
) -> ThreadingHTTPServer:
    """A server bound to host:port serving ``root``; port 0 picks a free one."""
    folder = root.expanduser().resolve()
    if not folder.is_dir():
        raise InputError(f"not a folder: {root}")
    family, address = bind_address(host, port, public)
    handler = type("Handler", (PreviewHandler,), {"root": folder, "timeout": timeout})
    server_class: type[PreviewServer] = type("Server", (PreviewServer,), {"address_family": family})
    try:
        return server_class((address, port), handler)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def server_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    name = host.decode() if isinstance(host, bytes) else str(host)
    shown = f"[{name}]" if ":" in name else name
    return f"http://{shown}:{port}/"
