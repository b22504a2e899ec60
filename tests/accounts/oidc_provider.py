"""A small but real OpenID Connect provider for the sign-in tests, run as a separate process:

    python tests/accounts/oidc_provider.py CONFIG.json

It serves discovery, JWKS, an authorization endpoint with a login form (user name and password),
a token endpoint (authorization code, client secret, PKCE S256, one-time codes) issuing RS256-signed
ID tokens, and userinfo with the person's groups — over HTTP on 127.0.0.1. The signing and the JWKS
use joserfc (the JOSE library of Authlib). It prints its base URL on the first line of stdout.

CONFIG: {"client_id": …, "client_secret": …, "users": {"name": {"password": …, "email": …,
"name": …, "groups": […], optional "sub" (default: the name) and "email_verified" (default true,
null leaves the claim out)}}}
"""

import base64
import hashlib
import html
import json
import secrets
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CONFIG = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
KEY = RSAKey.generate_key(2048, parameters={"kid": "test-key-1", "use": "sig", "alg": "RS256"}, private=True)
CODES: dict[str, dict] = {}
TOKENS: dict[str, dict] = {}


class Provider(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def send(self, status: int, body, content_type="application/json", headers=None):
        data = (
            body
            if isinstance(body, bytes)
            else (json.dumps(body) if content_type == "application/json" else body).encode()
        )
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def form(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

    def do_GET(self):
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            return self.send(200, {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "userinfo_endpoint": f"{self.issuer}/userinfo",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            })  # fmt: skip
        if url.path == "/jwks":
            return self.send(200, {"keys": [KEY.as_dict(private=False)]})
        if url.path == "/authorize":
            if query.get("client_id") != CONFIG["client_id"] or query.get("response_type") != "code":
                return self.send(400, {"error": "invalid_request"})
            hidden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in query.items()
            )
            page = f'<form method="post" action="/authorize">{hidden}<input name="username"><input name="password" type="password"><button>Login</button></form>'
            return self.send(200, page, "text/html")
        if url.path == "/userinfo":
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if token not in TOKENS:
                return self.send(401, {"error": "invalid_token"})
            return self.send(200, TOKENS[token])
        return self.send(404, {"error": "not_found"})

    def do_POST(self):
        url = urlsplit(self.path)
        data = self.form()
        if url.path == "/authorize":
            user = CONFIG["users"].get(data.get("username", ""))
            if user is None or user["password"] != data.get("password"):
                return self.send(401, "wrong password", "text/plain")
            code = secrets.token_urlsafe(24)
            CODES[code] = {**data, "user": user, "sub": data["username"]}
            target = data["redirect_uri"] + "?" + urlencode({"code": code, "state": data["state"]})
            return self.send(302, b"", "text/plain", {"Location": target})
        if url.path == "/token":
            grant = CODES.pop(data.get("code", ""), None)  # one-time
            if (
                grant is None
                or data.get("client_id") != CONFIG["client_id"]
                or data.get("client_secret") != CONFIG["client_secret"]
                or data.get("redirect_uri") != grant["redirect_uri"]
            ):
                return self.send(400, {"error": "invalid_grant"})
            if "code_challenge" in grant:
                digest = hashlib.sha256(data.get("code_verifier", "").encode()).digest()
                if base64.urlsafe_b64encode(digest).rstrip(b"=").decode() != grant["code_challenge"]:
                    return self.send(400, {"error": "invalid_grant", "error_description": "PKCE"})
            user, now = grant["user"], int(time.time())
            claims = {"sub": user.get("sub", grant["sub"]), "email": user["email"], "name": user["name"]}
            if user.get("email_verified", True) is not None:  # None: the claim is left out
                claims["email_verified"] = user.get("email_verified", True)
            id_token = jwt.encode(
                {"alg": "RS256", "kid": KEY.kid},
                {
                    **claims,
                    "iss": self.issuer,
                    "aud": CONFIG["client_id"],
                    "iat": now,
                    "exp": now + 300,
                    "nonce": grant.get("nonce"),
                },
                KEY,
            )
            access_token = secrets.token_urlsafe(24)
            TOKENS[access_token] = {**claims, "groups": user["groups"]}
            return self.send(
                200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}
            )
        return self.send(404, {"error": "not_found"})


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
