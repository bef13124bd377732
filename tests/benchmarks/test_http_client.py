"""benchmarks/http_client.py against a real HTTP server on loopback."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.http_client import KeepAliveClient, ProtocolError


class Echo(BaseHTTPRequestHandler):
    """Answers 201 with the body reversed; the path picks how the response ends."""

    protocol_version = "HTTP/1.1"
    connections: set[tuple[str, int]] = set()

    def do_POST(self) -> None:
        Echo.connections.add(self.client_address)
        body = self.rfile.read(int(self.headers["Content-Length"]))[::-1]
        self.send_response(201)
        if self.path != "/unframed":
            self.send_header("Content-Length", str(len(body)))
        if self.path in ("/close", "/unframed"):
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=httpd.serve_forever)
    thread.start()
    Echo.connections.clear()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def test_posts_share_one_connection(server):
    client = KeepAliveClient("127.0.0.1", server, "/", {"Content-Type": "text/plain"})
    large = b"xy" * 50_000  # more than one recv() on either side
    assert [client.post(b"abc"), client.post(large)] == [(201, b"cba"), (201, large[::-1])]
    client.close()
    assert len(Echo.connections) == 1


def test_reconnects_after_the_server_closes(server):
    client = KeepAliveClient("127.0.0.1", server, "/close", {})
    assert [client.post(b"ab"), client.post(b"cd")] == [(201, b"ba"), (201, b"dc")]
    assert len(Echo.connections) == 2


def test_a_response_without_length_is_an_error(server):
    client = KeepAliveClient("127.0.0.1", server, "/unframed", {})
    with pytest.raises(ProtocolError):
        client.post(b"ab")
