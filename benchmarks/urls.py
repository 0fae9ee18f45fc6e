from django.urls import path

from . import views

urlpatterns = [
    path("caseload/g4/", views.g4, name="caseload-g4"),
]
