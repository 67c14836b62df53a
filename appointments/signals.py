"""What booking announces, for the apps above it (flowback records the events).

Each change signal is sent inside the transaction of the change, so a
receiver's writes commit or roll back with it. Arguments: ``appointment``;
``matters`` (codes), ``centre`` and ``enqueue`` with ``appointment_booked``;
``now`` with the other two. Cancel and reschedule always send their own task.

A change costs one worker task: a receiver that would queue work after the
commit returns it as a small JSON-able dict instead (when ``enqueue`` is
False, and always for cancel and reschedule); the change's task sends it back
with ``change_committed`` (``appointment_id``, ``handover``) in the worker.

``text_due`` (``appointment``, ``template``: a text kind such as
``booking_confirmed``) asks for the booking's texts; it is sent from the
worker, after the change committed, so a rolled-back booking texts nobody.
Receivers return how many texts they queued (flowback sends them).
"""

from django.dispatch import Signal

appointment_booked = Signal()
appointment_cancelled = Signal()
appointment_rescheduled = Signal()
change_committed = Signal()
text_due = Signal()
