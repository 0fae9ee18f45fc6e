"""Personal API tokens on the profile page: made and shown once, kept hashed, expiring, revocable, audited."""

import datetime as dt
import hashlib
import re

from django.test import Client
from django.utils import timezone

from accounts.api_tokens import MAX_ACTIVE, ApiToken, TokenEvent
from tests.api.conftest import token_client
from tests.conftest import make_user
from tests.helpers import text_of


def token_client_for(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def new_token(client, name="Power BI", days="90") -> tuple[str, object]:
    response = client.post("/profile/tokens/", {"name": name, "days": days})
    assert response.status_code == 200
    raw = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.content.decode()).group(1)
    return raw, response


def test_a_new_token_is_shown_once_and_stored_only_as_its_sha256(viewer_client, viewer):
    raw, response = new_token(viewer_client)
    assert "je ziet hem maar één keer" in text_of(response)
    token = ApiToken.objects.get(user=viewer)
    assert raw.startswith(f"wm_{token.prefix}_") and len(raw) > 40
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in str(list(ApiToken.objects.values()))
    profile = viewer_client.get("/profile/").content.decode()
    assert raw not in profile and f"wm_{token.prefix}_…" in profile
    assert "no-store" in response["Cache-Control"]


def test_it_expires_after_90_days_unless_chosen_otherwise(viewer_client, viewer):
    new_token(viewer_client)
    new_token(viewer_client, name="Python", days="30")
    lifetimes = {t.name: (t.expires_at - t.created_at).days for t in ApiToken.objects.filter(user=viewer)}
    assert lifetimes == {"Power BI": 90, "Python": 30}


def test_the_token_works_until_it_is_revoked(viewer_client, viewer):
    raw, _ = new_token(viewer_client)
    api = token_client_for(raw)
    assert api.get("/api/v1/areas/").status_code == 200
    token = ApiToken.objects.get(user=viewer)
    response = viewer_client.post(f"/profile/tokens/{token.pk}/revoke/", follow=True)
    assert "is ingetrokken en werkt niet meer" in text_of(response)
    assert api.get("/api/v1/areas/").status_code == 401
    assert "ingetrokken" in text_of(viewer_client.get("/profile/"))


def test_an_expired_token_stops_working(viewer_client, viewer):
    raw, _ = new_token(viewer_client)
    now = timezone.now()
    ApiToken.objects.filter(user=viewer).update(created_at=now - dt.timedelta(days=91), expires_at=now)
    response = token_client_for(raw).get("/api/v1/areas/")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Deze API-sleutel is onbekend, verlopen of ingetrokken")
    assert "verlopen" in text_of(viewer_client.get("/profile/"))


def test_the_last_use_is_stamped(viewer_client, viewer):
    raw, _ = new_token(viewer_client)
    assert ApiToken.objects.get(user=viewer).last_used_at is None
    assert "nog niet" in text_of(viewer_client.get("/profile/"))
    token_client_for(raw).get("/api/v1/areas/")
    assert timezone.now() - ApiToken.objects.get(user=viewer).last_used_at < dt.timedelta(minutes=1)


def test_making_and_revoking_are_audited_with_who_when_and_which_token(viewer_client, viewer):
    new_token(viewer_client)
    token = ApiToken.objects.get(user=viewer)
    viewer_client.post(f"/profile/tokens/{token.pk}/revoke/")
    viewer_client.post(f"/profile/tokens/{token.pk}/revoke/")  # a second time changes nothing
    events = list(TokenEvent.objects.order_by("id").values_list("action", "token_id", "token_prefix", "actor", "owner"))
    assert events == [
        ("created", token.pk, token.prefix, viewer.pk, viewer.pk),
        ("revoked", token.pk, token.prefix, viewer.pk, viewer.pk),
    ]
    assert all(timezone.now() - event.at < dt.timedelta(minutes=1) for event in TokenEvent.objects.all())


def test_someone_elses_token_cannot_be_revoked(viewer_client, db):
    other = make_user("ander", "viewer")
    token_client(other)
    token = ApiToken.objects.get(user=other)
    assert viewer_client.post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert not TokenEvent.objects.filter(action="revoked").exists()


def test_a_token_without_a_name_is_refused_with_a_dutch_message_and_nothing_stored(viewer_client):
    response = viewer_client.post("/profile/tokens/", {"name": "   ", "days": "90"})
    assert response.status_code == 400
    assert "Geef de sleutel een naam" in text_of(response)
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists() and not TokenEvent.objects.exists()


def test_an_unknown_lifetime_is_refused(viewer_client):
    response = viewer_client.post("/profile/tokens/", {"name": "Excel", "days": "10000"})
    assert response.status_code == 400
    assert "Kies hoe lang de sleutel geldig is" in text_of(response)
    assert not ApiToken.objects.exists()


def test_at_most_ten_tokens_are_active_at_once(viewer_client, viewer):
    for number in range(MAX_ACTIVE):
        new_token(viewer_client, name=f"sleutel {number}")
    response = viewer_client.post("/profile/tokens/", {"name": "nog een", "days": "90"})
    assert response.status_code == 400
    assert f"Je hebt al {MAX_ACTIVE} actieve API-sleutels" in text_of(response)
    assert ApiToken.objects.filter(user=viewer).count() == MAX_ACTIVE


def test_a_user_without_a_role_gets_no_token(client, db):
    outsider = make_user("geen-rol", None)
    client.force_login(outsider)
    assert "Met een rol in de werkmonitor" in text_of(client.get("/profile/"))
    assert client.post("/profile/tokens/", {"name": "x", "days": "90"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_the_token_section_uses_the_utrecht_components(viewer_client):
    new_token(viewer_client)
    html = viewer_client.get("/profile/").content.decode()
    for name in ("utrecht-table", "utrecht-textbox", "utrecht-select", "utrecht-button", "utrecht-form-field"):
        assert name in html


def test_the_technical_administrator_revokes_a_token_in_the_admin(client, viewer):
    from django.contrib.auth.models import User

    token_client(viewer)
    token = ApiToken.objects.get(user=viewer)
    admin_user = User.objects.create_superuser("technisch-beheer", password="x-lang-genoeg-wachtwoord")
    client.force_login(admin_user)
    assert client.get("/admin/accounts/apitoken/").status_code == 200
    assert token.digest not in client.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    client.post("/admin/accounts/apitoken/", {"action": "revoke_selected", "_selected_action": [token.pk]})
    assert ApiToken.objects.get(pk=token.pk).revoked_by == admin_user
    assert TokenEvent.objects.filter(action="revoked", token_id=token.pk, actor=admin_user).exists()
