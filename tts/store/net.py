"""HTTP(S) GET with one deadline over the whole exchange: every network read goes through here.

A socket timeout bounds one ``recv``, and http.client reads until its buffer is full or the
stream ends, so a server sending one byte every few seconds never trips it: a 10 s timeout held
a build for 200 s (issue 17). Here every ``recv`` (status line, headers, body, redirects) waits
at most until one :class:`Deadline`, and the body is read as it arrives (``read1``), so the
deadline is checked between bytes, not between 64 KiB buffers.

A deadline is total (an article page: ``Deadline(10)``) or renewed by progress (a model of tens
of megabytes on a slow line: ``Deadline(15, renew_every=256 KiB)`` drops a connection that sends
less than 256 KiB in any 15 s, as curl's ``--speed-limit`` does).

Whatever the server gets wrong (no answer, a bad status line, a header line over 64 KiB, more
than 100 headers, a broken chunked body, fewer bytes than its Content-Length announced, a
redirect loop) ends as one :class:`FetchError` whose message is one line naming the URL.
Name resolution (``getaddrinfo``) is the one step no socket timeout reaches.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from tts.errors import TTSError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

READ_SIZE = 1 << 16
MAX_REDIRECTS = 10
_SCHEMES = ("http", "https")


class FetchError(TTSError):
    """The exchange failed; the message is one line and names the URL."""


class Deadline:
    """When the exchange must be over: ``seconds`` from now, pushed back by that much each time
    ``renew_every`` more bytes have arrived (None: a fixed, total deadline)."""

    def __init__(self, seconds: float, *, renew_every: int | None = None) -> None:
        self.seconds = seconds
        self.renew_every = renew_every
        self.received = 0
        self._credit = 0
        self._until = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (> 0); TimeoutError once there are none."""
        left = self._until - time.monotonic()
        if left <= 0:
            raise TimeoutError(self.describe())
        return left

    def got(self, count: int) -> None:
        self.received += count
        if self.renew_every is None:
            return
        self._credit += count
        if self._credit >= self.renew_every:
            self._credit %= self.renew_every
            self._until = time.monotonic() + self.seconds

    def describe(self) -> str:
        if self.received == 0:
            return f"no answer within {self.seconds:g} s"
        if self.renew_every is not None:
            return f"less than {self.renew_every // 1024} KiB arrived in {self.seconds:g} s"
        return f"still sending after {self.seconds:g} s"


def _bounded_wait(sock: socket.socket, deadline: Deadline | None) -> None:
    if deadline is not None:  # never settimeout(0): that would make the socket non-blocking
        sock.settimeout(deadline.remaining())


class _Socket(socket.socket):
    """A plain socket whose every receive ends by the deadline (http.client reads only through
    ``recv_into``, via ``makefile``)."""

    deadline: Deadline | None = None

    def recv_into(self, buffer: WriteableBuffer, nbytes: int = 0, flags: int = 0) -> int:
        _bounded_wait(self, self.deadline)
        count = super().recv_into(buffer, nbytes, flags)
        if self.deadline is not None:
            self.deadline.got(count)
        return count


class _TLSSocket(ssl.SSLSocket):
    """The same for TLS: each ``recv_into`` is one read of the TLS layer, bounded alike."""

    deadline: Deadline | None = None

    def recv_into(self, buffer: WriteableBuffer, nbytes: int | None = None, flags: int = 0) -> int:
        _bounded_wait(self, self.deadline)
        count = super().recv_into(buffer, nbytes, flags)
        if self.deadline is not None:
            self.deadline.got(count)
        return count


def _connector(deadline: Deadline) -> Callable[..., socket.socket]:
    def connect(
        address: tuple[str, int], timeout: float, source_address: Any = None
    ) -> socket.socket:
        plain = socket.create_connection(address, deadline.remaining(), source_address)
        sock = _Socket(plain.family, plain.type, plain.proto, fileno=plain.detach())
        sock.deadline = deadline
        sock.settimeout(deadline.remaining())  # the TLS handshake reads before recv_into does
        return sock

    return connect


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = _connector(deadline)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, deadline: Deadline, **kwargs: Any) -> None:
        context = ssl.create_default_context()
        context.set_alpn_protocols(["http/1.1"])
        context.sslsocket_class = _TLSSocket  # this connection's own context: nobody else's
        super().__init__(host, context=context, **kwargs)
        self._create_connection = _connector(deadline)
        self._deadline = deadline

    def connect(self) -> None:
        super().connect()
        if isinstance(self.sock, _TLSSocket):
            self.sock.deadline = self._deadline


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_HTTPConnection, deadline=self._deadline)
        return self.do_open(connection, req)  # type: ignore[arg-type]


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = functools.partial(_HTTPSConnection, deadline=self._deadline)
        return self.do_open(connection, req)  # type: ignore[arg-type]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects only to http(s) (and what ``check`` allows); a loop is one line, not urllib's
    three; a redirect's own body is never read (it could be endless)."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, check: Callable[[str], None] | None) -> None:
        self._check = check

    def redirect_request(  # type: ignore[no-untyped-def]
        self, req, fp, code, msg, headers, newurl
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in _SCHEMES:
            raise FetchError(f"{req.full_url}: redirects to {_line(newurl)}, not an http(s) URL")
        if self._check is not None:
            self._check(newurl)
        fp.close()
        return super().redirect_request(req, fp, code, msg, headers, newurl)

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        try:
            return super().http_error_302(req, fp, code, msg, headers)
        except urllib.error.HTTPError as exc:
            if not str(exc.msg).startswith(self.inf_msg):
                raise
            raise FetchError(f"{req.full_url}: more than {MAX_REDIRECTS} redirects") from None

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _NotModified(urllib.request.BaseHandler):
    """A 304 to a conditional GET is an answer (use the copy you have), not an error."""

    def http_error_304(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        return fp


CONDITIONAL = ("If-None-Match", "If-Modified-Since")


def open_url(
    url: str,
    deadline: Deadline,
    *,
    headers: Mapping[str, str],
    check_redirect: Callable[[str], None] | None = None,
) -> http.client.HTTPResponse:
    """GET ``url`` (http or https, redirects followed) up to its headers, all by ``deadline``.

    ``check_redirect`` may refuse a redirect target by raising. Use the response as a context
    manager and read its body with :func:`read_body`. A conditional GET (``If-None-Match`` or
    ``If-Modified-Since`` among ``headers``) may come back as status 304, with no body.
    """
    if urlsplit(url).scheme not in _SCHEMES:
        raise FetchError(f"{_line(url)}: not an http(s) URL")
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HTTPHandler(deadline),
        _HTTPSHandler(deadline),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(check_redirect),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    if any(name.title() in CONDITIONAL for name in headers):
        opener.add_handler(_NotModified())
    request = urllib.request.Request(url, headers=dict(headers))
    try:
        response = opener.open(request, timeout=deadline.seconds)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(_message(url, exc, deadline)) from None
    return cast(http.client.HTTPResponse, response)


def read_body(response: http.client.HTTPResponse, url: str, deadline: Deadline) -> Iterator[bytes]:
    """The body piece by piece as it arrives, then a check that it is all there."""
    done = 0
    try:
        while chunk := response.read1(READ_SIZE):
            done += len(chunk)
            yield chunk
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(_message(url, exc, deadline)) from None
    if response.length:  # http.client counts down from the Content-Length; curl's exit 18
        announced = done + response.length
        raise FetchError(
            f"{url}: interrupted: the server closed the connection after {done} of the "
            f"{announced} bytes it announced"
        )


def _message(url: str, exc: BaseException, deadline: Deadline) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"{url}: the server answered {exc.code} {_line(exc.reason)}"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            return f"cannot reach {url}: timed out, {deadline.describe()}"
        if isinstance(reason, OSError):
            return f"cannot reach {url}: {_line(reason.strerror or reason)}"
        return f"cannot reach {url}: {_line(reason)}"
    return f"{url}: {_describe(exc, deadline)}"


def _describe(exc: BaseException, deadline: Deadline) -> str:
    if isinstance(exc, TimeoutError):
        return f"timed out, {deadline.describe()}"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(exc, http.client.BadStatusLine):
        return f"not an HTTP answer (status line {_line(exc.args[0] if exc.args else '')!r})"
    if isinstance(exc, http.client.IncompleteRead):
        return "the body broke off (a broken chunked encoding or a closed connection)"
    if isinstance(exc, http.client.HTTPException):
        return f"a broken HTTP answer ({_line(exc)})"
    if isinstance(exc, OSError) and exc.strerror:
        return _line(exc.strerror)
    return _line(exc)


def _line(value: object, limit: int = 160) -> str:
    """Any text as one short line: a hostile server chooses the status line and the reason."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
