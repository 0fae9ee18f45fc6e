from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "NPRZ Werkmonitor: technisch beheer"
admin.site.site_title = "NPRZ Werkmonitor"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/blokkades/", views.login_blocks, name="login-blocks"),
    path("begrippen/", views.glossary, name="glossary"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("accounts.urls")),
    path("", include("activities.urls")),
    path("", include("benchmarks.urls")),
    path("", include("monitoring.urls")),
    path("", include("programme.urls")),
]
