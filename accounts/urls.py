from django.urls import path

from . import token_views, views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", token_views.create_token, name="token-create"),
    path("profile/tokens/<int:token_id>/revoke/", token_views.revoke_token, name="token-revoke"),
]
