from django.urls import path

from . import token_views, views
from .oidc import views as sign_in

urlpatterns = [
    path("accounts/login/", sign_in.Login.as_view(), name="login"),
    path("accounts/break-glass/", sign_in.Login.as_view(break_glass=True), name="break-glass"),
    path("accounts/logout/", sign_in.logout, name="logout"),
    path("oidc/authenticate/", sign_in.start, name="oidc_authentication_init"),
    path("oidc/callback/", sign_in.callback, name="oidc_authentication_callback"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", token_views.create_token, name="token-create"),
    path("profile/tokens/<int:token_id>/revoke/", token_views.revoke_token, name="token-revoke"),
]
