"""Optional read replica (DATABASE_REPLICA_URL): dashboard and guide reads go to it.

Only reads of GET requests under the dashboard and guide paths use the
replica; they tolerate a second of replication lag. Writes always go to the
primary, and so do reads of accounts, sessions, permissions and the task
queue anywhere, so that a login, a role check or a booking never reads
stale data.
"""

from __future__ import annotations

from contextvars import ContextVar

REPLICA = "replica"
READ_PREFIXES = ("/dashboard/", "/guides/", "/api/v1/guides")
PRIMARY_ONLY = {"auth", "sessions", "contenttypes", "account", "mfa", "accounts", "django_q"}

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and model._meta.app_label not in PRIMARY_ONLY:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not request.path.startswith(READ_PREFIXES):
            return self.get_response(request)
        token = _replica_reads.set(True)
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
