from django.urls import path

from appointments.views import booking, by_id, mine, tickets

urlpatterns = [
    path("book/", booking.start, name="book_start"),
    path("book/situations/", booking.situations, name="book_situations"),
    path("book/centre/", booking.centre, name="book_centre"),
    path("book/day/", booking.day, name="book_day"),
    path("book/time/", booking.time, name="book_time"),
    path("book/confirm/", booking.confirm, name="book_confirm"),
    path("appointments/", mine.my_appointments, name="my_appointments"),
    path("appointments/by-id/", by_id.bookings_by_id, name="bookings_by_id"),
    path("appointments/<str:reference>/", mine.detail, name="appointment_detail"),
    path("appointments/<str:reference>/checklist/", mine.checklist, name="appointment_checklist"),
    path("appointments/<str:reference>/calendar.ics", mine.calendar_file, name="appointment_ics"),
    path("appointments/<str:reference>/cancel/", mine.cancel, name="appointment_cancel"),
    path(
        "appointments/<str:reference>/reschedule/", mine.reschedule, name="appointment_reschedule"
    ),
    path("t/<str:token>", tickets.ticket, name="ticket"),
    path("t/<str:token>/qr.svg", tickets.qr_svg, name="ticket_qr_svg"),
    path("t/<str:token>/qr.png", tickets.qr_png, name="ticket_qr_png"),
]
