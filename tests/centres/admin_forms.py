"""Form data of the centre edit page in the admin, as a browser posts it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data


def centre_edit_data(centre, **changes):
    """The centre as it stands, with ``changes`` (field name → posted value)."""
    sessions = [
        {
            "id": s.pk,
            "weekday": s.weekday,
            "start": s.start.strftime("%H:%M"),
            "end": s.end.strftime("%H:%M"),
        }
        for s in centre.sessions.all()
    ]
    fields = {
        "county": centre.county_id,
        "code": centre.code,
        "name": centre.name,
        "address": centre.address,
        "phone": "",
        "counters": centre.counters,
        "slot_minutes": centre.slot_minutes,
        "walk_in_share": centre.walk_in_share,
        "batch_share": centre.batch_share,
        "booking_horizon_days": centre.booking_horizon_days,
        "same_day_cutoff": "11:00",
        "sessions": inline_formset(sessions, initial=len(sessions)),
        "overrides": inline_formset([]),
    }
    fields.update(changes)
    return nested_form_data(fields)
