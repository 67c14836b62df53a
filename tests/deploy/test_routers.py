"""The read-replica router: which reads go to the replica (portal/routers.py)."""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from appointments.models import Appointment
from guides.models import MatterPage
from portal.routers import REPLICA, ReplicaReadsMiddleware, ReplicaRouter


def _routes_during(path: str, method: str = "get") -> dict[str, str | None]:
    router = ReplicaRouter()
    seen = {}

    def view(request):
        for model in (MatterPage, Appointment, get_user_model(), Session):
            seen[model.__name__] = router.db_for_read(model)
            seen[f"{model.__name__} write"] = router.db_for_write(model)

    ReplicaReadsMiddleware(view)(getattr(RequestFactory(), method)(path))
    return seen


def test_dashboard_and_guide_reads_go_to_the_replica_but_accounts_and_writes_do_not():
    for path in ("/dashboard/", "/guides/js-mz-01/"):
        routes = _routes_during(path)
        assert routes["MatterPage"] == REPLICA
        assert routes["Appointment"] == REPLICA
        assert routes["User"] is None and routes["Session"] is None
        assert all(routes[f"{m} write"] is None for m in ("MatterPage", "Appointment"))


def test_other_requests_and_posts_read_the_primary():
    assert _routes_during("/api/v1/appointments")["Appointment"] is None
    assert _routes_during("/dashboard/", method="post")["Appointment"] is None
    assert ReplicaRouter().db_for_read(Appointment) is None  # outside any request
    assert not ReplicaRouter().allow_migrate(REPLICA, "appointments")
