"""A real OpenID Connect provider on loopback for the sign-in tests: tools/oidc_provider.mjs (npm oidc-provider).

A missing node or npm package is a failure, never a skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import requests

from nprz_dashboard.environment import oidc_form_targets, oidc_settings

ROOT = Path(__file__).resolve().parent.parent
CLIENT_ID = "werkmonitor"
CLIENT_SECRET = "geheim-alleen-voor-tests"


class Provider:
    """The provider process, registered for the app at `app`, and the file its accounts are read from."""

    def __init__(self, world: Path, app: str):
        self.world = world
        self.client = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [f"{app}/oidc/callback/"],
            "post_logout_redirect_uris": [f"{app}/accounts/login/"],
            "token_endpoint_auth_method": "client_secret_post",
        }
        self.accounts({})
        node = shutil.which("node")
        assert node, "node is needed for the sign-in tests (Node >= 20): install it, the tests don't skip"
        assert (ROOT / "node_modules/oidc-provider").is_dir(), "run `npm ci`: the npm package oidc-provider is missing"
        self.log = world.with_suffix(".log").open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [node, "tools/oidc_provider.mjs", str(world)], cwd=ROOT, stdout=subprocess.PIPE, stderr=self.log, text=True
        )
        line = self.process.stdout.readline()
        assert line.startswith("listening "), f"the provider did not start: {world.with_suffix('.log').read_text()}"
        self.issuer = line.split()[1]
        self.discovery = requests.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10).json()

    def accounts(self, accounts: dict) -> None:
        """Set the provider's accounts: {sub: claims}; read again at every look-up."""
        self.world.write_text(json.dumps({"clients": [self.client], "accounts": accounts}))

    def configure(self, settings, monkeypatch) -> None:
        """Turn sign-in with the city's account on through the variables the README lists."""
        found = self.discovery
        variables = {
            "OIDC_ISSUER": found["issuer"],
            "OIDC_OP_AUTHORIZATION_ENDPOINT": found["authorization_endpoint"],
            "OIDC_OP_TOKEN_ENDPOINT": found["token_endpoint"],
            "OIDC_OP_JWKS_ENDPOINT": found["jwks_uri"],
            "OIDC_OP_USER_ENDPOINT": found["userinfo_endpoint"],
            "OIDC_OP_LOGOUT_ENDPOINT": found["end_session_endpoint"],
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_GROUPS_VIEWER": "g-lezers",
            "OIDC_GROUPS_EDITOR": "g-beheer, g-data",
            "OIDC_GROUPS_MANAGER": "g-programma",
        }
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        read = oidc_settings()
        for name, value in read.items():
            setattr(settings, name, value)
        policy = settings.CONTENT_SECURITY_POLICY  # as settings.py builds it from the same variables
        directives = {**policy["DIRECTIVES"], "form-action": ["'self'", *oidc_form_targets(read)]}
        settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
        self.accounts({})

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process.stdout.close()
        self.log.close()
