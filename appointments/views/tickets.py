"""The public ticket page behind the QR code: status, centre and time, no personal data."""

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from appointments import tickets
from appointments.models import Appointment
from casework.selectors import place_in_queue, returned_case
from ratings.selectors import rating_links


def _appointment(token: str) -> Appointment:
    try:
        reference = tickets.reference_from_token(token)
    except signing.BadSignature:
        raise Http404(_("无效的预约码。")) from None
    appointment = Appointment.objects.select_related("centre").filter(reference=reference).first()
    if appointment is None:
        raise Http404(_("无效的预约码。"))
    return appointment


@never_cache
def ticket(request, token):
    appointment = _appointment(token)
    # Completed cases get a rating link here; a batch lists one per case, by number only.
    ratings = rating_links(appointment.pk)
    return render(
        request,
        "appointments/ticket.html",
        {
            "appointment": appointment,
            "token": token,
            "ratings": ratings,
            "queue": place_in_queue(appointment),
            "returned": returned_case(appointment),
        },
    )


def qr_svg(request, token):
    appointment = _appointment(token)
    svg = tickets.qr_svg(tickets.ticket_url(appointment.reference))
    return HttpResponse(svg, content_type="image/svg+xml")


def qr_png(request, token):
    appointment = _appointment(token)
    response = HttpResponse(
        tickets.qr_png(tickets.ticket_url(appointment.reference)), content_type="image/png"
    )
    response["Content-Disposition"] = f'attachment; filename="ticket-{appointment.reference}.png"'
    return response
