"""The profile page: who you are, your role, and whether you want reminders by e-mail."""

from accounts.models import Preference, wants_reminders
from tests.helpers import text_of


def test_it_shows_the_user_and_their_role(editor_client):
    text = text_of(editor_client.get("/profile/"))
    assert "Gebruikersnaam beheerder" in text
    assert "Rol beheerder" in text


def test_it_says_when_no_email_address_is_known(editor_client, editor):
    assert "geen e-mailadres bekend" in text_of(editor_client.get("/profile/"))
    editor.email = "beheerder@rotterdam.nl"
    editor.save()
    assert "geen e-mailadres bekend" not in text_of(editor_client.get("/profile/"))


def test_reminders_are_on_until_switched_off(editor_client, editor):
    assert wants_reminders(editor)
    response = editor_client.post("/profile/", {}, follow=True)  # an unticked box is not posted
    assert "herinneringen per e-mail staan uit" in text_of(response)
    assert not wants_reminders(editor)
    editor_client.post("/profile/", {"reminders": "on"})
    assert wants_reminders(editor)
    assert Preference.objects.filter(user=editor).count() == 1


def test_the_header_links_to_the_profile(viewer_client):
    assert 'href="/profile/"' in viewer_client.get("/").content.decode()


def test_anonymous_users_are_sent_to_the_login_page(client, db):
    response = client.get("/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
