from django.urls import path

from nprz_dashboard.http_methods import form_page, read_only_page

from . import token_views, views
from .oidc import views as sign_in

urlpatterns = [
    # Django's LoginView takes PUT as a post; the login page shows a form and takes its post, nothing else.
    path("accounts/login/", form_page(sign_in.Login.as_view()), name="login"),
    path("accounts/break-glass/", form_page(sign_in.Login.as_view(break_glass=True)), name="break-glass"),
    path("accounts/logout/", sign_in.logout, name="logout"),
    # The provider sends the browser back with a GET; nothing else is asked of these two.
    path("oidc/authenticate/", read_only_page(sign_in.start), name="oidc_authentication_init"),
    path("oidc/callback/", read_only_page(sign_in.callback), name="oidc_authentication_callback"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", token_views.create_token, name="token-create"),
    path("profile/tokens/<int:token_id>/revoke/", token_views.revoke_token, name="token-revoke"),
]
