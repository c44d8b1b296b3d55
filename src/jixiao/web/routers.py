"""Reads on replicas, writes on the primary (``DATABASE_REPLICA_URL``, docs/deployment.md).

Only the reads of a GET or HEAD request may go to a replica, and only while that user has not written
anything lately: the first write of a request sends the rest of its reads to the primary, and the
middleware then sets a short-lived cookie so that the same user's next requests (the page shown after
a save, its htmx fragments) read the primary too for ``JIXIAO_READ_PRIMARY_SECONDS``. Everything
outside a request (commands, the job worker), every unsafe request (POST, PUT, …), every read inside a
transaction on the primary (a version check before a save) and the tables of sessions, the cache and
login attempts stay on the primary. Migrations run on the primary only.
"""

from __future__ import annotations

import random
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

PRIMARY = "default"
COOKIE = "jixiao_primary"  # until when (Unix time) this browser's reads go to the primary
# Read and written on every request, or counted across processes: never a lagging copy.
PRIMARY_ONLY_APPS = frozenset({"sessions", "django_cache", "axes"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class Reads:
    """Where this request's reads go: ``replica`` (an alias) or None for the primary."""

    replica: str | None
    wrote: bool = False


_current: ContextVar[Reads | None] = ContextVar("jixiao_reads", default=None)


def replicas() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


def reads_for(method: str, cookies: dict, now: float | None = None) -> Reads:
    """Where a request's reads start: a replica for a GET of a user who has not written lately."""
    aliases = replicas()
    if not aliases or method not in SAFE_METHODS:
        return Reads(None)
    try:
        recent_write = float(cookies.get(COOKIE, "0")) > (time.time() if now is None else now)
    except ValueError:
        recent_write = False
    return Reads(None if recent_write else random.choice(aliases))


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _current.get()
        if (reads is None or reads.replica is None or reads.wrote
                or model._meta.app_label in PRIMARY_ONLY_APPS or connections[PRIMARY].in_atomic_block):
            return PRIMARY
        return reads.replica

    def db_for_write(self, model, **hints):
        reads = _current.get()
        if reads is not None:
            reads.wrote = True
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReadsMiddleware:
    """Decides where the request's reads go and, after a write, keeps the user on the primary a while."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        reads = reads_for(request.method, request.COOKIES)
        token = _current.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        if reads.wrote and settings.JIXIAO_READ_PRIMARY_SECONDS:
            seconds = settings.JIXIAO_READ_PRIMARY_SECONDS
            response.set_cookie(COOKIE, f"{time.time() + seconds:.0f}", max_age=seconds, httponly=True,
                                samesite="Lax", secure=request.is_secure())
        return response
