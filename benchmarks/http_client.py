"""A lean HTTP/1.1 keep-alive client for the load driver.

The driver shares the machine's cores with the server it measures, so its own
CPU per request lowers the number it reports. ``http.client`` parses every
response's headers with the ``email`` package; this client sends prebuilt
request bytes and reads only the status line and ``Content-Length``, at about
a quarter of the CPU. It is still real HTTP over a real socket, and the
caller checks every status and body.
"""

import socket

MAX_HEAD = 64 * 1024


class ProtocolError(OSError):
    """A response this client will not guess at (no Content-Length, oversized head)."""


class KeepAliveClient:
    """POSTs to one path over one connection, reopened when the server closes it."""

    def __init__(self, host: str, port: int, path: str, headers: dict[str, str]) -> None:
        self.address = (host, port)
        lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self._head = ("\r\n".join(lines) + "\r\nContent-Length: ").encode("latin-1")
        self._sock: socket.socket | None = None
        self._buffer = b""

    def post(self, body: bytes) -> tuple[int, bytes]:
        """Send one request and return (status, body); raises OSError on a broken exchange."""
        if self._sock is None:
            self._sock = socket.create_connection(self.address, timeout=30)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._buffer = b""
        try:
            self._sock.sendall(self._head + b"%d\r\n\r\n" % len(body) + body)
            return self._read_response()
        except BaseException:
            self.close()
            raise

    def _read_response(self) -> tuple[int, bytes]:
        while (end := self._buffer.find(b"\r\n\r\n")) < 0:
            if len(self._buffer) > MAX_HEAD:
                raise ProtocolError("response head too large")
            self._receive()
        head, rest = self._buffer[:end], self._buffer[end + 4 :]
        status_line, *header_lines = head.split(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length, close = None, False
        for line in header_lines:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        if length is None:
            raise ProtocolError("response without Content-Length")
        self._buffer = rest
        while len(self._buffer) < length:
            self._receive()
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        if close:
            self.close()
        return status, body

    def _receive(self) -> None:
        assert self._sock is not None
        chunk = self._sock.recv(65536)
        if not chunk:
            raise ConnectionResetError("server closed the connection mid-response")
        self._buffer += chunk

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None
