"""What the API tests share: a token per role, clients that send it, and a fresh rate-limit count per test."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from accounts import api_tokens
from tests.conftest import make_user


def token_client(user, **changes) -> Client:
    """Return a client that sends a new token of the user (with `changes` made to the stored token)."""
    token, raw = api_tokens.issue(user, "test")
    if changes:
        api_tokens.ApiToken.objects.filter(pk=token.pk).update(**changes)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def viewer_api(viewer):
    return token_client(viewer)


@pytest.fixture
def editor_api(editor):
    return token_client(editor)


@pytest.fixture
def manager_api(manager):
    return token_client(manager)


@pytest.fixture
def expired_api(db):
    now = timezone.now()
    return token_client(
        make_user("verlopen", "viewer"), created_at=now - dt.timedelta(days=91), expires_at=now - dt.timedelta(days=1)
    )


@pytest.fixture
def revoked_api(db):
    return token_client(make_user("ingetrokken", "viewer"), revoked_at=timezone.now())
