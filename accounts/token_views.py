"""The API tokens section of the profile page: make a token (shown once) and revoke one.

Kept apart from the profile view so the page's other sections change on their
own; the profile view only adds `token_context` to its context.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from nprz_dashboard.roles import VIEWER, has_role, role_required

from . import api_tokens
from .token_forms import TokenForm


def token_context(user, form: TokenForm | None = None) -> dict:
    """Return what the tokens section shows: the user's tokens and the form (one query)."""
    if not has_role(user, VIEWER):
        return {"api_tokens_allowed": False}
    return {
        "api_tokens_allowed": True,
        "api_tokens": list(api_tokens.ApiToken.objects.of_user(user)),
        "token_form": form or TokenForm(),
        "token_limit": api_tokens.MAX_ACTIVE,
    }


@role_required(VIEWER)
@require_POST
def create_token(request):
    """Make a token and show it once; on bad input show the form again with the Dutch message."""
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            token, raw = api_tokens.issue(request.user, form.cleaned_data["name"], form.cleaned_data["days"])
        except api_tokens.TooManyTokens:
            form.add_error(
                None,
                f"Je hebt al {api_tokens.MAX_ACTIVE} actieve API-sleutels. Trek er eerst één in die je niet meer "
                "gebruikt.",
            )
        else:
            context = {"page_title": "Je nieuwe API-sleutel", "token": token, "raw": raw}
            return render(request, "accounts/token_created.html", context)
    context = {"page_title": "Nieuwe API-sleutel", **token_context(request.user, form)}
    return render(request, "accounts/token_form.html", context, status=400)


@role_required(VIEWER)
@require_POST
def revoke_token(request, token_id: int):
    """Revoke one of the user's own tokens (someone else's is a 404)."""
    token = get_object_or_404(api_tokens.ApiToken, pk=token_id, user=request.user)
    if api_tokens.revoke(token, request.user):
        messages.success(request, f"De API-sleutel ‘{token.name}’ is ingetrokken en werkt niet meer.")
    else:
        messages.info(request, f"De API-sleutel ‘{token.name}’ was al ingetrokken.")
    return redirect("/profile/#api-sleutels")
