"""Who may write: the bearer of the token of `--token-file`, and no one without it.

The token is compared with `hmac.compare_digest` (in constant time, so the answer's delay
says nothing of how much of a guess was right). A server started without a token refuses
every write, saying how to start it with one; reading stays open.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from server.lookup import state_of
from server.problems import Problem

__all__ = ["require_token"]

_START = ("start the server with --token-file FILE, FILE holding a token of 16 characters "
          "or more: python -c 'import secrets; print(secrets.token_urlsafe())' > FILE")


def require_token(request: Request) -> None:
    """A dependency of every writing endpoint: the request bears the server's token.

    Raises:
        Problem: 401 without an `Authorization: Bearer` header, 403 with a wrong token or
            when the server has none.
    """
    token = state_of(request).token
    if token is None:
        raise Problem(403, f"writing is off: this server was started without a token (hint: "
                      f"{_START})", kind="writing-off")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Problem(401, "writing needs the header Authorization: Bearer <token> (hint: the "
                      "token is the first line of the server's --token-file)",
                      kind="unauthorized", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        raise Problem(403, "the bearer token is not this server's (hint: the token is the "
                      "first line of the server's --token-file)", kind="forbidden")
