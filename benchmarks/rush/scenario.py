"""The rush's data, made in one Django shell: centres, the new day, the ratio's places, sessions."""

MATTER = "JS-MZ-04"  # 尊老金申领: one slot

SCENARIO = """
import json, datetime as dt
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from importlib import import_module
from accounts.services import ensure_user
from appointments import capacity, schedule
from appointments.models import Slot
from guides.models import MatterPage
from tests.appointments.factories import make_open_centre
now = timezone.now()
hours = (dt.time(8, 30), dt.time(17))
rush = [make_open_centre(f"RUSH{n:02d}", counters=2, walk_in_share=30, hours=hours,
        name=f"狮山街道便民服务中心{n}") for n in range(CENTRES)]
day = schedule.bookable_days(rush[0], now)[-1]  # the day that opens now: no slot rows yet
# The ratio's bookings must not meet a full slot: big centres on another day.
big = [make_open_centre(f"RATIO{n:02d}", counters=100, hours=hours, name=f"大中心{n}") for n in range(10)]
ratio_day = schedule.bookable_days(big[0], now)[1]
places = []
for centre in big:
    starts = schedule.bookable_starts(centre, ratio_day, now)
    capacity.ensure_slots(centre, starts)
    Slot.objects.filter(centre=centre, start__in=starts).update(capacity_minutes=10**6)
    places += [(centre.pk, s.isoformat()) for s in starts]
store = import_module(settings.SESSION_ENGINE).SessionStore
sessions = []
for n in range(ACCOUNTS):
    user = ensure_user(email=f"rush{n}@test.local", password="rush-pass-1")
    session = store()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
guides = [m.url for m in MatterPage.objects.live().order_by("code")[:10]]
print(json.dumps({"centres": [c.pk for c in rush], "day": day.isoformat(), "matter": "MATTER",
    "places": places, "sessions": sessions, "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME, "guides": guides}))
"""
