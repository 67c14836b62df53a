from django.urls import path

from flowback import views

# Only with DEBUG (see site/urls.py): production subscribers are real systems.
urlpatterns = [
    path("flowback/demo-inbox/<slug:slug>/", views.demo_inbox, name="flowback_demo_inbox"),
]
