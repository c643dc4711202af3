"""`mailroom users` and `mailroom review`: thin click commands over pipeline.review.

Nothing here imports Flask until a command runs, so `mailroom --help` stays fast.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

OUT_OPTION = click.option("--out", type=click.Path(path_type=Path), default=Path("out"),
                          show_default=True, help="The folder given to `mailroom process`.")


def _store(out: Path) -> Path:
    path = out / "mailroom.sqlite"
    if not path.exists():
        raise click.ClickException(f"{path} does not exist: run `mailroom process INBOX "
                                   f"--out {out}` first")
    return path


@click.group()
def users() -> None:
    """Create the people who use the review station (there is no default account).

    Example: mailroom users add alice --role clerk --out out
    """


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["clerk", "supervisor"]), required=True,
              help="A clerk works the queue; a supervisor also manages users.")
@OUT_OPTION
@click.password_option(help="Asked twice when not given (never shown).")
def add(name: str, role: str, out: Path, password: str) -> None:
    """Add a user; the password is asked twice and kept as an Argon2 hash.

    Example: mailroom users add alice --role clerk --out out
    """
    from .auth import AuthError, add_user
    from .db import connect, prepare

    path = _store(out)
    prepare(path)
    db = connect(path)
    try:
        add_user(db, name, password, role)
    except AuthError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        db.close()
    click.echo(f"added {role} {name} to {path}")


@users.command("list")
@OUT_OPTION
def list_(out: Path) -> None:
    """List the users of the station.

    Example: mailroom users list --out out
    """
    from .auth import list_users
    from .db import connect, prepare

    path = _store(out)
    prepare(path)
    db = connect(path)
    for user in list_users(db):
        click.echo(f"{user.name}\t{user.role}\t{'active' if user.active else 'disabled'}")
    db.close()


@click.command()
@OUT_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep 127.0.0.1 behind a TLS proxy).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--inbox", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the originals are (default: the inbox `process` recorded).")
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Requests served at once by each process.")
@click.option("--processes", type=click.IntRange(1, 64), default=None,
              help="Server processes sharing the port (default: the machine's cores).")
@click.option("--behind-tls-proxy", is_flag=True,
              help="A TLS proxy in front serves the pages: session cookies are Secure.")
def review(out: Path, host: str, port: int, inbox: Path | None, threads: int,
           processes: int | None, behind_tls_proxy: bool) -> None:
    """Start the clerks' review station over OUT's store.

    Example: mailroom review --out out --port 8000
    """
    from .app import create_app
    from .auth import list_users
    from .db import connect
    from .serve import run

    path = _store(out)
    app = create_app(out, inbox)
    db = connect(path)
    if not list_users(db):
        click.echo(f"no user yet: add one with `mailroom users add NAME --role clerk "
                   f"--out {out}`", err=True)
    db.close()
    click.echo(f"review station on http://{host}:{port}/ (Ctrl+C to stop)")
    run(app, host, port, threads, processes or os.cpu_count() or 1,
        "https" if behind_tls_proxy else "http")
