"""Rating links on the public ticket page."""

from wagtail import hooks

from ratings.selectors import rating_links


@hooks.register("appointment_page_context")
def ticket_rating_links(appointment, *, public):
    # Completed cases get a rating link on the ticket; a batch lists one per case, by number only.
    return {"ratings": rating_links(appointment.pk)} if public else {}
