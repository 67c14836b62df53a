from django.urls import path

from centres import views

urlpatterns = [
    path("centres/", views.directory, name="centre_directory"),
    path("centres/<str:code>/", views.centre_page, name="centre_page"),
]
