"""What booking announces, for the apps above it (flowback records the events).

Each is sent inside the transaction of the change, so a receiver's writes
commit or roll back with it. Arguments: ``appointment``; ``matters`` (codes)
with ``appointment_booked``; ``now`` with the other two.
"""

from django.dispatch import Signal

appointment_booked = Signal()
appointment_cancelled = Signal()
appointment_rescheduled = Signal()
