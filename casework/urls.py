from django.urls import path

from casework.views import cases, desk, hall, intake

urlpatterns = [
    path("counter/", desk.workbench, name="counter_workbench"),
    path("counter/scan/", desk.scan, name="counter_scan"),
    path("counter/reception/", desk.reception, name="counter_reception"),
    path("counter/slip/<str:number>/", desk.slip, name="counter_slip"),
    path("counter/walk-in/", desk.walk_in, name="counter_walk_in"),
    path("counter/find/", desk.find, name="counter_find"),
    path("counter/intake/<str:reference>/", intake.intake, name="counter_intake"),
    path("counter/intake/<str:reference>/reveal/", intake.reveal, name="counter_reveal"),
    path("counter/cases/<str:case_number>/", cases.case_detail, name="counter_case"),
    path("counter/cases/<str:case_number>/print/", cases.case_print, name="counter_case_print"),
    path("counter/queue/next/", desk.call_next, name="counter_call_next"),
    path("counter/queue/skip/", desk.skip, name="counter_skip"),
    path("counter/audit/", cases.audit, name="counter_audit"),
    path("hall/<str:centre_code>/", hall.hall, name="hall"),
    path("hall/<str:centre_code>/calls.json", hall.hall_calls, name="hall_calls"),
]
