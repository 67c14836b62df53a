from django.urls import path

from ratings import views

urlpatterns = [
    path("rate/<str:token>/", views.rate, name="rate_case"),
    path("counter/follow-ups/", views.follow_ups, name="counter_follow_ups"),
    path("counter/follow-ups/<int:pk>/", views.follow_up_detail, name="counter_follow_up"),
]
