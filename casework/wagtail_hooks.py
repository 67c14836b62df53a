"""The queue place and a case waiting for materials, on the resident's appointment pages."""

from wagtail import hooks

from casework.selectors import place_in_queue, queue_facts, returned_case


@hooks.register("appointment_page_context")
def queue_and_returned_case(appointment, *, public):
    return {"queue": place_in_queue(appointment), "returned": returned_case(appointment)}


@hooks.register("appointment_list_facts")
def queue_numbers(appointments):
    queue_facts(appointments)
