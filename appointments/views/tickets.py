"""The public ticket page behind the QR code: status, centre and time, no personal data."""

from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from appointments import pages, tickets
from appointments.models import Appointment


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
    # The queue place, a case waiting for materials, rating links: from the apps above.
    context = pages.page_context(appointment, public=True)
    return render(
        request,
        "appointments/ticket.html",
        {"appointment": appointment, "token": token, **context},
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
