"""The counter's business rules, one module per part; views, the API and commands call these.

- ``access``: who may use the counter, reading a scanned code, numbers, the audit trail
- ``queue``: the hall queue and its call order
- ``intake``: arrival (ticket scan) and opening the case
- ``walk_ins``: registering someone served without a booking
- ``cases``: materials brought back (补正), completion, rejection
"""

from casework.services.access import (
    appointment_at_counter,
    clerk_centre,
    log_access,
    log_intake_view,
    may_reveal,
    next_number,
    reference_from_code,
    reveal_id_number,
)
from casework.services.cases import complete_case, receive_materials, reject_case, still_missing
from casework.services.intake import accept_batch_intake, accept_intake, scan_ticket
from casework.services.queue import (
    call_next,
    issue_walk_in,
    mark_served,
    requeue,
    skip,
    start_intake,
)
from casework.services.walk_ins import register_walk_in, walk_in_account

__all__ = [
    "accept_batch_intake",
    "accept_intake",
    "appointment_at_counter",
    "call_next",
    "clerk_centre",
    "log_intake_view",
    "may_reveal",
    "complete_case",
    "issue_walk_in",
    "log_access",
    "mark_served",
    "next_number",
    "receive_materials",
    "reference_from_code",
    "register_walk_in",
    "reject_case",
    "requeue",
    "reveal_id_number",
    "scan_ticket",
    "skip",
    "start_intake",
    "still_missing",
    "walk_in_account",
]
