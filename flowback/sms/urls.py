from django.urls import path

from flowback.sms import views

urlpatterns = [path("appointments/reminders/", views.reminders, name="sms_reminders")]
