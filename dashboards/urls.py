from django.urls import path

from dashboards import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/province/", views.dashboard, {"level": "province"}, name="dashboard_province"),
    path("dashboard/<slug:level>/<str:code>/", views.dashboard, name="dashboard_scope"),
]
