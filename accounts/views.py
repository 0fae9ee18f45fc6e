"""The profile page (/profile/): who you are, your roles and your own settings."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from nprz_dashboard.http_methods import form_page
from nprz_dashboard.roles import ROLE_LABELS, ROLES, role_names

from .forms import PreferenceForm
from .models import preference_of
from .token_views import token_context


@form_page
def profile(request):
    preference = preference_of(request.user)
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=preference)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        state = "aan" if form.instance.reminders else "uit"
        messages.success(request, f"Je voorkeuren zijn opgeslagen: herinneringen per e-mail staan {state}.")
        return redirect("profile")
    held = role_names(request.user)
    context = {
        "page_title": "Mijn profiel",
        "form": form,
        "roles": [ROLE_LABELS[role] for role in ROLES if role in held],
        "has_email": bool(request.user.email),
        **token_context(request.user),  # the API tokens section
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)
