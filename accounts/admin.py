"""The technical administrator's view of API tokens (who has which, revoke one, the trail) and of city accounts."""

from django.contrib import admin, messages

from nprz_dashboard.admin import ReadOnlyAdmin

from . import api_tokens
from .oidc.models import CityAccount


@admin.register(api_tokens.ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "display_prefix", "user", "created_at", "expires_at", "last_used_at", "state"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = [f.name for f in api_tokens.ApiToken._meta.fields if f.name != "digest"]
    exclude = ["digest"]
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False  # a token is made by its owner on the profile page, where it is shown once

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the token stays, with who revoked it

    @admin.action(description="Geselecteerde API-sleutels intrekken")
    def revoke_selected(self, request, queryset):
        revoked = sum(api_tokens.revoke(token, request.user) for token in queryset)
        messages.success(request, f"{revoked} API-sleutel(s) ingetrokken.")


@admin.register(api_tokens.TokenEvent)
class TokenEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "token_id", "token_prefix", "owner", "actor"]
    list_filter = ["action"]


@admin.register(CityAccount)
class CityAccountAdmin(ReadOnlyAdmin):
    """Which user is which account at the city's provider; written only at sign-in (accounts/oidc/backend.py)."""

    list_display = ["user", "subject", "issuer", "created"]
    search_fields = ["user__username", "subject"]
