from django.urls import path

from .caseload import views as caseload

urlpatterns = [
    path("caseload/", caseload.caseload, name="caseload"),
    path("caseload/figures/", caseload.figures, name="caseload-figures"),
    path("caseload/prognose/", caseload.forecast_method, name="caseload-forecast"),
]
