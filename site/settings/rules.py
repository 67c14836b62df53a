"""The rules of booking and of answering low ratings."""

import os

# Booking rules (design: "Booking rules seen at Chinese service centres").
BOOKING_CANCEL_CUTOFF_HOURS = int(os.environ.get("BOOKING_CANCEL_CUTOFF_HOURS", "2"))
BOOKING_MAX_ACTIVE_PER_PERSON = int(os.environ.get("BOOKING_MAX_ACTIVE_PER_PERSON", "3"))
NO_SHOW_LIMIT = int(os.environ.get("NO_SHOW_LIMIT", "3"))
NO_SHOW_WINDOW_DAYS = int(os.environ.get("NO_SHOW_WINDOW_DAYS", "90"))
NO_SHOW_SUSPENSION_DAYS = int(os.environ.get("NO_SHOW_SUSPENSION_DAYS", "30"))
# Per booking account (issue: booking abuse). A family books for a few relatives;
# more than five live bookings for other people is an agency or an attack.
BOOKING_MAX_ACTIVE_FOR_OTHERS = int(os.environ.get("BOOKING_MAX_ACTIVE_FOR_OTHERS", "5"))
# Booking requests a minute: per account (a person makes one or two), and per
# client address (a family, or a centre's or office's shared address).
BOOKING_RATE_PER_ACCOUNT = int(os.environ.get("BOOKING_RATE_PER_ACCOUNT", "6"))
BOOKING_RATE_PER_ADDRESS = int(os.environ.get("BOOKING_RATE_PER_ADDRESS", "30"))
# Slot look-ups a minute per address: a person reads a few days; a scraper reads all.
SLOT_POLL_RATE_PER_ADDRESS = int(os.environ.get("SLOT_POLL_RATE_PER_ADDRESS", "120"))
# Per enterprise and day: batches and the people in them (a roster holds 500).
BATCHES_PER_ENTERPRISE_PER_DAY = int(os.environ.get("BATCHES_PER_ENTERPRISE_PER_DAY", "5"))
BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY = int(
    os.environ.get("BATCH_PEOPLE_PER_ENTERPRISE_PER_DAY", "1000")
)

# A rating of 1 or 2 must be answered by the centre manager within this many working days.
RATING_FOLLOW_UP_WORKING_DAYS = 5
