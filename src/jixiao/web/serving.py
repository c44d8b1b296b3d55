"""The web server process that `jixiao serve` starts: ``python -m jixiao.web.serving OPTIONS-JSON``.

It collects the static files (hashed names, compressed) into ``STATIC_ROOT``, then serves the site on
the listening socket it inherits from `jixiao serve` (file descriptor ``fd``) with gunicorn: a master
that forks ``workers`` processes of ``threads`` threads each (gthread), so every core serves pages and
each process still overlaps its requests' waits on the database. ``server: waitress`` is the single
process alternative (pure Python, also on systems without fork).
"""

from __future__ import annotations

import gc
import json
import os
import socket
import sys

os.environ["JIXIAO_STATIC_COLLECTED"] = "1"  # settings: hashed static names, kept a year by browsers
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")

FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST", "HTTP_X_FORWARDED_PORT",
             "HTTP_FORWARDED")


def trusted_forwarding(app, trusted: str):
    """Drop X-Forwarded-* headers unless the request comes from the trusted reverse proxy: the
    settings believe them (https, the client's address for lockouts), so nobody else may set them."""

    def application(environ, start_response):
        if not trusted or environ.get("REMOTE_ADDR") != trusted:
            for key in FORWARDED:
                environ.pop(key, None)
        return app(environ, start_response)

    return application


def announce(host: str, port: int) -> None:
    # Said once the socket listens and the application is loaded (port 0 picks a free one and says which).
    print(f"服务已启动：http://{host}:{port}/ （按 Ctrl+C 停止）", flush=True)


def collect_static() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def run_gunicorn(options: dict) -> None:
    from gunicorn.app.base import BaseApplication

    class Gunicorn(BaseApplication):
        def load_config(self):
            from django.conf import settings

            config = {
                "bind": [f"fd://{options['fd']}"],
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "preload_app": True,  # Django is imported once, then forked: quicker start, shared memory
                "forwarded_allow_ips": settings.TRUSTED_PROXY or "",
                # Long requests (an export of a unit's tables) are allowed; a stuck worker is replaced.
                "timeout": 300,
                "graceful_timeout": 30,
                # A worker is replaced after this many requests, so no slow leak grows for months.
                "max_requests": 5000,
                "max_requests_jitter": 500,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "jixiao",
                "control_socket_disable": True,  # no shared ~/.gunicorn socket: several sites may run on one machine
                "post_fork": lambda arbiter, worker: _forked(worker, options),
                "worker_exit": lambda arbiter, worker: _exit_now(),
            }
            for key, value in config.items():
                self.cfg.set(key, value)

        def load(self):
            from django.conf import settings

            from django.urls import get_resolver

            from jixiao.web.wsgi import application

            # Import every view (and what it imports: the readers, writers, PDF) here, once, instead of
            # on each worker's first request: that first request took seconds on a busy machine.
            get_resolver().url_patterns
            # Everything loaded so far lives as long as the process: the collector of each forked
            # worker leaves it alone (and so does not copy the master's memory page by page).
            gc.freeze()
            return trusted_forwarding(application, settings.TRUSTED_PROXY)

    Gunicorn().run()


def _forked(worker, options: dict) -> None:
    _close_connections()
    # gunicorn forks its workers after its `when_ready` hook: the last worker of the first set says the
    # server has started, so by then every process is there.
    if worker.age == options["workers"]:
        announce(options["host"], options["port"])


def _close_connections() -> None:
    """A forked worker opens its own database connections (none is shared with the master)."""
    from django.db import connections

    connections.close_all()


def _exit_now() -> None:
    """A worker that has finished leaves at once, with the code it was leaving with: tearing down the
    interpreter frees every object Django and the readers' tables loaded, which on a busy machine held
    a stopping server for many seconds."""
    from django.db import connections

    connections.close_all()
    exiting = sys.exc_info()[1]
    code = exiting.code if isinstance(exiting, SystemExit) and isinstance(exiting.code, int) else (1 if exiting else 0)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_waitress(options: dict) -> None:
    from django.conf import settings
    from waitress.server import create_server

    from jixiao.web.wsgi import application

    # Behind a reverse proxy: take the client's address and https from its X-Forwarded-* headers
    # (waitress drops them from anyone else).
    proxy = {"trusted_proxy": settings.TRUSTED_PROXY, "trusted_proxy_count": settings.PROXY_COUNT,
             "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto"} if settings.TRUSTED_PROXY else {}
    listening = socket.socket(fileno=options["fd"])
    server = create_server(application, sockets=[listening], threads=options["threads"], ident="jixiao", **proxy)
    announce(options["host"], options["port"])
    try:
        server.run()
    except KeyboardInterrupt:
        server.close()


def main(argv: list[str]) -> int:
    options = json.loads(argv[0])
    import django

    django.setup()
    collect_static()
    (run_waitress if options["server"] == "waitress" else run_gunicorn)(options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
