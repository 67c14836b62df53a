from django.urls import path, re_path

from enterprises import officer_views, views

urlpatterns = [
    path("enterprise/", views.home, name="enterprise_home"),
    path("enterprise/officers/<int:pk>/", officer_views.decide, name="enterprise_officer_decide"),
    path("enterprise/batches/new/", views.new_batch, name="enterprise_new_batch"),
    path("enterprise/batches/confirm/", views.confirm_batch, name="enterprise_confirm_batch"),
    path("enterprise/batches/<str:reference>/", views.batch_detail, name="enterprise_batch"),
    # Only what an upload accepts: a printed (PDF) form would have to be typed again.
    re_path(
        r"^enterprise/roster-template\.(?P<kind>csv|xlsx)$",
        views.roster_template,
        name="enterprise_roster_template",
    ),
]
