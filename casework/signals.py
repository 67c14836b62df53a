"""What the counter announces, for the apps above it (ratings invites a rating).

Sent inside the transaction of the change, so a receiver's writes commit or
roll back with it.
"""

from django.dispatch import Signal

# case: the Case just completed (办结).
case_completed = Signal()
