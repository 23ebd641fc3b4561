"""`reglament serve`: the HTTP API (the `server` package) on uvicorn.

The corpus is read and checked once at start: specs with errors are refused (exit 1, every
located error on stderr), as a bad option or a token file that cannot be read is (exit 2).
Reading is open; the token (read from a file, never given on the command line, where `ps`
would show it; there is no default) is what the journal's writing endpoints need; the
journal of `--db` is opened (created when missing) and checked before the server listens.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from commands.journals import open_journal
from commands.workspace import EXIT_USAGE, CommandError, require_specs_dir
from engine import SpecErrors
from engine.calendar import CalendarError

__all__ = ["read_token", "run_serve", "serve_command"]

EXIT_FAILED = 1


def read_token(token_file: str | None) -> str | None:
    """The token in `token_file` (its first line, stripped), or None without a file.

    Raises:
        CommandError: the file cannot be read or holds no token (2).
    """
    if token_file is None:
        return None
    try:
        token = Path(token_file).read_text(encoding="utf-8").strip().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"--token-file {token_file!r}: {exc.__class__.__name__}: {exc}",
                           EXIT_USAGE) from None
    if not token or len(token[0].strip()) < 16:
        raise CommandError(f"--token-file {token_file!r} holds no token of 16 characters or "
                           "more (hint: python -c 'import secrets; print(secrets.token_urlsafe())' "
                           "> FILE)", EXIT_USAGE)
    return token[0].strip()


def run_serve(specs: str | None, db: str | None, host: str, port: int,
              token_file: str | None, limit_concurrency: int | None = None) -> int:
    """Serve the API on `host`:`port` until interrupted; the exit code. Past
    `limit_concurrency` requests at once (default `server.MAX_CONCURRENT`), 503 problems."""
    import uvicorn  # only `serve` needs the web stack

    from server import MAX_CONCURRENT, create_app, load_state

    try:
        if limit_concurrency is not None and limit_concurrency < 1:
            raise CommandError(f"--limit-concurrency {limit_concurrency}: expected 1 or more",
                               EXIT_USAGE)
        where = require_specs_dir(specs)
        token = read_token(token_file)
        try:
            state = load_state(where, token=token, db=Path(db) if db else None)
        except SpecErrors as error:
            raise CommandError(f"the specs have {len(error.errors)} error(s) (hint: reglament "
                               "check shows them all)", EXIT_FAILED,
                               [str(e) for e in error.errors]) from None
        except CalendarError as error:
            raise CommandError(str(error), EXIT_FAILED) from None
        if db is not None:  # a journal that cannot be written is refused before listening
            open_journal(db, create=True, writing=True).close()
    except CommandError as error:
        return error.report("serve", sys.stderr)
    app = create_app(state, max_concurrent=limit_concurrency or MAX_CONCURRENT)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0


def serve_command(
    specs: Annotated[str | None, typer.Option(
        "--specs", metavar="DIR", help="The specs served (default $REGLAMENT_SPECS or the "
        "project's specs/).", show_default=False)] = None,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="PATH", help="The journal of cases the /cases endpoints read and write (created "
        "when missing).",
        show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="The port to listen on.")] = 8000,
    token_file: Annotated[str | None, typer.Option(
        "--token-file", metavar="FILE", help="A file whose first line is the token that "
        "writing needs; without it, writing is refused.", show_default=False)] = None,
    limit_concurrency: Annotated[int | None, typer.Option(
        "--limit-concurrency", metavar="N", help="The requests worked on at once; more are "
        "answered 503 with Retry-After at once (default 64).", show_default=False)] = None,
) -> None:
    """Serve the HTTP API (docs/api.md) on the specs: services, specs, due, check, cases."""
    raise typer.Exit(run_serve(specs, db, host, port, token_file, limit_concurrency))
