"""gunicorn as production runs it (gunicorn.conf.py): threaded workers, so one process serves other
requests while one of its requests waits — for a slow client here, for a query in production."""

import socket

from tests import live


def test_one_process_serves_others_while_a_request_is_still_arriving(tmp_path, db):
    with live.fresh_database() as database:
        env = live.production_env(database, tmp_path, WEB_CONCURRENCY="1")
        web, port = live.start_gunicorn(env, tmp_path)
        try:
            # A client that sends half a request and waits: a synchronous worker would be stuck
            # reading it until its timeout (60 s); a threaded one answers the next client at once.
            with socket.create_connection(("127.0.0.1", port)) as slow:
                slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                with socket.create_connection(("127.0.0.1", port), timeout=30) as other:
                    other.sendall(
                        b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Forwarded-Proto: https\r\n"
                        b"X-Forwarded-For: 203.0.113.10\r\nConnection: close\r\n\r\n"
                    )
                    answer = other.recv(200)
            assert answer.startswith(b"HTTP/1.1 200"), answer
        finally:
            live.stop(web)
