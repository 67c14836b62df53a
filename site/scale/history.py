"""Appointments of the past year and of the slot window; the closed ones get cases (cases.py)."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable

from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from appointments.constants import AppointmentStatus, Relationship
from appointments.models import Appointment, AppointmentMatter, Slot, SlotDraw
from appointments.personal_data import protect
from casework.models import Case, QueueTicket
from centres import calendar
from guides.models import MatterPage
from portal.scale import bulk
from portal.scale.cases import add_closed_cases
from portal.scale.identities import ID_BODIES, NAMES, check_digit, reference
from portal.scale.places import CODE_PREFIX, sim_centres, window
from portal.scale.staff import DOMAIN

CHUNK = 50_000
YEAR = 365


class Centre:
    """What the generator needs of a centre, with its day plans cached by hours."""

    plans: dict = {}

    def __init__(self, centre):
        self.pk = centre.pk
        self.code = centre.code
        self.counters = centre.counters
        self.step = dt.timedelta(minutes=centre.slot_minutes)
        self.capacity = centre.online_minutes_per_slot
        self.hours = tuple((s.weekday, s.start, s.end) for s in centre.sessions.all())
        self.model = centre

    def starts(self, day: dt.date) -> list[dt.datetime]:
        key = (self.hours, self.step, day)
        if key not in Centre.plans:
            Centre.plans[key] = calendar.slot_starts(self.model, day)
        return Centre.plans[key]


def seed_history(
    *, appointments: int, cases: int, days: int, past_days: int, say: Callable[[str], None]
) -> tuple[int, int]:
    """Add appointments (``cases`` of them with a closed, rated case) up to the totals."""
    have = Appointment.objects.filter(reference__startswith=CODE_PREFIX).count()
    have_cases = Case.objects.filter(case_number__startswith=CODE_PREFIX).count()
    add = max(appointments - have, 0)
    add_cases = min(max(cases - have_cases, 0), add)
    if not add:
        say(f"appointments: 0 added, {have} in all")
        return 0, 0
    rng = random.Random(have)
    centres = [Centre(c) for c in sim_centres().prefetch_related("sessions", "overrides")]
    User = Appointment._meta.get_field("booked_by").related_model
    residents = list(
        User.objects.filter(username__startswith="resident.", username__endswith=DOMAIN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    clerks = defaultdict(list)
    for pk, centre in User.objects.filter(
        profile__centre__code__startswith=CODE_PREFIX
    ).values_list("pk", "profile__centre"):
        clerks[centre].append(pk)
    matters = list(
        MatterPage.objects.live().filter(bookable=True).values_list("pk", "handling_minutes")
    )
    if not (centres and residents and matters):
        say("appointments: skipped (needs centres, accounts and the standard's matters)")
        return 0, 0
    encrypted = [protect(body + check_digit(body)) for body in ID_BODIES]
    tz = timezone.get_current_timezone()
    now = timezone.now()
    today = timezone.localdate()
    first, last = window(days, past_days)
    slots = {
        (centre, start): (pk, capacity - booked)
        for centre, start, pk, capacity, booked in Slot.objects.filter(
            centre__code__startswith=CODE_PREFIX,
            start__gte=dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        ).values_list("centre_id", "start", "pk", "capacity_minutes", "booked_minutes")
    }
    weights = [c.counters for c in centres]
    # Numbers already given per centre and day, so a later, larger run does not reuse them.
    queue_numbers = Counter(
        {
            (row["centre"], row["date"]): row["n"]
            for row in QueueTicket.objects.filter(centre__code__startswith=CODE_PREFIX)
            .values("centre", "date")
            .annotate(n=Count("pk"))
            .order_by()
        }
    )

    def pick(closed: bool):
        """A centre, a slot start and a matter for one appointment."""
        while True:
            centre = rng.choices(centres, weights)[0]
            if closed:
                day = today - dt.timedelta(days=rng.randint(1, YEAR))
            else:
                day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
            starts = centre.starts(day)
            if starts:
                return centre, rng.choice(starts), rng.choice(matters)

    made = 0
    made_cases = 0
    while made < add:
        size = min(CHUNK, add - made)
        appointment_rows, draws, matter_rows, case_plans = [], [], [], []
        for k in range(size):
            n = have + made + k + 1
            closed = made + k < add_cases
            centre, start, (matter, handling) = pick(closed)
            minutes = max(1, min(handling or 15, centre.capacity))
            slot = slots.get((centre.pk, start))
            drawn = slot is not None and slot[1] >= minutes
            status = AppointmentStatus.COMPLETED
            checked_in = cancelled = None
            if closed:
                checked_in = start - dt.timedelta(minutes=rng.randint(0, 15))
            elif start > now:
                status = (
                    AppointmentStatus.CANCELLED if rng.random() < 0.15 else AppointmentStatus.BOOKED
                )
            else:
                status = (
                    AppointmentStatus.CANCELLED if rng.random() < 0.4 else AppointmentStatus.NO_SHOW
                )
            if status == AppointmentStatus.CANCELLED:
                cancelled = start - dt.timedelta(hours=rng.randint(3, 72))
                drawn = False  # a cancellation gives its minutes back
            if drawn:
                slots[(centre.pk, start)] = (slot[0], slot[1] - minutes)
                draws.append((n, slot[0], minutes))
            created = start - dt.timedelta(days=rng.randint(1, 14), minutes=rng.randint(0, 600))
            name = NAMES[n % len(NAMES)]
            appointment_rows.append(
                (
                    reference(n),
                    centre.pk,
                    slot[0] if slot is not None and (drawn or cancelled) else None,
                    start,
                    start + centre.step,
                    minutes,
                    status,
                    residents[n % len(residents)],
                    1,
                    Relationship.SELF,
                    name,
                    encrypted[n % len(encrypted)],
                    f"139{n % 100_000_000:08d}",
                    "",
                    min(created, now),
                    cancelled,
                    checked_in,
                )
            )
            matter_rows.append((n, matter))
            if closed:
                case_plans.append((n, centre, start, checked_in, minutes))
        bulk.insert(
            Appointment,
            (
                "reference",
                "centre_id",
                "slot_id",
                "start",
                "end",
                "minutes",
                "status",
                "booked_by_id",
                "people",
                "relationship",
                "applicant_name",
                "applicant_id_encrypted",
                "applicant_phone",
                "idempotency_key",
                "created_at",
                "cancelled_at",
                "checked_in_at",
            ),
            appointment_rows,
        )
        ids = dict(
            Appointment.objects.filter(
                reference__in=[row[0] for row in appointment_rows]
            ).values_list("reference", "pk")
        )
        bulk.insert(
            AppointmentMatter,
            ("appointment_id", "matter_id", "situation_code"),
            ((ids[reference(n)], matter, "") for n, matter in matter_rows),
        )
        bulk.insert(
            SlotDraw,
            ("appointment_id", "slot_id", "minutes"),
            ((ids[reference(n)], slot, minutes) for n, slot, minutes in draws),
        )
        made_cases += add_closed_cases(case_plans, ids, clerks, queue_numbers, rng, now)
        made += size
        say(f"appointments: {have + made}/{appointments}, cases {have_cases + made_cases}/{cases}")
    # A slot's booked minutes are the sum of what is drawn from it.
    drawn = (
        SlotDraw.objects.filter(slot=OuterRef("pk"))
        .order_by()
        .values("slot")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    Slot.objects.filter(
        centre__code__startswith=CODE_PREFIX, draws__isnull=False
    ).distinct().update(booked_minutes=Coalesce(Subquery(drawn), 0))
    return made, made_cases
