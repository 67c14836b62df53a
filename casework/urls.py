from django.urls import path

from casework import views

urlpatterns = [
    path("counter/", views.workbench, name="counter_workbench"),
    path("counter/scan/", views.scan, name="counter_scan"),
    path("counter/intake/<str:reference>/", views.intake, name="counter_intake"),
    path("counter/intake/<str:reference>/reveal/", views.reveal, name="counter_reveal"),
    path("counter/cases/<str:case_number>/", views.case_detail, name="counter_case"),
    path("counter/queue/next/", views.call_next, name="counter_call_next"),
    path("counter/queue/walk-in/", views.walk_in, name="counter_walk_in"),
    path("counter/audit/", views.audit, name="counter_audit"),
    path("hall/<str:centre_code>/", views.hall, name="hall"),
]
