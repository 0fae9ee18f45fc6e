from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .http_methods import form_page

admin.site.site_header = "NPRZ Werkmonitor: technisch beheer"
admin.site.site_title = "NPRZ Werkmonitor"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Django's LoginView takes PUT as a post; the login page shows a form and takes its post, nothing else.
    path("accounts/login/", form_page(auth_views.LoginView.as_view(redirect_authenticated_user=True)), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
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
